// Builds and runs the embedded database: FerretDB 1.24 from cloud/ferretdb (a tiny Go main that
// embeds FerretDB's library). Used by `npm start`, the test runner and the benchmarks.
// CommonJS so jest test files can use it too.
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'cloud', 'ferretdb');

/** Path of the binary for the current go.mod/go.sum/main.go; built once, rebuilt only when they change. */
function ferretdbBinary() {
  const hash = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(SRC, f)));
  return path.join(ROOT, '.cache', 'ferretdb', hash.digest('hex').slice(0, 16), 'ferretdb');
}

function buildFerretdb({ quiet = false } = {}) {
  const bin = ferretdbBinary();
  if (existsSync(bin)) return bin;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new Error(
      '找不到 Go 工具链：构建内置数据库 FerretDB 需要 Go ≥ 1.24（https://go.dev/doc/install），或设置 MONGODB_URI 使用现成的 MongoDB',
    );
  }
  if (!quiet) console.log('· 首次构建内置数据库 FerretDB 1.24.2（约 1 分钟，只需一次）…');
  mkdirSync(path.dirname(bin), { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  const r = spawnSync('go', ['build', '-trimpath', '-o', tmp, '.'], {
    cwd: SRC,
    stdio: quiet ? 'pipe' : 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`FerretDB 构建失败：\n${r.stderr ?? ''}`);
  renameSync(tmp, bin);
  return bin;
}

function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/**
 * A free port below Linux's ephemeral range (32768–60999), so that no outgoing connection can take
 * it between this check and the server binding it.
 */
async function freePort() {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await portFree(port)) return port;
  }
  throw new Error('找不到空闲端口');
}

/** Waits until a MongoDB-protocol server answers `ping`. */
async function waitForMongo(uri, timeoutMs = 30_000) {
  const { MongoClient } = require('mongoose').mongo;
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 1000, directConnection: true });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 250));
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new Error(`数据库在 ${timeoutMs / 1000} 秒内没有响应：${last?.message ?? ''}`);
}

/**
 * Starts FerretDB on 127.0.0.1:port, SQLite in `dataDir` or PostgreSQL at `postgresqlUrl`,
 * and resolves once it answers. `pprof` (host:port) serves Go's profiler, for the bench.
 * Returns { uri, child, stop() }.
 */
async function startFerretdb({ port, dataDir, postgresqlUrl, pprof, quiet = true }) {
  const bin = buildFerretdb({ quiet });
  if (!(await portFree(port)))
    throw new Error(`内置数据库端口 ${port} 已被占用（DB_PORT），请关闭占用它的程序或换一个端口`);
  const args = ['-listen', `127.0.0.1:${port}`];
  if (postgresqlUrl) args.push('-handler', 'postgresql', '-postgresql-url', postgresqlUrl);
  else {
    mkdirSync(dataDir, { recursive: true });
    args.push('-handler', 'sqlite', '-sqlite-url', `file:${dataDir.replace(/\/?$/, '/')}`);
  }
  if (pprof) args.push('-pprof', pprof);
  const child = spawn(bin, args, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!quiet) process.stderr.write(d);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await Promise.race([
      waitForMongo(uri),
      exited.then((code) => {
        throw new Error(`FerretDB 启动失败（退出码 ${code}）：${stderr.trim().split('\n').pop() ?? ''}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    uri,
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

module.exports = { ROOT, ferretdbBinary, buildFerretdb, portFree, freePort, waitForMongo, startFerretdb };
