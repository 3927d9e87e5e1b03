// Builds what `npm start` and the tests need, each only when its sources changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './ferretdb.cjs';

function hashTree(hash, dir) {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) hashTree(hash, p);
    else hash.update(p.slice(ROOT.length)).update(readFileSync(p));
  }
}

function sourcesHash(paths) {
  const hash = createHash('sha256');
  for (const rel of paths) {
    const p = path.join(ROOT, rel);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) hashTree(hash, p);
    else hash.update(rel).update(readFileSync(p));
  }
  return hash.digest('hex');
}

function run(cmd, args, label) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: process.env });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`${label}失败`);
  }
  return Date.now() - started;
}

/**
 * Deletes compiled files whose source is gone (a file moved or removed): tsc never does, and Midway
 * loads every controller under dist/, so a stale copy mounts its routes twice and the API refuses to start.
 */
function pruneStale(dist, src) {
  if (!existsSync(dist)) return;
  for (const name of readdirSync(dist)) {
    const p = path.join(dist, name);
    if (statSync(p).isDirectory()) {
      pruneStale(p, path.join(src, name));
      continue;
    }
    const base = name.replace(/\.(js|js\.map|d\.ts|d\.ts\.map)$/, '');
    if (base === name) continue;
    if (!existsSync(path.join(src, `${base}.ts`)) && !existsSync(path.join(src, `${base}.tsx`))) rmSync(p);
  }
}

/** Compiles shared/ and cloud/ (TypeScript project references; incremental). */
export function buildCloud() {
  pruneStale(path.join(ROOT, 'cloud', 'dist'), path.join(ROOT, 'cloud', 'src'));
  pruneStale(path.join(ROOT, 'shared', 'dist'), path.join(ROOT, 'shared', 'src'));
  return run(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'cloud'],
    '编译 API ',
  );
}

const H5_SOURCES = ['miniapp', 'config', 'shared/src', 'babel.config.js', 'package-lock.json', 'project.config.json'];

/** Builds the H5 version of the mini-program into dist/h5 unless it is current. */
export function buildH5({ force = false, log = console.log } = {}) {
  const stamp = path.join(ROOT, 'dist', 'h5', '.sources-hash');
  const hash = sourcesHash(H5_SOURCES);
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 0;
  log('· 构建小程序 H5 版（约 1 分钟，源码不变时跳过）…');
  const ms = run(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'],
    '构建 H5 ',
  );
  writeFileSync(stamp, hash);
  return ms;
}
