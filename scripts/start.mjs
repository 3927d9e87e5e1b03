#!/usr/bin/env node
// `npm start`: builds what is needed, starts the embedded database (unless MONGODB_URI is set)
// and the API, which also serves the H5 build; loads the demo county on the first run.
// Ctrl-C / SIGTERM stops both, leaving nothing running.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCloud, buildH5 } from './lib/build.mjs';
import { portFree, ROOT, startFerretdb, waitForMongo } from './lib/ferretdb.cjs';
import { syncGinIndexes } from './lib/pg-indexes.mjs';

const require = createRequire(import.meta.url);
const started = Date.now();

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}

let settings;
try {
  buildCloud();
  const { loadSettings } = require(path.join(ROOT, 'cloud', 'dist', 'config', 'settings.js'));
  settings = loadSettings({ MONGODB_URI: 'mongodb://127.0.0.1:1/placeholder', ...process.env });
} catch (err) {
  fail(err.message);
}

const dbPort = Number(process.env.DB_PORT ?? 27027);
if (!process.env.MONGODB_URI && !(Number.isInteger(dbPort) && dbPort > 0 && dbPort < 65536))
  fail('配置错误：DB_PORT 必须是 1–65535 的端口号');
if (!(await portFree(settings.port, settings.host)))
  fail(`端口 ${settings.port} 已被占用（PORT），请关闭占用它的程序，或用 PORT=7002 npm start 换一个端口`);

try {
  buildH5();
} catch (err) {
  fail(err.message);
}

let db = null;
let api = null;
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n· 正在停止…');
  if (api && api.exitCode === null && api.signalCode === null) {
    api.kill('SIGTERM');
    const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
    await new Promise((r) => api.once('exit', r));
    clearTimeout(timer);
  }
  await db?.stop();
  console.log('· 已停止');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

let mongodbUri = process.env.MONGODB_URI;
try {
  if (mongodbUri) {
    console.log('· 使用 MONGODB_URI 指定的数据库（不启动内置数据库）');
    await waitForMongo(mongodbUri);
  } else {
    const postgresqlUrl = process.env.FERRETDB_POSTGRESQL_URL;
    db = await startFerretdb({ port: dbPort, dataDir: path.join(settings.dataDir, 'db'), postgresqlUrl });
    db.exited.then((code) => {
      if (!stopping) {
        console.error(`✖ 内置数据库意外退出（退出码 ${code}）`);
        stopAll(1);
      }
    });
    mongodbUri = `${db.uri}gongzhi`;
    console.log(
      `· 内置数据库 FerretDB 已启动：127.0.0.1:${dbPort}（${postgresqlUrl ? 'PostgreSQL' : `SQLite，数据在 ${path.join(settings.dataDir, 'db')}`}）`,
    );
  }
} catch (err) {
  console.error(`✖ ${err.message}`);
  await stopAll(1);
}

api = spawn(process.execPath, [path.join(ROOT, 'cloud', 'bootstrap.js')], {
  // `npm start` is the development experience (demo county) unless NODE_ENV says production;
  // bootstrap.js alone defaults to production.
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development', MONGODB_URI: mongodbUri },
  stdio: ['ignore', 'inherit', 'inherit'],
});
api.once('exit', (code) => {
  if (!stopping) {
    console.error(`✖ API 进程退出（退出码 ${code}）`);
    stopAll(code || 1);
  }
});

const base = `http://${settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host}:${settings.port}`;
const deadline = Date.now() + 60_000;
for (;;) {
  if (stopping) await new Promise(() => {});
  try {
    if ((await fetch(`${base}/readyz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error('✖ API 在 60 秒内没有就绪，请查看 data/log 下的日志');
    await stopAll(1);
  }
  await new Promise((r) => setTimeout(r, 200));
}

// On PostgreSQL, FerretDB's own indexes serve no equality lookup: add the GIN indexes that do, now
// that the API has created its collections (a catalog check when they are already there). The API
// already answers meanwhile; without them it still works, only every lookup scans its table.
if (db && process.env.FERRETDB_POSTGRESQL_URL) {
  try {
    const r = await syncGinIndexes({
      postgresqlUrl: process.env.FERRETDB_POSTGRESQL_URL,
      database: 'gongzhi',
    });
    if (r.created.length || r.dropped.length)
      console.log(`· PostgreSQL GIN 索引：新建 ${r.created.length}，删除 ${r.dropped.length}（${r.seconds} 秒）`);
  } catch (err) {
    console.warn(`! 未能建立 PostgreSQL GIN 索引（查询会变慢）：${err.message}`);
  }
}

let accounts = [];
try {
  const res = await fetch(`${base}/api/v1/auth/demo-accounts`);
  if (res.ok) accounts = (await res.json()).accounts;
} catch {
  // production: no demo accounts
}

console.log(`
共治通已启动（${((Date.now() - started) / 1000).toFixed(1)} 秒）
  小程序 H5 版   ${base}/
  接口文档       ${base}/api/docs
  健康检查       ${base}/healthz   ${base}/readyz
  日志           ${settings.logDir}
${accounts.length ? `\n演示账号（在登录页点选即可）：\n${accounts.map((a) => `  ${a.account.padEnd(12)} ${a.name}  ${a.roleLabel}  ${a.orgName}`).join('\n')}\n` : ''}
按 Ctrl-C 停止。`);
