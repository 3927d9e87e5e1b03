#!/usr/bin/env node
// `npm run race`: 1,000 people claim the 20 seats of one shift at the same moment, spread over 4 API
// processes on one FerretDB-on-PostgreSQL database. Afterwards the database must hold exactly 20
// seats (numbers 1..20, 20 different people), and everyone else must have been told CAPACITY_FULL.
// Prints accepted/refused and latency, writes tests/.artifacts/claim-race.json, exits 1 if a rule broke.
// Loopback only; everything it starts (database, processes) is stopped again, also on failure.
import { buildCloud } from '../../scripts/lib/build.mjs';
import {
  MongoClient,
  ObjectId,
  buildFerretdb,
  chinaAt,
  freePort,
  freshPgDatabase,
  machine,
  onCleanup,
  pgDatabaseStats,
  percentile,
  sleep,
  request,
  runBounded,
  seedId,
  signIn,
  startApi,
  startDb,
  tokenFor,
  writeReport,
} from '../support/cluster.mjs';

const PEOPLE = Number(process.env.RACE_PEOPLE ?? 1000);
const SEATS = Number(process.env.RACE_SEATS ?? 20);
const PROCESSES = Number(process.env.RACE_PROCESSES ?? 4);

async function main() {
  const t0 = Date.now();
  console.log(`· claim race: ${PEOPLE} people, ${SEATS} seats, ${PROCESSES} API processes, FerretDB on PostgreSQL`);
  buildFerretdb();
  buildCloud();

  const postgresqlUrl = freshPgDatabase('gongzhi_race');
  const db = await startDb({ port: await freePort(), postgresqlUrl });
  const mongodbUri = `${db.uri}gongzhi_race`;

  // The first process loads the demo county (org tree, accounts); the others only serve.
  const apis = [await startApi({ port: await freePort(), mongodbUri, env: { SEED_DEMO: 'county' } })];
  for (let i = 1; i < PROCESSES; i++)
    apis.push(await startApi({ port: await freePort(), mongodbUri, env: { SEED_DEMO: 'off' } }));
  console.log(`· ${PROCESSES} API processes ready on ports ${apis.map((a) => a.port).join(', ')}`);

  // One activity of 南门社区 with a 20-seat shift three days ahead, made through the API by its staff.
  const staff = await signIn(apis[0].base, 'staff');
  const nanmen = seedId('org:community:nanmen');
  const activity = await request(apis[0].base, 'POST', '/api/v1/activities', {
    headers: { authorization: staff },
    body: {
      title: '文明交通引导·抢位测试',
      brand: 'trafficGuide',
      categoryCode: 'other',
      team: 'civilityGuard',
      placeId: String(nanmen),
      address: '南门十字路口',
      description: '1000 人同时认领 20 个名额',
    },
  });
  if (activity.status !== 200) throw new Error(`createActivity: ${activity.status} ${JSON.stringify(activity.body)}`);
  const shift = await request(apis[0].base, 'POST', `/api/v1/activities/${activity.body.id}/shifts`, {
    headers: { authorization: staff },
    body: { start: chinaAt(3, 7), end: chinaAt(3, 9), seats: SEATS, cutoffHours: 2 },
  });
  if (shift.status !== 200) throw new Error(`addShift: ${shift.status} ${JSON.stringify(shift.body)}`);
  const shiftId = shift.body.id;

  // 1,000 volunteers of 南门社区, inserted directly; their tokens are signed with the processes' secret.
  const client = new MongoClient(db.uri, { directConnection: true });
  await client.connect();
  onCleanup(() => client.close());
  const data = client.db('gongzhi_race');
  const street = seedId('org:street:chengguan');
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    _id: new ObjectId(),
    name: `抢位志愿者${i + 1}`,
    roles: ['volunteer'],
    phone: `137${String(i).padStart(8, '0')}`,
    orgId: nanmen,
    communityId: nanmen,
    unitId: null,
    createdAt: new Date(),
  }));
  await data.collection('users').insertMany(people);
  const tokens = people.map((p) =>
    tokenFor({ userId: p._id, roles: ['volunteer'], orgId: nanmen, communityId: nanmen, streetId: street }),
  );

  // Warm each process's connection pool and code paths with one read, so the race measures claims.
  await Promise.all(
    apis.map((a) =>
      request(a.base, 'GET', `/api/v1/activities/${activity.body.id}`, { headers: { authorization: tokens[0] } }),
    ),
  );

  await sleep(1500);
  const pgBefore = pgDatabaseStats(postgresqlUrl);
  console.log(`· firing ${PEOPLE} claims at once (round-robin over the processes)…`);
  const fired = Date.now();
  const results = await Promise.all(
    people.map((p, i) =>
      request(apis[i % PROCESSES].base, 'POST', `/api/v1/shifts/${shiftId}/claim`, {
        headers: { authorization: tokens[i] },
        body: { wait: false },
        timeoutMs: 120_000,
      }).then(
        (r) => ({ person: String(p._id), process: i % PROCESSES, ...r }),
        (err) => ({
          person: String(p._id),
          process: i % PROCESSES,
          status: 0,
          body: { code: err.code ?? err.message },
          ms: null,
        }),
      ),
    ),
  );
  const wallMs = Date.now() - fired;
  await sleep(1500);
  const pgAfter = pgDatabaseStats(postgresqlUrl);
  const database = Object.fromEntries(Object.keys(pgAfter).map((k) => [k, pgAfter[k] - pgBefore[k]]));

  // ——— the rules, checked in the database ———
  const seats = await data
    .collection('seats')
    .find({ shiftId: new ObjectId(shiftId) })
    .toArray();
  const accepted = results.filter((r) => r.status === 200 && r.body?.status === 'seated');
  const refused = results.filter((r) => r.status === 409 && r.body?.code === 'CAPACITY_FULL');
  const other = results.filter((r) => !accepted.includes(r) && !refused.includes(r));
  const seatPeople = new Set(seats.map((s) => String(s.personId)));
  const seatNumbers = seats.map((s) => s.seatNo).sort((a, b) => a - b);
  const waitlisted = await data.collection('waitlist').countDocuments({ shiftId: new ObjectId(shiftId) });
  const times = await data.collection('personTime').countDocuments({ shiftId: new ObjectId(shiftId) });
  const acceptedPeople = new Set(accepted.map((r) => r.person));
  const expectNumbers = Array.from({ length: SEATS }, (_, i) => i + 1);
  const checks = [
    { rule: `exactly ${SEATS} seats stored`, ok: seats.length === SEATS, detail: `${seats.length}` },
    { rule: `${SEATS} distinct people hold them`, ok: seatPeople.size === SEATS, detail: `${seatPeople.size}` },
    {
      rule: `seat numbers are 1..${SEATS}, once each`,
      ok: JSON.stringify(seatNumbers) === JSON.stringify(expectNumbers),
      detail: seatNumbers.join(','),
    },
    { rule: `exactly ${SEATS} requests accepted`, ok: accepted.length === SEATS, detail: `${accepted.length}` },
    {
      rule: 'the accepted are exactly the seat holders',
      ok: acceptedPeople.size === seatPeople.size && [...acceptedPeople].every((p) => seatPeople.has(p)),
      detail: `${[...acceptedPeople].filter((p) => !seatPeople.has(p)).length} accepted without a seat`,
    },
    {
      rule: 'everyone else got 409 CAPACITY_FULL',
      ok: refused.length === PEOPLE - SEATS && other.length === 0,
      detail: `${refused.length} refused, ${other.length} other`,
    },
    { rule: 'nobody waitlisted (all asked wait:false)', ok: waitlisted === 0, detail: `${waitlisted}` },
    { rule: 'each seat holder holds the 8 quarter hours of the shift', ok: times === SEATS * 8, detail: `${times}` },
  ];

  const latencies = results.filter((r) => r.ms !== null).map((r) => r.ms);
  const round = (v) => (v === null ? null : Math.round(v));
  const otherStatuses = {};
  for (const r of other)
    otherStatuses[`${r.status} ${r.body?.code ?? ''}`.trim()] =
      (otherStatuses[`${r.status} ${r.body?.code ?? ''}`.trim()] ?? 0) + 1;
  const report = {
    test: 'claim race',
    date: new Date().toISOString(),
    machine: machine(),
    setup: { people: PEOPLE, seats: SEATS, processes: PROCESSES, database: 'FerretDB 1.24 on PostgreSQL', wait: false },
    accepted: accepted.length,
    refused: refused.length,
    other: otherStatuses,
    perProcess: Array.from({ length: PROCESSES }, (_, p) => ({
      port: apis[p].port,
      requests: results.filter((r) => r.process === p).length,
      accepted: accepted.filter((r) => r.process === p).length,
    })),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(percentile(latencies, 100)),
    },
    wallMs,
    // PostgreSQL transactions during the burst: each rollback is an insert refused by a unique index.
    database,
    requestsPerSecond: Math.round((PEOPLE / wallMs) * 1000),
    checks,
    ok: checks.every((c) => c.ok),
    totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
  };
  const file = writeReport('claim-race.json', report);

  console.log(`\n  accepted ${report.accepted}   refused (CAPACITY_FULL) ${report.refused}   other ${other.length}`);
  console.log(
    `  latency p50 ${report.latencyMs.p50} ms   p90 ${report.latencyMs.p90} ms   p99 ${report.latencyMs.p99} ms   max ${report.latencyMs.max} ms   (all ${PEOPLE} in ${wallMs} ms)`,
  );
  console.log(
    `  database during the burst: ${database.commits} commits, ${database.rollbacks} rollbacks (refused unique inserts), ${database.inserted} rows inserted`,
  );
  console.log(`  per process: ${report.perProcess.map((p) => `${p.port}: ${p.accepted}/${p.requests}`).join('   ')}`);
  for (const c of checks) console.log(`  ${c.ok ? '✓' : '✖'} ${c.rule} (${c.detail})`);
  console.log(`\n· report: ${file}`);
  return report.ok ? 0 : 1;
}

runBounded(main, { name: 'claim race', limitMs: Number(process.env.RACE_LIMIT_MS ?? 300_000) });
