#!/usr/bin/env node
// Where the bench's time goes: each database query of the bench scenarios, in the form the API
// sends it, timed alone (no concurrency) through the MongoDB driver against FerretDB on the bench's
// PostgreSQL database, next to the forms the API used before (a `$and` filter, `_id: { $in }`).
// Also PostgreSQL's own plan for FerretDB's equality filter (`@>`) against `=`, which the index serves.
// Run after `npm run bench` has generated the dataset: node tests/bench/queries.mjs
// Knobs: BENCH_SCALE (default 1), BENCH_PG_DATABASE, BENCH_QUERY_MAX_MS (default 120000). Writes tests/.artifacts/bench-queries.json.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { buildCloud } from '../../scripts/lib/build.mjs';
import { buildFerretdb, machine, runBounded, writeReport } from '../support/cluster.mjs';
import { benchId, orgTree, residentAt } from './dataset.mjs';
import { prepareDatabase } from './setup.mjs';
import { createRequire } from 'node:module';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const MAX_MS = Number(process.env.BENCH_QUERY_MAX_MS ?? 120_000);

async function main() {
  buildFerretdb();
  buildCloud(); // the GIN index plan comes from the compiled models
  // The statuses as the API has them (shared/dist is built with the API just above).
  const { NEED_STATUSES, NEED_OPEN_STATUSES: OPEN } = createRequire(import.meta.url)('@gongzhi/shared');
  const { data, dataset, postgresqlUrl } = await prepareDatabase({ scale: SCALE });
  const tree = orgTree(dataset.sizes);
  const needs = data.collection('needs');
  const users = data.collection('users');
  const now = new Date();
  const owner = residentAt(7919, tree)._id;
  const community = tree.communities[0].community._id;
  const page = await needs.find({ owner }).limit(1).toArray();
  const ownerIds = Array.from({ length: 20 }, (_, i) => residentAt(i * 977, tree)._id);
  const from = new Date(now.getTime() - 90 * 86400_000);

  const rows = [];
  // A query still running after MAX_MS is stopped by the server (maxTimeMS) and reported as such.
  const time = async (scenario, query, run) => {
    const started = performance.now();
    let n;
    try {
      const result = await run();
      n = Array.isArray(result) ? result.length : result;
    } catch (err) {
      n = `stopped: ${err.codeName ?? err.message}`;
    }
    const ms = Math.round(performance.now() - started);
    rows.push({ scenario, query, ms, result: n });
    console.log(`  ${scenario.padEnd(12)} ${query.padEnd(64)} ${String(ms).padStart(7)} ms  (${n})`);
  };
  const cap = { maxTimeMS: MAX_MS };
  const one = (c, filter) => () => c.findOne(filter).then((d) => (d ? 1 : 0));

  console.log(`· each query alone, scale ${SCALE} (${JSON.stringify(dataset.counts)})`);
  await time('listMyNeeds', 'needs.find({owner}).sort(submittedAt -1).limit(20)', () =>
    needs.find({ owner }).sort({ submittedAt: -1, _id: -1 }).limit(20).toArray(),
  );
  await time('listMyNeeds', 'needs.countDocuments({owner})', () => needs.countDocuments({ owner }));
  await time('listMyNeeds', 'users.findOne({_id}) (owner name)', one(users, { _id: owner }));
  // The inbox scopes by `placeKeys` (a top-level array FerretDB hands to PostgreSQL as `@>`, served by
  // the GIN index); the "before" rows are the dotted `place.communityId` forms it replaced.
  const key = `community:${community}`;
  await time('staffInbox', 'needs.find({placeKeys, status}).sort(dueAt).limit(20)', () =>
    needs
      .find({ placeKeys: key, status: 'submitted' })
      .sort({ dueAt: 1, submittedAt: 1, _id: 1 })
      .limit(20)
      .maxTimeMS(MAX_MS)
      .toArray(),
  );
  await time('staffInbox', "  before: needs.find({'place.communityId', status})", () =>
    needs
      .find({ 'place.communityId': community, status: 'submitted' })
      .sort({ dueAt: 1, submittedAt: 1, _id: 1 })
      .limit(20)
      .maxTimeMS(MAX_MS)
      .toArray(),
  );
  await time('staffInbox', 'needs.countDocuments({placeKeys, status})', () =>
    needs.countDocuments({ placeKeys: key, status: 'submitted' }, cap),
  );
  await time('staffInbox', "  before: needs.countDocuments({'place.communityId', status})", () =>
    needs.countDocuments({ 'place.communityId': community, status: 'submitted' }, cap),
  );
  await time('staffInbox', 'per-status counts: 8 × countDocuments({placeKeys, status}) in parallel', () =>
    Promise.all(NEED_STATUSES.map((status) => needs.countDocuments({ placeKeys: key, status }, cap))),
  );
  await time('staffInbox', '  before: needs.aggregate($match {placeKeys}, $group status)', () =>
    needs.aggregate([{ $match: { placeKeys: key } }, { $group: { _id: '$status', n: { $sum: 1 } } }], cap).toArray(),
  );
  await time('staffInbox', "  before: needs.aggregate($match {'place.communityId'}, $group status)", () =>
    needs
      .aggregate([{ $match: { 'place.communityId': community } }, { $group: { _id: '$status', n: { $sum: 1 } } }], cap)
      .toArray(),
  );
  await time('staffInbox', 'overdue: 4 × countDocuments({placeKeys, status, dueAt < now}) in parallel', () =>
    Promise.all(OPEN.map((status) => needs.countDocuments({ placeKeys: key, status, dueAt: { $lt: now } }, cap))),
  );
  await time('staffInbox', '  before: needs.countDocuments({placeKeys, dueAt < now})', () =>
    needs.countDocuments({ placeKeys: key, dueAt: { $lt: now } }, cap),
  );
  await time('staffInbox', "  before: needs.countDocuments({'place.communityId', dueAt < now})", () =>
    needs.countDocuments({ 'place.communityId': community, dueAt: { $lt: now } }, cap),
  );
  await time('lists', 'users: 20 × findOne({_id}) in parallel (owner names)', () =>
    Promise.all(ownerIds.map((_id) => users.findOne({ _id }, { projection: { name: 1 } }))),
  );
  await time('lists', '  before: users.find({_id: {$in: 20 ids}})', () =>
    users.find({ _id: { $in: ownerIds } }, { projection: { name: 1 } }).toArray(),
  );
  await time('getNeed', 'needs.findOne({_id})', one(needs, { _id: page[0]?._id ?? benchId('need:1') }));
  await time(
    'createNeed',
    'orgs.findOne({_id}) (a building)',
    one(data.collection('orgs'), { _id: tree.communities[0].buildings[0].building._id }),
  );
  await time('claimSeat', 'shifts.findOne({_id})', one(data.collection('shifts'), { _id: benchId('shift:77:0') }));
  await time(
    'claimSeat',
    'activities.findOne({_id})',
    one(data.collection('activities'), { _id: benchId('activity:77') }),
  );
  await time('dashboard', 'whistles.countDocuments({blownAt: 90 days})', () =>
    data.collection('whistles').countDocuments({ blownAt: { $gte: from, $lt: now } }),
  );
  await time('dashboard', 'whistles.find({blownAt: 90 days}, {blownAt, place, targets})', () =>
    data
      .collection('whistles')
      .find({ blownAt: { $gte: from, $lt: now } }, { projection: { blownAt: 1, place: 1, targets: 1 } })
      .toArray(),
  );

  // PostgreSQL's plan for the SQL FerretDB sends for `{ _id: x }` and `{ owner: x }` (`@>`, which the
  // GIN indexes serve unless BENCH_PG_GIN=0), and for the `=` FerretDB's own btree index could serve.
  const psql = (sql) => execFileSync('psql', [postgresqlUrl, '-tAqc', sql], { encoding: 'utf8' }).trim();
  const table = psql("select _jsonb->>'table' from gongzhi._ferretdb_database_metadata where _jsonb->>'_id' = 'needs'");
  const id = String(page[0]?._id ?? benchId('need:1'));
  const plan = (field, op, value) => {
    const text = psql(
      `explain analyze select _jsonb from gongzhi.${table} where _jsonb->'${field}' ${op} '"${value}"'`,
    );
    return {
      plan: text.split('\n')[0].trim(),
      executionMs: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1]),
    };
  };
  const plans = {
    ferretdbContainment: plan('_id', '@>', id),
    equality: plan('_id', '=', id),
    ownerContainment: plan('owner', '@>', String(owner)),
  };
  console.log(`  needs by _id in PostgreSQL: FerretDB's @> ${JSON.stringify(plans.ferretdbContainment)}`);
  console.log(`  needs by _id in PostgreSQL: = (btree)   ${JSON.stringify(plans.equality)}`);
  console.log(`  needs by owner in PostgreSQL: FerretDB's @> ${JSON.stringify(plans.ownerContainment)}`);

  const file = writeReport('bench-queries.json', {
    date: new Date().toISOString(),
    machine: machine(),
    scale: SCALE,
    counts: dataset.counts,
    queries: rows,
    postgresqlPlans: plans,
  });
  console.log(`· report: ${file}`);
  return 0;
}

runBounded(main, { name: 'bench queries', limitMs: Number(process.env.BENCH_LIMIT_MS ?? 3_600_000) });
