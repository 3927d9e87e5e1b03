// The bench's database: FerretDB on a dedicated PostgreSQL database (kept between runs), holding the
// demo county plus the generated county-scale dataset. Generation runs only when the marker document
// is missing or was written by another generator version or scale (it takes minutes).
import { execFileSync } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { syncGinIndexes } from '../../scripts/lib/pg-indexes.mjs';
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
 * The product's GIN indexes for FerretDB's equality filters (`npm run db:pg-indexes`, derived from the
 * models), as production has them. BENCH_PG_GIN=0 drops them instead, to measure the database as
 * FerretDB alone leaves it (the "before" figures in docs/performance.md).
 */
async function pgGinIndexes(url, log) {
  const without = process.env.BENCH_PG_GIN === '0';
  const r = await syncGinIndexes({ postgresqlUrl: url, database: DB_NAME, drop: without, log });
  log(
    without
      ? `· BENCH_PG_GIN=0: the GIN indexes are dropped (${r.dropped.length})`
      : `· GIN indexes for FerretDB's equality filters: ${r.created.length} created, ${r.kept.length} in place, ${r.dropped.length} dropped (${r.seconds} s)`,
  );
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
export async function prepareDatabase({ scale, regenerate = false, pprof, log = console.log }) {
  const PG_DATABASE = pgDatabaseFor(scale);
  const postgresqlUrl = benchPgDatabase(PG_DATABASE);
  // FerretDB opens up to 50 PostgreSQL connections by default, one per busy client connection; the
  // machine's PostgreSQL (max_connections 100) is shared with other runs, so the bench takes fewer.
  const pool = Number(process.env.BENCH_PG_CONNECTIONS ?? 20);
  const db = await startDb({
    port: await freePort(),
    postgresqlUrl: `${postgresqlUrl}?pool_max_conns=${pool}`,
    pprof,
  });
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
    await pgGinIndexes(postgresqlUrl, log);
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
  await pgGinIndexes(postgresqlUrl, log);
  return { db, uri, client, data, dataset, postgresqlUrl };
}
