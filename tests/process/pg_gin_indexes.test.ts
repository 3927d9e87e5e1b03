import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { ROOT, startApiProcess, type ApiProcess } from '../support/api-process';
import { freePortSync } from '../support/ports';

// `npm run db:pg-indexes` on FerretDB's PostgreSQL backend: PostgreSQL's own plan for the SQL FerretDB
// sends for an equality filter (`_jsonb->'f' @> v`, read through FerretDB's `explain`) must use the
// GIN index, for `_id` and for a field a model indexes. Sequential scans are disabled for this
// throwaway database, so that even its few rows go through an index whenever one can serve the
// expression, and a Seq Scan in the plan means no index could (FerretDB's btree ones cannot).
// These machines run PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRESQL_ADMIN_URL points elsewhere).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFerretdb } = require('../../scripts/lib/ferretdb.cjs');

const admin = process.env.TEST_POSTGRESQL_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `gongzhi_gin_${process.pid}`;
const dbUrl = admin.replace(/\/[^/]*$/, `/${database}`);
const psql = (sql: string, url = admin) =>
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-tAqc', sql], { encoding: 'utf8' }).trim();

let db: { uri: string; stop: () => Promise<void> };
let api: ApiProcess;
let client: MongoClient;

const pgIndexes = () =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'pg-indexes.mjs')], {
    env: { ...process.env, FERRETDB_POSTGRESQL_URL: dbUrl, MONGODB_URI: `${db.uri}gongzhi` },
    encoding: 'utf8',
  });
const ourIndexes = () =>
  psql(`select indexname from pg_indexes where schemaname = 'gongzhi' and indexname like '%\\_gzgin' order by 1`, dbUrl)
    .split('\n')
    .filter(Boolean);

/** PostgreSQL's plan (FerretDB's `explain` runs EXPLAIN on its own SQL) for a find with this filter. */
async function pgPlan(collection: string, filter: object): Promise<string> {
  const res = await client.db('gongzhi').command({ explain: { find: collection, filter } });
  expect(res.filterPushdown).toBe(true);
  return JSON.stringify(res.queryPlanner);
}

beforeAll(async () => {
  psql(`create database ${database}`);
  // Applies to every connection FerretDB opens to it: the planner takes an index whenever one fits.
  psql(`alter database ${database} set enable_seqscan = off`);
  db = await startFerretdb({ port: freePortSync(), postgresqlUrl: dbUrl });
  // The API creates the collections and FerretDB's own indexes, as on a first deploy.
  api = await startApiProcess('gin', { MONGODB_URI: `${db.uri}gongzhi`, SEED_DEMO: 'off' });
  client = new MongoClient(db.uri, { directConnection: true });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.close();
  await api?.stop();
  await db?.stop();
  psql(`drop database if exists ${database} with (force)`);
});

test('without the GIN indexes, FerretDB equality filters are sequential scans', async () => {
  expect(ourIndexes()).toEqual([]);
  expect(await pgPlan('needs', { _id: 'x' })).toContain('Seq Scan');
});

test('db:pg-indexes makes _id and model-indexed fields index lookups, and a rerun changes nothing', async () => {
  const first = pgIndexes();
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  const created = ourIndexes();
  // needs: _id, owner (index {owner, submittedAt}), status, photos; users: _id, communityId, …
  const needsTable = psql(
    `select _jsonb->>'table' from gongzhi._ferretdb_database_metadata where _jsonb->>'_id' = 'needs'`,
    dbUrl,
  );
  expect(created).toEqual(expect.arrayContaining([`${needsTable}__id_gzgin`, `${needsTable}_owner_gzgin`]));
  expect(created.length).toBeGreaterThan(60);

  const byId = await pgPlan('needs', { _id: new ObjectId() });
  expect(byId).not.toContain('Seq Scan');
  expect(byId).toContain(`${needsTable}__id_gzgin`);
  const byOwner = await pgPlan('needs', { owner: new ObjectId() });
  expect(byOwner).not.toContain('Seq Scan');
  expect(byOwner).toContain(`${needsTable}_owner_gzgin`);
  // The staff inbox's filter (needs/inbox-filters.ts): scope and status both go to PostgreSQL (which
  // index the planner prefers for the pair depends on the rows), and the scope alone is served by the
  // placeKeys GIN index.
  const key = `community:${new ObjectId()}`;
  const inbox = await pgPlan('needs', { placeKeys: key, status: 'submitted' });
  expect(inbox).not.toContain('Seq Scan');
  expect(inbox).toContain(`'placeKeys'::text) @> '\\"${key}\\"'::jsonb`);
  const byScope = await pgPlan('needs', { placeKeys: key });
  expect(byScope).not.toContain('Seq Scan');
  expect(byScope).toContain(`${needsTable}_placekeys_gzgin`);
  // A field no model indexes gets no index: the plan stays a scan (the check above can fail).
  expect(await pgPlan('needs', { description: 'x' })).toContain('Seq Scan');

  // Lookups through FerretDB still answer right with the indexes in place.
  const needs = client.db('gongzhi').collection('needs');
  await needs.insertOne({ _id: 'gin-test' as never, owner: 'gin-owner', description: 'd' });
  expect(await needs.countDocuments({ owner: 'gin-owner' })).toBe(1);
  expect((await needs.findOne({ _id: 'gin-test' as never }))?.description).toBe('d');

  const again = pgIndexes();
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('新建 0');
  expect(ourIndexes()).toEqual(created);
});

test('an index left invalid or no longer asked for is dropped; the plan is rebuilt', async () => {
  const table = psql(
    `select _jsonb->>'table' from gongzhi._ferretdb_database_metadata where _jsonb->>'_id' = 'needs'`,
    dbUrl,
  );
  psql(`create index ${table}_stale_gzgin on gongzhi.${table} using gin ((_jsonb->'stale') jsonb_path_ops)`, dbUrl);
  // What an interrupted CREATE INDEX CONCURRENTLY leaves behind.
  psql(`update pg_index set indisvalid = false where indexrelid = 'gongzhi.${table}_owner_gzgin'::regclass`, dbUrl);
  const r = pgIndexes();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('新建 1');
  expect(r.stdout).toContain('删除 2');
  expect(ourIndexes()).not.toContain(`${table}_stale_gzgin`);
  expect(
    psql(`select indisvalid from pg_index where indexrelid = 'gongzhi.${table}_owner_gzgin'::regclass`, dbUrl),
  ).toBe('t');
});
