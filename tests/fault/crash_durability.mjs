#!/usr/bin/env node
// `npm run fault`: crash durability. A steady write load (orders, seat claims, bookings), every create
// carrying an Idempotency-Key, against one API process on FerretDB-over-PostgreSQL, while
//   phase 1 — the API process is SIGKILLed at seeded random moments and restarted;
//   phase 2 — the DATABASE process (FerretDB) is SIGKILLed and restarted on the same port, while the
//             API keeps running: /readyz must answer 503 during the outage and 200 after, unaided.
// Requests that got no answer (or a 5xx) are retried with the same Idempotency-Key once the service
// is back. At the end, in the database: every acknowledged write is present, no create is stored
// twice, no shift has more seats than it offers, no booking cell is held twice; and replaying every
// acknowledged create with its key returns the same record without storing anything.
// Prints a summary table, writes tests/.artifacts/crash-durability.json, exits 1 if a rule broke.
// Loopback only; bounded in time; everything it starts is stopped again, also on failure.
import { randomBytes } from 'node:crypto';
import { buildCloud } from '../../scripts/lib/build.mjs';
import {
  MongoClient,
  ObjectId,
  buildFerretdb,
  chinaAt,
  dropConnections,
  freePort,
  freshPgDatabase,
  machine,
  onCleanup,
  percentile,
  request,
  runBounded,
  seededRandom,
  seedId,
  signIn,
  sleep,
  startApi,
  startDb,
  startFerretdb,
  tokenFor,
  writeReport,
} from '../support/cluster.mjs';

const SEED = Number(process.env.FAULT_SEED ?? 20261126);
const API_KILLS = Number(process.env.FAULT_API_KILLS ?? 6);
const DB_KILLS = Number(process.env.FAULT_DB_KILLS ?? 3);
const WORKERS = Number(process.env.FAULT_WORKERS ?? 6);
const DB_OUTAGE_MS = Number(process.env.FAULT_DB_OUTAGE_MS ?? 4000);
const USERS = 60;
const SHIFTS = 10;
const SEATS_PER_SHIFT = 4;
/** A request without an answer is retried with its key this often before it counts as lost. */
const MAX_ATTEMPTS = 60;
/**
 * How long a request keeps retrying while answered IDEMPOTENCY_IN_PROGRESS. An attempt cut off by a
 * crash holds its key for the server's lease (10 s, told in Retry-After); then a retry takes it over.
 */
const MAX_IN_PROGRESS_WAIT_MS = 45_000;

// Two seeded streams: the ops (kinds, people, slots) and the fault schedule (when to kill), so the
// kill moments repeat with the seed however the requests interleave.
const random = seededRandom(SEED);
const faultRandom = seededRandom(SEED ^ 0x5eed);
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi, r = random) => lo + Math.floor(r() * (hi - lo + 1));
const DBNAME = 'gongzhi_fault';

const NANMEN = seedId('org:community:nanmen');
const STREET = seedId('org:street:chengguan');
const LEGAL = String(seedId('menu:legal-consult'));
const BUILDING1 = String(seedId('org:building:nanmen:南门小区:1'));
const ROOM = String(seedId('resource:nanmen-activity-room'));
const TAG = '故障测试';

/** A date (China time) `days` ahead as YYYY-MM-DD. */
function dateAhead(days) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

// ——— the world under test ———

const state = {
  api: null,
  db: null,
  dbPort: 0,
  apiPort: 0,
  mongodbUri: '',
  postgresqlUrl: '',
  phase: 'setup',
  /** True while the API is being killed/restarted: workers wait instead of hammering. */
  apiDown: false,
  stopLoad: false,
};

const ops = [];
const events = [];
const log = (what, extra = {}) => {
  const e = { at: new Date().toISOString(), phase: state.phase, what, ...extra };
  events.push(e);
  console.log(`  [${state.phase}] ${what}${Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : ''}`);
};

function newOp(users, shifts) {
  const key = `fault-${SEED}-${ops.length}-${randomBytes(4).toString('hex')}`;
  const user = pick(users);
  const r = random();
  let op;
  if (r < 0.4) {
    op = {
      kind: 'order',
      path: '/api/v1/needs',
      body: {
        menuItemId: LEGAL,
        description: `${TAG} ${key} 邻居装修把我家墙面弄裂了，想咨询怎么索赔`,
        placeId: BUILDING1,
        contactPhone: user.phone,
        answers: { topic: 'housing', way: 'visit' },
      },
    };
  } else if (r < 0.7) {
    const shift = pick(shifts);
    op = { kind: 'claim', shiftId: shift, path: `/api/v1/shifts/${shift}/claim`, body: { wait: false } };
  } else {
    const hour = between(9, 19);
    const slots = between(1, Math.min(2, 21 - hour));
    op = {
      kind: 'booking',
      path: '/api/v1/bookings',
      body: {
        resourceId: ROOM,
        start: `${dateAhead(between(20, 27))}T${String(hour).padStart(2, '0')}:00:00+08:00`,
        slots,
        purpose: `${TAG} ${key}`,
        attendees: 5,
      },
    };
  }
  const full = { key, user: user.id, auth: user.auth, phase: state.phase, attempts: [], outcome: null, ...op };
  ops.push(full);
  return full;
}

/** Sends one create until it gets a final answer: acknowledged (2xx), refused (4xx), or lost. */
async function execute(op) {
  let waited = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    while (state.apiDown) await sleep(50);
    let r;
    try {
      r = await request(`http://127.0.0.1:${state.apiPort}`, 'POST', op.path, {
        headers: { authorization: op.auth, 'idempotency-key': op.key },
        body: op.body,
        timeoutMs: 15_000,
      });
    } catch (err) {
      op.attempts.push({ phase: state.phase, error: err.code ?? err.message });
      await sleep(100 + 50 * attempt);
      continue;
    }
    op.attempts.push({ phase: state.phase, status: r.status, code: r.body?.code, ms: Math.round(r.ms) });
    if (r.status >= 200 && r.status < 300) {
      op.outcome = 'acknowledged';
      op.ms = r.ms;
      op.answer = r.body;
      op.id = op.kind === 'claim' ? `${op.shiftId}:${op.user}` : r.body.id;
      return;
    }
    if (r.status >= 500) {
      await sleep(100 + 50 * attempt);
      continue;
    }
    if (r.body?.code === 'IDEMPOTENCY_IN_PROGRESS' && waited < MAX_IN_PROGRESS_WAIT_MS) {
      const ms = Math.min(Math.max(Number(r.headers['retry-after']) || 1, 1), 10) * 1000;
      waited += ms;
      op.waitedInProgressMs = waited;
      await sleep(ms);
      attempt--; // waiting for a lease is not a failed attempt
      continue;
    }
    op.outcome = r.body?.code === 'IDEMPOTENCY_IN_PROGRESS' ? 'stuck' : 'refused';
    op.code = r.body?.code;
    return;
  }
  op.outcome = 'lost';
}

async function worker(users, shifts) {
  while (!state.stopLoad) await execute(newOp(users, shifts));
}

// ——— faults ———

async function killApi(n) {
  await sleep(between(1500, 4000, faultRandom));
  const inFlight = ops.filter((o) => o.outcome === null).length;
  state.apiDown = false; // workers keep sending: requests in flight die with the process
  const killedAt = Date.now();
  const pid = state.api.child.pid;
  await state.api.kill();
  state.apiDown = true;
  dropConnections(`http://127.0.0.1:${state.apiPort}`);
  log(`SIGKILL API #${n}`, { pid, inFlight });
  state.api = await startApi({ port: state.apiPort, mongodbUri: state.mongodbUri, env: { SEED_DEMO: 'off' } });
  state.apiDown = false;
  log(`API restarted`, { pid: state.api.child.pid, downMs: Date.now() - killedAt });
}

async function killDb(n) {
  await sleep(between(1500, 4000, faultRandom));
  const apiPid = state.api.child.pid;
  const inFlight = ops.filter((o) => o.outcome === null).length;
  state.db.child.kill('SIGKILL');
  await state.db.exited;
  const killedAt = Date.now();
  log(`SIGKILL FerretDB #${n}`, { inFlight });
  // While it is down, /readyz must say so.
  const readyz = [];
  while (Date.now() - killedAt < DB_OUTAGE_MS) {
    const r = await request(state.api.base, 'GET', '/readyz', { timeoutMs: 5000 }).catch((e) => ({ status: e.code }));
    readyz.push({ t: Date.now() - killedAt, status: r.status, code: r.body?.code });
    await sleep(250);
  }
  state.db = await startFerretdb({ port: state.dbPort, postgresqlUrl: state.postgresqlUrl });
  const restartedAt = Date.now();
  // …and once it is back, the same API process must recover by itself.
  let recoveredMs = null;
  const after = [];
  while (Date.now() - restartedAt < 60_000) {
    const r = await request(state.api.base, 'GET', '/readyz', { timeoutMs: 5000 }).catch((e) => ({ status: e.code }));
    after.push({ t: Date.now() - killedAt, status: r.status });
    if (r.status === 200) {
      recoveredMs = Date.now() - restartedAt;
      break;
    }
    await sleep(100);
  }
  const outage = {
    n,
    outageMs: restartedAt - killedAt,
    readyzDuringOutage: summarize(readyz.map((x) => `${x.status}${x.code ? ` ${x.code}` : ''}`)),
    readyzSamples: readyz,
    allDownDuringOutage: readyz.length > 0 && readyz.every((x) => x.status === 503 && x.code === 'DB_UNAVAILABLE'),
    recoveredAfterRestartMs: recoveredMs,
    apiRestarted: state.api.child.pid !== apiPid || !state.api.running,
  };
  log(`FerretDB restarted on port ${state.dbPort}`, {
    readyz: outage.readyzDuringOutage,
    recoveredMs,
    apiPid: state.api.child.pid,
  });
  return outage;
}

function summarize(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

// ——— checks ———

async function verify(data, shifts) {
  const acked = ops.filter((o) => o.outcome === 'acknowledged');
  const byKind = (k) => acked.filter((o) => o.kind === k);
  const needs = await data
    .collection('needs')
    .find({ description: { $regex: `^${TAG} ` } })
    .toArray();
  const bookings = await data
    .collection('bookings')
    .find({ purpose: { $regex: `^${TAG} ` } })
    .toArray();
  const seats = await data
    .collection('seats')
    .find({ shiftId: { $in: shifts.map((s) => new ObjectId(s)) } })
    .toArray();
  const keyOf = (text) => text.split(' ')[1];
  const needsByKey = groupBy(needs, (n) => keyOf(n.description));
  const bookingsByKey = groupBy(bookings, (b) => keyOf(b.purpose));
  const seatOf = new Map(seats.map((s) => [`${s.shiftId}:${s.personId}`, s]));

  const missing = [];
  for (const o of byKind('order'))
    if (!needs.some((n) => String(n._id) === o.id)) missing.push(`order ${o.key} → ${o.id}`);
  for (const o of byKind('booking'))
    if (!bookings.some((b) => String(b._id) === o.id)) missing.push(`booking ${o.key} → ${o.id}`);
  for (const o of byKind('claim')) if (!seatOf.has(o.id)) missing.push(`claim ${o.key} → seat ${o.id}`);

  const duplicated = [
    ...[...needsByKey].filter(([, list]) => list.length > 1).map(([k, list]) => `order ${k} stored ${list.length}×`),
    ...[...bookingsByKey]
      .filter(([, list]) => list.length > 1)
      .map(([k, list]) => `booking ${k} stored ${list.length}×`),
    ...[...groupBy(seats, (s) => `${s.shiftId}:${s.personId}`)]
      .filter(([, list]) => list.length > 1)
      .map(([k]) => `seat ${k} held twice`),
  ];

  // Capacity: never more seats than offered, seat numbers within 1..seats and unique per shift.
  const capacity = [];
  const shiftDocs = await data
    .collection('shifts')
    .find({ _id: { $in: shifts.map((s) => new ObjectId(s)) } })
    .toArray();
  for (const s of shiftDocs) {
    const taken = seats.filter((x) => String(x.shiftId) === String(s._id));
    const numbers = taken.map((x) => x.seatNo);
    if (taken.length > s.seats) capacity.push(`shift ${s._id}: ${taken.length} seats taken of ${s.seats}`);
    if (new Set(numbers).size !== numbers.length) capacity.push(`shift ${s._id}: a seat number twice`);
    if (numbers.some((n) => n < 1 || n > s.seats)) capacity.push(`shift ${s._id}: seat number out of 1..${s.seats}`);
  }
  // One booking per slot cell: live bookings of the room never overlap, and no cell is held twice.
  const live = (
    await data
      .collection('bookings')
      .find({ resourceId: new ObjectId(ROOM), status: { $in: ['pending', 'approved'] } })
      .toArray()
  ).sort((a, b) => a.start - b.start);
  for (let i = 1; i < live.length; i++)
    if (live[i].start < live[i - 1].end) capacity.push(`bookings ${live[i - 1]._id} and ${live[i]._id} overlap`);
  const holds = await data
    .collection('bookingSlots')
    .find({ resourceId: new ObjectId(ROOM) })
    .toArray();
  const cellsTwice = [...groupBy(holds, (h) => new Date(h.start).toISOString())].filter(([, l]) => l.length > 1);
  for (const [cell] of cellsTwice) capacity.push(`cell ${cell} held twice`);

  // What crashes left behind that nobody was told about (not a broken rule, but worth knowing).
  const unanswered = ops.filter((o) => o.outcome === 'stuck' || o.outcome === 'lost');
  const appliedUnanswered = unanswered.filter((o) =>
    o.kind === 'order'
      ? needsByKey.has(o.key)
      : o.kind === 'booking'
        ? bookingsByKey.has(o.key)
        : seatOf.has(`${o.shiftId}:${o.user}`),
  );
  const liveIds = new Set(live.map((b) => String(b._id)));
  const orphanHolds = holds.filter((h) => !liveIds.has(String(h.bookingId))).length;
  const bookingEvents = await data
    .collection('bookingEvents')
    .find({ bookingId: { $in: bookings.map((b) => b._id) }, seq: 0 })
    .toArray();
  const bookingsWithoutEvent = bookings.length - new Set(bookingEvents.map((e) => String(e.bookingId))).size;
  const times = await data
    .collection('personTime')
    .find({ shiftId: { $in: shifts.map((s) => new ObjectId(s)) } })
    .toArray();
  const timesPerSeat = groupBy(times, (x) => `${x.shiftId}:${x.personId}`);
  const seatsWithoutTime = seats.filter(
    (s) => (timesPerSeat.get(`${s.shiftId}:${s.personId}`)?.length ?? 0) === 0,
  ).length;

  // Keys whose attempt was cut off and then taken over by a retry after the lease (see core/handle.ts).
  const keysTakenOver = await data.collection('idempotencyTakeovers').countDocuments();

  return {
    keysTakenOver,
    acknowledged: { order: byKind('order').length, claim: byKind('claim').length, booking: byKind('booking').length },
    stored: { needs: needs.length, bookings: bookings.length, seats: seats.length },
    missing,
    duplicated,
    capacity,
    leftovers: {
      unansweredOps: unanswered.length,
      appliedButUnanswered: appliedUnanswered.map((o) => `${o.kind} ${o.key} (${o.outcome}, ${o.code ?? 'no answer'})`),
      orphanBookingHolds: orphanHolds,
      bookingsWithoutCreateEvent: bookingsWithoutEvent,
      seatsWithoutTimeRecords: seatsWithoutTime,
    },
  };
}

/** Replays every acknowledged create with its key: same record back, marked replayed, nothing new stored. */
async function replay(data) {
  const acked = ops.filter((o) => o.outcome === 'acknowledged');
  const before = await countAll(data);
  const problems = [];
  let replayed = 0;
  for (let i = 0; i < acked.length; i += 16) {
    await Promise.all(
      acked.slice(i, i + 16).map(async (o) => {
        const r = await request(state.api.base, 'POST', o.path, {
          headers: { authorization: o.auth, 'idempotency-key': o.key },
          body: o.body,
        });
        const id = o.kind === 'claim' ? `${o.shiftId}:${o.user}` : r.body?.id;
        if (r.status !== 200 || id !== o.id)
          problems.push(`${o.kind} ${o.key}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
        else replayed++;
      }),
    );
  }
  const after = await countAll(data);
  const grew = Object.keys(after).filter((c) => after[c] !== (before[c] ?? 0));
  for (const c of grew) problems.push(`replays changed ${c}: ${before[c] ?? 0} → ${after[c]}`);
  return { replayed, problems };
}

/** The collections a create of this load writes to (the app's own timers write elsewhere). */
const WRITTEN = ['needs', 'needEvents', 'bookings', 'bookingEvents', 'bookingSlots', 'seats', 'personTime', 'waitlist'];

async function countAll(data) {
  const names = WRITTEN;
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await data.collection(n).countDocuments()])));
}

function groupBy(list, keyOf) {
  const m = new Map();
  for (const x of list) {
    const k = keyOf(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(x);
  }
  return m;
}

// ——— main ———

async function main() {
  const t0 = Date.now();
  console.log(
    `· crash durability: seed ${SEED} (FAULT_SEED), ${API_KILLS} API kills, ${DB_KILLS} database kills, ${WORKERS} writers`,
  );
  buildFerretdb();
  buildCloud();
  state.postgresqlUrl = freshPgDatabase('gongzhi_fault');
  state.dbPort = await freePort();
  state.db = await startDb({ port: state.dbPort, postgresqlUrl: state.postgresqlUrl });
  // startDb registered the first instance's stop; restarted instances are stopped through state.db.
  onCleanup(() => state.db?.stop());
  state.mongodbUri = `${state.db.uri}${DBNAME}`;
  state.apiPort = await freePort();
  state.api = await startApi({ port: state.apiPort, mongodbUri: state.mongodbUri, env: { SEED_DEMO: 'full' } });

  // Shifts to claim (10 × 4 seats, one hour apart so one person may hold several), through the API.
  const staff = await signIn(state.api.base, 'staff');
  const activity = await request(state.api.base, 'POST', '/api/v1/activities', {
    headers: { authorization: staff },
    body: {
      title: '文明交通引导·故障测试',
      brand: 'trafficGuide',
      categoryCode: 'other',
      team: 'civilityGuard',
      placeId: String(NANMEN),
      address: '南门十字路口',
      description: '进程被杀时的认领',
    },
  });
  if (activity.status !== 200) throw new Error(`createActivity: ${activity.status} ${JSON.stringify(activity.body)}`);
  const shifts = [];
  for (let i = 0; i < SHIFTS; i++) {
    const r = await request(state.api.base, 'POST', `/api/v1/activities/${activity.body.id}/shifts`, {
      headers: { authorization: staff },
      body: { start: chinaAt(5, 8 + i), end: chinaAt(5, 9 + i), seats: SEATS_PER_SHIFT, cutoffHours: 2 },
    });
    if (r.status !== 200) throw new Error(`addShift: ${r.status} ${JSON.stringify(r.body)}`);
    shifts.push(r.body.id);
  }
  const client = new MongoClient(state.db.uri, { directConnection: true, serverSelectionTimeoutMS: 30_000 });
  await client.connect();
  onCleanup(() => client.close());
  const data = client.db(DBNAME);
  const users = Array.from({ length: USERS }, (_, i) => ({
    _id: new ObjectId(),
    name: `故障测试居民${i + 1}`,
    roles: ['resident'],
    phone: `136${String(i).padStart(8, '0')}`,
    orgId: seedId(`org:grid:nanmen:${i % 3}`),
    communityId: NANMEN,
    unitId: null,
    createdAt: new Date(),
  }));
  await data.collection('users').insertMany(users);
  const people = users.map((u) => ({
    id: String(u._id),
    phone: u.phone,
    auth: tokenFor({ userId: u._id, roles: ['resident'], orgId: u.orgId, communityId: NANMEN, streetId: STREET }),
  }));

  // ——— phase 1: the API process dies ———
  state.phase = 'api-kill';
  const workers = Array.from({ length: WORKERS }, () => worker(people, shifts));
  for (let n = 1; n <= API_KILLS; n++) await killApi(n);
  await sleep(1500);

  // ——— phase 2: the database process dies; the API must ride it out ———
  state.phase = 'db-kill';
  const outages = [];
  for (let n = 1; n <= DB_KILLS; n++) outages.push(await killDb(n));
  await sleep(1500);

  state.phase = 'drain';
  state.stopLoad = true;
  await Promise.all(workers);
  state.phase = 'verify';
  const checks = await verify(data, shifts);
  const replays = await replay(data);

  // ——— report ———
  const phases = ['api-kill', 'db-kill'].map((phase) => {
    const mine = ops.filter((o) => o.phase === phase);
    const attempts = mine.flatMap((o) => o.attempts);
    const lat = mine.filter((o) => o.outcome === 'acknowledged').map((o) => o.ms);
    return {
      phase,
      kills: phase === 'api-kill' ? API_KILLS : DB_KILLS,
      creates: mine.length,
      acknowledged: mine.filter((o) => o.outcome === 'acknowledged').length,
      refused: summarize(mine.filter((o) => o.outcome === 'refused').map((o) => o.code)),
      retriedAfterFault: mine.filter((o) => o.attempts.length > 1 && o.attempts.some((a) => a.error || a.status >= 500))
        .length,
      // Retries that found their key held by an attempt cut off by the fault, waited out its lease, and took over.
      waitedForLease: mine.filter((o) => o.waitedInProgressMs).length,
      stuckInProgress: mine.filter((o) => o.outcome === 'stuck').length,
      lost: mine.filter((o) => o.outcome === 'lost').length,
      answers: summarize(
        attempts.map((a) => (a.error ? `no answer (${a.error})` : `${a.status}${a.code ? ` ${a.code}` : ''}`)),
      ),
      p50Ms: Math.round(percentile(lat, 50) ?? 0),
      p99Ms: Math.round(percentile(lat, 99) ?? 0),
    };
  });
  const fiveHundreds = ops.flatMap((o) => o.attempts).filter((a) => a.status >= 500 && a.code !== 'DB_UNAVAILABLE');
  const rules = [
    {
      rule: 'every acknowledged write is present',
      ok: checks.missing.length === 0,
      detail: checks.missing.slice(0, 10),
    },
    { rule: 'no create stored twice', ok: checks.duplicated.length === 0, detail: checks.duplicated.slice(0, 10) },
    {
      rule: 'no capacity rule broken (seats ≤ seats, one booking per cell)',
      ok: checks.capacity.length === 0,
      detail: checks.capacity.slice(0, 10),
    },
    {
      rule: 'replaying an acknowledged create returns it and stores nothing',
      ok: replays.problems.length === 0,
      detail: replays.problems.slice(0, 10),
    },
    {
      rule: '/readyz answers 503 DB_UNAVAILABLE during every database outage',
      ok: outages.every((o) => o.allDownDuringOutage),
      detail: outages.map((o) => o.readyzDuringOutage),
    },
    {
      rule: 'the API recovers from a database outage without a restart',
      ok: outages.every((o) => o.recoveredAfterRestartMs !== null && !o.apiRestarted),
      detail: outages.map((o) => `${o.recoveredAfterRestartMs} ms, restarted: ${o.apiRestarted}`),
    },
    {
      rule: 'no 5xx other than 503 DB_UNAVAILABLE',
      ok: fiveHundreds.length === 0,
      detail: summarize(fiveHundreds.map((a) => `${a.status} ${a.code}`)),
    },
    {
      rule: 'every create got a final answer (acknowledged or refused) after retries with its key',
      ok: ops.every((o) => o.outcome === 'acknowledged' || o.outcome === 'refused'),
      detail: checks.leftovers,
    },
  ];
  const report = {
    test: 'crash durability',
    date: new Date().toISOString(),
    machine: machine(),
    seed: SEED,
    setup: {
      database: 'FerretDB 1.24 on PostgreSQL',
      apiProcesses: 1,
      writers: WORKERS,
      users: USERS,
      shifts: `${SHIFTS} × ${SEATS_PER_SHIFT} seats`,
      bookings: 'one room, 1–2 hour slots over 8 days',
      dbOutageMs: DB_OUTAGE_MS,
    },
    phases,
    outages: outages.map(({ readyzSamples: _, ...o }) => o),
    checks: { ...checks, replayed: replays.replayed },
    // Each create that never got a final answer, with every attempt (what the first one ran into).
    unanswered: ops
      .filter((o) => o.outcome !== 'acknowledged' && o.outcome !== 'refused')
      .map((o) => ({ key: o.key, kind: o.kind, phase: o.phase, outcome: o.outcome, attempts: o.attempts })),
    rules,
    ok: rules.every((r) => r.ok),
    events,
    totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  const file = writeReport('crash-durability.json', report);

  console.log(
    '\n  phase      kills  creates  acked  refused                    retried  leased  stuck  lost   p50 ms  p99 ms',
  );
  for (const p of phases)
    console.log(
      `  ${p.phase.padEnd(10)} ${String(p.kills).padStart(5)}  ${String(p.creates).padStart(7)}  ${String(p.acknowledged).padStart(5)}  ${JSON.stringify(p.refused).padEnd(26)} ${String(p.retriedAfterFault).padStart(7)}  ${String(p.waitedForLease).padStart(6)}  ${String(p.stuckInProgress).padStart(5)}  ${String(p.lost).padStart(4)}  ${String(p.p50Ms).padStart(7)} ${String(p.p99Ms).padStart(7)}`,
    );
  console.log(
    `\n  stored: ${JSON.stringify(checks.stored)}   replayed: ${replays.replayed}   keys taken over after their lease: ${checks.keysTakenOver}`,
  );
  for (const o of outages)
    console.log(
      `  database outage #${o.n}: ${o.outageMs} ms, /readyz ${JSON.stringify(o.readyzDuringOutage)}, back ${o.recoveredAfterRestartMs} ms after restart, API restarted: ${o.apiRestarted}`,
    );
  for (const r of rules) {
    const detail = Array.isArray(r.detail)
      ? r.detail.length
        ? ` — ${r.detail.join('; ')}`
        : ''
      : ` — ${JSON.stringify(r.detail)}`;
    console.log(`  ${r.ok ? '✓' : '✖'} ${r.rule}${r.ok && Array.isArray(r.detail) ? '' : detail}`);
  }
  console.log(`\n· report: ${file}  (${report.totalSeconds} s)`);
  return report.ok ? 0 : 1;
}

runBounded(main, { name: 'crash durability', limitMs: Number(process.env.FAULT_LIMIT_MS ?? 600_000) });
