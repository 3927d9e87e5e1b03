// Shared by the load and fault scripts (tests/load, tests/fault): a throwaway PostgreSQL database,
// FerretDB on it, API processes run as production runs them (`node cloud/bootstrap.js`), a small
// HTTP client that times each request, and cleanup that runs whatever happens. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const ferretdb = require('../../scripts/lib/ferretdb.cjs');
export const { ROOT, freePort, startFerretdb, buildFerretdb } = ferretdb;
export const { MongoClient, ObjectId } = require('mongoose').mongo;
const jwt = require('jsonwebtoken');

// ——— cleanup ———

const cleanups = [];
let cleaning = null;

/** Registers an undo step; steps run last-registered first, once, on success, failure or Ctrl-C. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

export function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (err) {
        console.error(`  (cleanup step failed: ${err.message})`);
      }
    }
  })();
  return cleaning;
}

/**
 * Runs `main` with a hard time bound; cleans up after it in every case and exits with its code
 * (0 when every rule held, 1 when one broke, 2 when the run itself failed).
 */
export function runBounded(main, { limitMs, name }) {
  const stop = async (code, why) => {
    if (why) console.error(`✖ ${name}: ${why}`);
    await cleanup();
    process.exit(code);
  };
  process.on('SIGINT', () => stop(130, 'interrupted'));
  process.on('SIGTERM', () => stop(143, 'terminated'));
  const timer = setTimeout(() => stop(2, `gave up after ${limitMs / 1000} s`), limitMs);
  main()
    .then((code) => (clearTimeout(timer), stop(code ?? 0)))
    .catch((err) => (clearTimeout(timer), stop(2, err.stack ?? String(err))));
}

// ——— PostgreSQL + FerretDB ———

const PG_ADMIN = process.env.LOAD_POSTGRESQL_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function psql(sql) {
  return execFileSync('psql', [PG_ADMIN, '-v', 'ON_ERROR_STOP=1', '-tAqc', sql], { encoding: 'utf8' });
}

/** A fresh PostgreSQL database, dropped at cleanup. Returns its URL. */
export function freshPgDatabase(prefix) {
  const name = `${prefix}_${process.pid}_${Date.now() % 1e6}`;
  psql(`create database ${name}`);
  onCleanup(() => psql(`drop database if exists ${name} with (force)`));
  return PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
}

/**
 * PostgreSQL's own counters for one database (commits, rollbacks — a failed unique insert is one —,
 * rows inserted and read): where the database time of a run went. Counters lag up to a second.
 */
export function pgDatabaseStats(url) {
  const name = url.replace(/.*\//, '');
  const [commits, rollbacks, inserted, fetched, returned] = psql(
    `select xact_commit, xact_rollback, tup_inserted, tup_fetched, tup_returned from pg_stat_database where datname = '${name}'`,
  )
    .trim()
    .split('|')
    .map(Number);
  return { commits, rollbacks, inserted, fetched, returned };
}

/** FerretDB on PostgreSQL, listening on 127.0.0.1:port; stopped at cleanup. */
export async function startDb({ port, postgresqlUrl, pprof }) {
  const db = await startFerretdb({ port, postgresqlUrl, pprof });
  onCleanup(() => db.stop());
  return db;
}

// ——— API processes ———

export const JWT_SECRET = `load-${randomBytes(24).toString('hex')}`;

/**
 * Starts `node cloud/bootstrap.js` on a port and waits for /readyz. `stop()` sends SIGTERM (SIGKILL
 * after 10 s), `kill()` sends SIGKILL; both wait for the exit. Stopped at cleanup.
 */
export async function startApi({ port, mongodbUri, env = {}, nodeArgs = [], readyTimeoutMs = 60_000 }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `gongzhi-api-${port}-`));
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'cloud', 'bootstrap.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: mongodbUri,
      DATA_DIR: dataDir,
      H5_DIR: path.join(dataDir, 'h5'),
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      DB_TIMEOUT_MS: '2000',
      // 限流: the load, fault and bench runs send thousands of requests from this one address.
      RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE ?? '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d) => (out = (out + d).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const api = {
    port,
    base: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => out,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    async kill() {
      if (api.running) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (api.running) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  onCleanup(async () => {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!api.running) throw new Error(`API on port ${port} exited during start:\n${out}`);
    const r = await request(api.base, 'GET', '/readyz', { timeoutMs: 2000 }).catch(() => null);
    if (r?.status === 200) return api;
    if (Date.now() > deadline)
      throw new Error(`API on port ${port} not ready after ${readyTimeoutMs / 1000} s:\n${out}`);
    await sleep(100);
  }
}

// ——— HTTP ———

// A connection per request: a reused keep-alive socket the server is just closing would fail a
// request with "socket hang up" for reasons that have nothing to do with what is measured.
const agents = new Map();
function agentFor(base) {
  if (!agents.has(base)) agents.set(base, new http.Agent({ keepAlive: false, maxSockets: Infinity }));
  return agents.get(base);
}

/**
 * One request on loopback. Resolves { status, body, headers, ms } (body parsed when JSON); rejects on a
 * network error or after timeoutMs (err.code 'ECONNREFUSED', 'ECONNRESET', 'TIMEOUT', …).
 */
export function request(base, method, urlPath, { body, headers = {}, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const started = performance.now();
    const req = http.request(
      `${base}${urlPath}`,
      {
        method,
        agent: agentFor(base),
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode, body: parsed, headers: res.headers, ms: performance.now() - started });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Closes the sockets of one server (e.g. of a killed API). */
export function dropConnections(base) {
  agents.get(base)?.destroy();
  agents.delete(base);
}

// ——— demo data and tokens ———

/** Same ids as cloud/src/core/stable-id.ts. */
export function seedId(key) {
  return new ObjectId(createHash('sha1').update(`gongzhi:${key}`).digest('hex').slice(0, 24));
}

/** A token the API accepts (same claims as cloud/src/core/tokens.ts), signed with the processes' JWT_SECRET. */
export function tokenFor({ userId }) {
  // A token names the person only: roles and places are read from their account and grants per request.
  const claims = { sub: String(userId) };
  return `Bearer ${jwt.sign(claims, JWT_SECRET, { algorithm: 'HS256', expiresIn: 3600 })}`;
}

export async function signIn(base, account) {
  const r = await request(base, 'POST', '/api/v1/auth/dev-login', { body: { account } });
  if (r.status !== 200) throw new Error(`sign-in ${account}: ${r.status} ${JSON.stringify(r.body)}`);
  return `Bearer ${r.body.token}`;
}

/** An ISO instant `days` from today at a China-time hour. */
export function chinaAt(days, hour, minute = 0) {
  const c = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate() + days, hour - 8, minute)).toISOString();
}

// ——— reporting ———

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // The machine may be shared: its load when the figures were taken.
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
}

export function writeReport(file, report) {
  const target = path.join(ROOT, 'tests', '.artifacts', file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
  return target;
}

/** A seeded pseudo-random generator (mulberry32): reruns with the same seed make the same choices. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
