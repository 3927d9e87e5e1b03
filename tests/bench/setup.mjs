// The bench's database: FerretDB on a dedicated PostgreSQL database (kept between runs), holding the
// demo county plus the generated county-scale dataset. Generation runs only when the marker document
// is missing or was written by another generator version or scale (it takes minutes).
import { execFileSync } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { freePort, onCleanup, startApi, startDb } from '../support/cluster.mjs';
import { DATASET_VERSION, generate } from './dataset.mjs';

const PG_ADMIN = process.env.LOAD_POSTGRESQL_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One PostgreSQL database per scale, so a small run never regenerates over the county-scale dataset. */
const pgDatabaseFor = (scale) =>
  process.env.BENCH_PG_DATABASE ??
  (scale === 1 ? 'gongzhi_bench' : `gongzhi_bench_${String(scale).replace(/\W/g, '_')}`);
export const DB_NAME = 'gongzhi';
const MARKER = 'benchDataset';

/**
 * GIN expression indexes (jsonb_path_ops) on the fields the scenarios look up by equality. FerretDB
 * 1.24 sends `{ f: v }` to PostgreSQL as `_jsonb->'f' @> v`, which its own btree indexes on
 * `_jsonb->'f'` cannot serve (every lookup is a sequential scan); a GIN index on the same expression
 * can. BENCH_PG_GIN=1 creates them (a PostgreSQL-side experiment, not something the API does);
 * otherwise they are dropped, so the default run measures the database as the API leaves it.
 */
const GIN_FIELDS = {
  needs: ['_id', 'owner'],
  users: ['_id'],
  orgs: ['_id'],
  menuitems: ['_id'],
  menuoverrides: ['communityId'],
  shifts: ['_id'],
  activities: ['_id'],
  seats: ['shiftId'],
  persontime: ['personId'],
  waitlist: ['shiftId'],
  idempotency: ['_id'],
};

function pgGinIndexes(url, wanted, log) {
  const t0 = Date.now();
  for (const [collection, fields] of Object.entries(GIN_FIELDS)) {
    const table = psql(
      `select table_name from information_schema.tables where table_schema = '${DB_NAME}' and table_name like '${collection}\\_%'`,
      url,
    ).split('\n')[0];
    if (!table) continue;
    for (const field of fields) {
      const name = `bench_gin_${collection}_${field.replace(/\W/g, '')}`;
      psql(
        wanted
          ? `create index if not exists ${name} on ${DB_NAME}.${table} using gin ((_jsonb->'${field}') jsonb_path_ops)`
          : `drop index if exists ${DB_NAME}.${name}`,
        url,
      );
    }
  }
  if (wanted) log(`· GIN indexes for FerretDB's equality filters in place (${Math.round((Date.now() - t0) / 1000)} s)`);
}

const psql = (sql, url = PG_ADMIN) =>
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-tAqc', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // no NOTICEs on the console (drop index if exists)
  }).trim();

/** The PostgreSQL database the bench keeps its dataset in (created once, never dropped by the bench). */
function benchPgDatabase(name) {
  if (!psql(`select 1 from pg_database where datname = '${name}'`)) psql(`create database ${name}`);
  return PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
}

/**
 * Starts FerretDB on the bench database and makes sure the dataset for `scale` is there.
 * Returns { db (FerretDB handle), uri (with the database name), client, data (mongodb Db), dataset (marker) }.
 */
export async function prepareDatabase({ scale, regenerate = false, log = console.log }) {
  const PG_DATABASE = pgDatabaseFor(scale);
  const postgresqlUrl = benchPgDatabase(PG_DATABASE);
  // FerretDB opens up to 50 PostgreSQL connections by default, one per busy client connection; the
  // machine's PostgreSQL (max_connections 100) is shared with other runs, so the bench takes fewer.
  const pool = Number(process.env.BENCH_PG_CONNECTIONS ?? 20);
  const db = await startDb({ port: await freePort(), postgresqlUrl: `${postgresqlUrl}?pool_max_conns=${pool}` });
  const uri = `${db.uri}${DB_NAME}`;
  const client = new MongoClient(db.uri, { directConnection: true });
  await client.connect();
  onCleanup(() => client.close());
  const data = client.db(DB_NAME);

  const marker = await data.collection('meta').findOne({ _id: MARKER });
  if (!regenerate && marker?.version === DATASET_VERSION && marker.scale === scale && marker.done) {
    log(
      `· dataset cached in PostgreSQL database ${PG_DATABASE} (scale ${scale}, generated ${marker.generatedAt.toISOString()} in ${marker.seconds} s)`,
    );
    pgGinIndexes(postgresqlUrl, process.env.BENCH_PG_GIN === '1', log);
    return { db, uri, client, data, dataset: marker, postgresqlUrl };
  }

  log(`· generating the dataset (scale ${scale}) into PostgreSQL database ${PG_DATABASE}…`);
  await data.dropDatabase();
  // The API creates every index and the demo county (org tree, menu, accounts) on an empty database.
  const seeder = await startApi({
    port: await freePort(),
    mongodbUri: uri,
    env: { SEED_DEMO: 'county' },
    readyTimeoutMs: 180_000,
  });
  await seeder.stop();
  const generatedAt = new Date();
  const result = await generate(data, { scale, now: generatedAt, log });
  const dataset = {
    _id: MARKER,
    version: DATASET_VERSION,
    scale,
    generatedAt,
    seconds: result.seconds,
    sizes: result.sizes,
    counts: result.counts,
    done: true,
  };
  await data.collection('meta').insertOne(dataset);
  log(`· dataset generated in ${result.seconds} s: ${JSON.stringify(result.counts)}`);
  pgGinIndexes(postgresqlUrl, process.env.BENCH_PG_GIN === '1', log);
  return { db, uri, client, data, dataset, postgresqlUrl };
}
