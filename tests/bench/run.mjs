#!/usr/bin/env node
// `npm run bench`: the API on FerretDB over PostgreSQL with a county-scale dataset, each scenario
// measured with autocannon (50 connections, warm-up, then a fixed duration) against the API and, in
// the same run on the same data, against a bare Koa + MongoDB-driver server doing the same database
// work (tests/bench/baseline.mjs). Prints req/s, p50, p99 and ours ÷ baseline; writes
// tests/.artifacts/bench.json. Not part of `npm test`; timing is never asserted anywhere.
// Knobs: BENCH_SCALE (1 = 100k residents, 500k needs, 10k activities), BENCH_DURATION (s, default 10; the inbox takes 40),
// BENCH_WARMUP (s, default 3), BENCH_CONNECTIONS (default 50), BENCH_PG_CONNECTIONS (FerretDB's pool, default 20), BENCH_TIMEOUT (s per request, default 60), BENCH_ONLY (comma-separated scenario
// keys), BENCH_REGENERATE=1, BENCH_CPU_PROF=1 (writes the API's .cpuprofile to tests/.artifacts/),
// BENCH_DB_PROF=1 (writes FerretDB's Go CPU profile of each measured run there too: `go tool pprof -top`).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildCloud } from '../../scripts/lib/build.mjs';
import {
  JWT_SECRET,
  ROOT,
  buildFerretdb,
  freePort,
  machine,
  onCleanup,
  pgDatabaseStats,
  request,
  runBounded,
  seedId,
  sleep,
  startApi,
  tokenFor,
  writeReport,
} from '../support/cluster.mjs';
import { cpuPerRequest, cpuSnapshot, round1 } from './cpu.mjs';
import { COUNTY, benchId, orgTree, residentAt, staffOf } from './dataset.mjs';
import { prepareDatabase } from './setup.mjs';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 60);
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? null;
const PROFILE_DIR = path.join(ROOT, 'tests', '.artifacts', 'bench-profile');
/** host:port of FerretDB's profiler when BENCH_DB_PROF=1 (set in main). */
let DB_PPROF = null;

/** Goals of issue #7: ours ÷ baseline ≥ 0.6 on reads; p99 < 100 ms on lists at 50 connections. */
const GOAL_RATIO = 0.6;
const GOAL_P99_MS = 100;

/**
 * The scenarios: one entry each. `request(k, ctx)` builds the k-th request (k counts up across
 * connections, warm-up included), the same for ours and the baseline. `before` runs before each
 * measured server (e.g. to give back the seats a previous run took).
 */
function scenarios(ctx) {
  const { tree, sizes, token } = ctx;
  const residents = sizes.residents;
  const communities = tree.communities.length;
  const day = (offset) => new Date(Date.now() + 8 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10);
  const shiftCount = sizes.activities * sizes.shiftsPerActivity;
  return [
    {
      key: 'listMyNeeds',
      name: '我的需求 GET /api/v1/needs/mine',
      kind: 'list',
      request: (k) => {
        // Spread over many residents (each has ~5 needs at scale 1), so no one row set stays hot.
        const i = (k * 7919) % residents;
        return {
          method: 'GET',
          path: '/api/v1/needs/mine?page=1&pageSize=20',
          headers: { authorization: token(`r${i}`, () => residentToken(tree, i)) },
        };
      },
    },
    {
      key: 'staffInbox',
      name: '需求收件箱 GET /api/v1/needs?status=submitted&sort=dueSoonest',
      kind: 'list',
      // Its requests take seconds each at 50 connections: 10 s would count only the first wave.
      minSeconds: 40,
      request: (k) => {
        const ci = k % communities;
        return {
          method: 'GET',
          path: '/api/v1/needs?status=submitted&sort=dueSoonest&page=1&pageSize=20',
          headers: { authorization: token(`s${ci}`, () => staffToken(tree, ci)) },
        };
      },
    },
    {
      key: 'createNeed',
      name: '点单 POST /api/v1/needs',
      kind: 'write',
      request: (k) => {
        // Residents from the top of the range order: their own lists are not the list scenario's.
        const i = residents - 1 - (k % Math.min(residents, 20_000));
        const r = residentAt(i, tree);
        return {
          method: 'POST',
          path: '/api/v1/needs',
          headers: {
            authorization: token(`r${i}`, () => residentToken(tree, i)),
            'content-type': 'application/json',
            'idempotency-key': `bench-${ctx.runId}-need-${k}`,
          },
          body: JSON.stringify({
            menuItemId: ctx.menuItemId,
            description: '楼道灯坏了，晚上看不清台阶，麻烦派人来修一下',
            placeId: String(r.building.building._id),
            photos: [],
            answers: {},
          }),
        };
      },
    },
    {
      key: 'claimSeat',
      name: '认领名额 POST /api/v1/shifts/:id/claim',
      kind: 'write',
      // Seats taken by an earlier run or server would turn claims into "already seated" replays.
      before: async () => {
        for (const name of ['seats', 'personTime', 'waitlist']) await ctx.data.collection(name).deleteMany({});
      },
      request: (k) => {
        // A new person for every claim (no time clash), 20-seat shifts used round-robin.
        const i = k % residents;
        const shift = benchId(`shift:${Math.floor(k / 2) % Math.floor(shiftCount / 2)}:${k % 2}`);
        return {
          method: 'POST',
          path: `/api/v1/shifts/${shift}/claim`,
          headers: {
            authorization: residentToken(tree, i),
            'content-type': 'application/json',
            'idempotency-key': `bench-${ctx.runId}-claim-${k}`,
          },
          body: JSON.stringify({ wait: false }),
        };
      },
    },
    {
      key: 'dashboard',
      name: '三率统计 GET /api/v1/stats/responses（县级，近 90 天）',
      kind: 'read',
      request: () => ({
        method: 'GET',
        path: `/api/v1/stats/responses?from=${day(-90)}&to=${day(0)}&level=department`,
        headers: {
          authorization: token('county', () =>
            tokenFor({ userId: seedId('user:countyAdmin'), roles: ['countyAdmin'], orgId: COUNTY }),
          ),
        },
      }),
    },
  ];
}

function residentToken(tree, i) {
  const r = residentAt(i, tree);
  return tokenFor({
    userId: r._id,
    roles: ['resident'],
    orgId: r.building.building._id,
    communityId: r.community.community._id,
    streetId: r.community.street._id,
  });
}

function staffToken(tree, ci) {
  const c = tree.communities[ci];
  return tokenFor({
    userId: staffOf(ci),
    roles: ['staff'],
    orgId: c.community._id,
    communityId: c.community._id,
    streetId: c.street._id,
  });
}

/** The baseline server as its own process, like the API (stopped at cleanup). */
async function startBaseline({ port, mongodbUri }) {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'bench', 'baseline.mjs')], {
    env: { ...process.env, PORT: String(port), MONGODB_URI: mongodbUri, JWT_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + d).slice(-10_000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-10_000)));
  const exited = new Promise((r) => child.once('exit', r));
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`baseline exited:\n${out}`);
    if (out.includes('listening')) return { base, pid: child.pid, output: () => out };
    await sleep(100);
  }
  throw new Error(`baseline not listening:\n${out}`);
}

/** One autocannon run; `counter` is shared so warm-up and measured runs never repeat a request. */
function cannon(base, scenario, seconds, counter) {
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: TIMEOUT,
    requests: [
      {
        setupRequest: (req) => {
          const r = scenario.request(counter.k++);
          return { ...req, ...r };
        },
      },
    ],
  });
}

/** One request on its own (no other load): its status and time. */
async function single(target, scenario, counter) {
  const r = scenario.request(counter.k++);
  const res = await request(target.base, r.method, r.path, {
    headers: r.headers,
    body: r.body === undefined ? undefined : JSON.parse(r.body),
    timeoutMs: 300_000,
  }).catch((err) => {
    throw new Error(`${scenario.key} on ${target.name}: ${err.message}\n${target.output?.().slice(-2000) ?? ''}`);
  });
  if (res.status !== 200) {
    throw new Error(`${scenario.key} on ${target.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return res.ms;
}

async function measure(target, scenario, counter) {
  if (scenario.before) await scenario.before();
  // Three requests one after another: a 4xx/5xx means the scenario is wrong, not slow; the
  // median is the latency without concurrency.
  const alone = [];
  for (let i = 0; i < 3; i++) alone.push(await single(target, scenario, counter));
  alone.sort((a, b) => a - b);
  try {
    return await underLoad(target, scenario, counter, Math.round(alone[1]));
  } catch (err) {
    // e.g. the server still busy with what autocannon abandoned: the time alone is still a figure.
    err.aloneMs = Math.round(alone[1]);
    throw err;
  }
}

/** FerretDB's CPU profile over the next `seconds`, written to `file` (BENCH_DB_PROF=1). */
async function profileDatabase(pprof, seconds, file) {
  const res = await fetch(`http://${pprof}/debug/pprof/profile?seconds=${seconds}`);
  if (!res.ok) throw new Error(`FerretDB profile: HTTP ${res.status}`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
}

async function underLoad(target, scenario, counter, aloneMs) {
  if (WARMUP > 0) await cannon(target.base, scenario, WARMUP, counter);
  await single(target, scenario, counter); // requests autocannon left in flight finish first
  if (scenario.before) await scenario.before();
  // A window of a few request times at least: a request slower than the window would not be counted.
  const seconds = Math.max(DURATION, scenario.minSeconds ?? 0);
  const profiled =
    DB_PPROF &&
    profileDatabase(DB_PPROF, seconds, path.join(PROFILE_DIR, `ferretdb-${scenario.key}-${target.name}.pprof`));
  const pids = { server: target.pid, database: target.databasePid };
  const cpuBefore = cpuSnapshot(pids);
  const r = await cannon(target.base, scenario, seconds, counter);
  const cpu = cpuPerRequest(cpuBefore, cpuSnapshot(pids), r['2xx'] + r.non2xx, CONNECTIONS);
  await profiled;
  // Let the server finish what autocannon abandoned before the next measurement starts.
  await single(target, scenario, counter);
  if (process.env.BENCH_DEBUG === '1') console.log(JSON.stringify(r, null, 1).slice(0, 3000));
  const ok = r['2xx'];
  return {
    requestsPerSecond: round1(ok / seconds),
    seconds,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    aloneMs,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    cpuMsPerRequest: cpu,
  };
}

/**
 * Where the CPU of each measured run went, per request, and the latency it implies: with every
 * request costing `total` CPU-ms on `cores` cores, N connections wait at least N × total ÷ cores on
 * average, whatever the code does; p99 < GOAL_P99_MS needs total ≤ GOAL_P99_MS × cores ÷ N.
 */
function printCpu(rows) {
  const measured = rows.flatMap((r) =>
    ['ours', 'baseline'].filter((t) => r[t]?.cpuMsPerRequest).map((t) => [r.key, t, r[t].cpuMsPerRequest]),
  );
  if (measured.length === 0) return;
  const cores = measured[0][2].cores;
  const head = ['server', 'FerretDB', 'PostgreSQL', 'autocannon', 'other', 'total', 'floor', 'floor*'];
  console.log(
    `\n  CPU-ms per request (${cores} cores), and the mean latency that cost allows at ${CONNECTIONS} connections\n  ${'scenario'.padEnd(12)} ${'target'.padEnd(8)} ${head.map((h) => h.padStart(10)).join(' ')}`,
  );
  for (const [key, target, c] of measured) {
    const cells = [
      c.server,
      c.database,
      c.postgresql,
      c.loadGenerator,
      c.other,
      c.total,
      c.floorMs,
      c.floorWithoutLoadGeneratorMs,
    ];
    console.log(`  ${key.padEnd(12)} ${target.padEnd(8)} ${cells.map((x) => String(x).padStart(10)).join(' ')}`);
  }
  console.log(
    `  floor = ${CONNECTIONS} × total ÷ ${cores} cores (ms); floor* = the same without autocannon's share. p99 < ${GOAL_P99_MS} ms needs total ≤ ${round1((GOAL_P99_MS * cores) / CONNECTIONS)} CPU-ms per request.`,
  );
}

async function main() {
  const t0 = Date.now();
  console.log(
    `· bench: scale ${SCALE}, ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per server and scenario`,
  );
  buildFerretdb();
  buildCloud();

  if (process.env.BENCH_CPU_PROF === '1' || process.env.BENCH_DB_PROF === '1')
    mkdirSync(PROFILE_DIR, { recursive: true });
  if (process.env.BENCH_DB_PROF === '1') DB_PPROF = `127.0.0.1:${await freePort()}`;
  const { db, uri, data, dataset, postgresqlUrl } = await prepareDatabase({
    scale: SCALE,
    regenerate: process.env.BENCH_REGENERATE === '1',
    pprof: DB_PPROF,
  });
  const sizes = dataset.sizes;
  const tree = orgTree(sizes);

  // The API as in production (no demo sign-in, no seeding); the baseline on the same database.
  const api = await startApi({
    port: await freePort(),
    mongodbUri: uri,
    env: {
      NODE_ENV: 'production',
      WX_APPID: 'bench',
      WX_SECRET: 'bench',
      DEV_LOGIN: 'off',
      // Required in production, and production refuses the development key. The bench dataset holds
      // nothing encrypted (no ID numbers, no party rosters), so any key reads it.
      GONGZHI_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      DB_TIMEOUT_MS: '30000',
    },
    // Node refuses --cpu-prof in NODE_OPTIONS: it goes on the command line.
    nodeArgs: process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    readyTimeoutMs: 180_000,
  });
  const baseline = await startBaseline({ port: await freePort(), mongodbUri: uri });
  const targets = [
    { name: 'ours', base: api.base, pid: api.child.pid, databasePid: db.child.pid, output: api.output },
    { name: 'baseline', base: baseline.base, pid: baseline.pid, databasePid: db.child.pid, output: baseline.output },
  ];

  const menuItem = await data.collection('menuItems').findOne({
    communityId: null,
    active: true,
    $or: [{ fields: { $size: 0 } }, { 'fields.required': { $ne: true } }],
  });
  const tokens = new Map();
  const ctx = {
    tree,
    sizes,
    data,
    menuItemId: String(menuItem._id),
    runId: Date.now().toString(36),
    token: (key, make) => tokens.get(key) ?? tokens.set(key, make()).get(key),
  };

  const rows = [];
  for (const scenario of scenarios(ctx)) {
    if (ONLY && !ONLY.includes(scenario.key)) continue;
    const counter = { k: 0 };
    const row = { key: scenario.key, name: scenario.name, kind: scenario.kind };
    for (const target of targets) {
      const pgBefore = pgDatabaseStats(postgresqlUrl);
      try {
        row[target.name] = await measure(target, scenario, counter);
      } catch (err) {
        // e.g. a single request outlasting Midway's 2-minute socket timeout: recorded, and the run goes on.
        row[target.name] = { failed: err.message.split('\n')[0], aloneMs: err.aloneMs };
        console.log(
          `  ${scenario.key.padEnd(12)} ${target.name.padEnd(8)} failed: ${row[target.name].failed}${err.aloneMs === undefined ? '' : ` (alone ${err.aloneMs} ms)`}`,
        );
        continue;
      }
      const pgAfter = pgDatabaseStats(postgresqlUrl);
      row[target.name].pgRowsReturned = pgAfter.returned - pgBefore.returned;
      console.log(
        `  ${scenario.key.padEnd(12)} ${target.name.padEnd(8)} ${String(row[target.name].requestsPerSecond).padStart(7)} req/s  p50 ${row[target.name].p50} ms  p99 ${row[target.name].p99} ms  alone ${row[target.name].aloneMs} ms  (timeouts ${row[target.name].timeouts}, non-2xx ${row[target.name].non2xx}, errors ${row[target.name].errors})`,
      );
    }
    row.ratio =
      row.baseline.requestsPerSecond && row.ours.requestsPerSecond !== undefined
        ? Math.round((row.ours.requestsPerSecond / row.baseline.requestsPerSecond) * 100) / 100
        : null;
    row.goals = {
      ratio: scenario.kind === 'write' ? null : row.ratio !== null && row.ratio >= GOAL_RATIO,
      p99: scenario.kind === 'list' ? row.ours.ok > 0 && row.ours.p99 < GOAL_P99_MS : null,
    };
    rows.push(row);
  }

  const report = {
    bench: 'npm run bench',
    date: new Date().toISOString(),
    machine: machine(),
    setup: {
      database: 'FerretDB 1.24 on PostgreSQL',
      scale: SCALE,
      dataset: { sizes, counts: dataset.counts, generatedAt: dataset.generatedAt, generationSeconds: dataset.seconds },
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      durationSeconds: DURATION,
      goals: { readRatio: GOAL_RATIO, listP99Ms: GOAL_P99_MS },
    },
    scenarios: rows,
    loadAverageAfter: os.loadavg().map((x) => Math.round(x * 10) / 10),
    totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  const file = writeReport('bench.json', report);

  const mark = (g) => (g === null ? ' ' : g ? '✓' : '✖');
  const cols = (m) =>
    m.failed
      ? 'failed (see bench.json)'.padEnd(33)
      : `${String(m.requestsPerSecond).padStart(9)} ${String(m.p50).padStart(7)} ${String(m.p99).padStart(7)} ${String(m.aloneMs).padStart(7)}`;
  console.log(
    `\n  ${''.padEnd(12)} ${'ours'.padEnd(33)}  ${'baseline'.padEnd(33)}\n  ${'scenario'.padEnd(12)} ${'req/s'.padStart(9)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'alone'.padStart(7)}   ${'req/s'.padStart(9)} ${'p50'.padStart(7)} ${'p99'.padStart(7)} ${'alone'.padStart(7)}   ratio`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.key.padEnd(12)} ${cols(r.ours)}${mark(r.goals.p99)}  ${cols(r.baseline)}   ${r.ratio}${mark(r.goals.ratio)}`,
    );
  }
  console.log(
    `\n  ms; alone = one request with no other load (median of 3). Goals: ratio ≥ ${GOAL_RATIO} on reads, p99 < ${GOAL_P99_MS} ms on lists (✓ met, ✖ missed)`,
  );
  printCpu(rows);
  console.log(`· report: ${file}`);
  return 0;
}

runBounded(main, { name: 'bench', limitMs: Number(process.env.BENCH_LIMIT_MS ?? 3_600_000) });
