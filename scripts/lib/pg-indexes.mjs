// GIN indexes that let FerretDB 1.24 on PostgreSQL use an index for equality lookups (why: the
// comment of cloud/src/core/pg-indexes.ts, figures: docs/performance.md). Which fields comes from the
// models (ginIndexPlan); which table holds a collection comes from FerretDB's own metadata table.
// Idempotent: creates what is missing (CONCURRENTLY, so a live API keeps writing), rebuilds what an
// interrupted run left invalid, drops ours that no model asks for any more, and leaves FerretDB's
// own indexes alone. Needs the `psql` client (PostgreSQL's client package).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './ferretdb.cjs';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** Our indexes end with this, so reruns find exactly ours among FerretDB's (`…_idx`). */
export const GIN_SUFFIX = '_gzgin';

/** The plan from the compiled models (cloud/dist): [{ collection, fields }]. */
export function ginIndexPlanFromModels() {
  const mod = require(path.join(ROOT, 'cloud', 'dist', 'core', 'pg-indexes.js'));
  mod.loadAllModels();
  return mod.ginIndexPlan();
}

/** PostgreSQL identifiers are at most 63 bytes; long ones keep a hash so that they stay unique. */
export function ginIndexName(table, field) {
  const base = `${table}_${field.replace(/[^A-Za-z0-9_]/g, '').toLowerCase()}`;
  if (base.length + GIN_SUFFIX.length <= 63) return base + GIN_SUFFIX;
  const hash = createHash('sha1').update(`${table}\0${field}`).digest('hex').slice(0, 8);
  return `${base.slice(0, 63 - GIN_SUFFIX.length - 9)}_${hash}${GIN_SUFFIX}`;
}

const ident = (s) => `"${s.replace(/"/g, '""')}"`;
const literal = (s) => `'${s.replace(/'/g, "''")}'`;

/**
 * psql with the URL's password in the environment rather than on the command line (ps shows argv),
 * and without query parameters meant for FerretDB's driver (pool_max_conns…), which psql refuses.
 */
function psqlFor(postgresqlUrl) {
  const url = new URL(postgresqlUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  for (const key of [...url.searchParams.keys()]) if (key !== 'sslmode') url.searchParams.delete(key);
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  // Several statements: one -c each, so each runs on its own (CONCURRENTLY refuses a transaction
  // block), in one psql session rather than one process per index.
  return async (...sql) => {
    try {
      const commands = sql.flatMap((s) => ['-c', s]);
      const { stdout } = await run(
        'psql',
        [url.toString(), '-v', 'ON_ERROR_STOP=1', '-XtAq', '-F', '\t', ...commands],
        {
          env,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'));
    } catch (err) {
      if (err.code === 'ENOENT')
        throw new Error('找不到 psql：请安装 PostgreSQL 客户端（如 apt-get install postgresql-client）');
      throw new Error(`PostgreSQL 执行失败：${(err.stderr || err.message).trim()}`);
    }
  };
}

/**
 * Brings the GIN indexes of `database` (FerretDB's MongoDB database = a PostgreSQL schema) in line
 * with the plan. `drop: true` removes all of ours (the bench's "before" figures).
 * Returns { created, dropped, kept, missingCollections, seconds }.
 */
export async function syncGinIndexes({
  postgresqlUrl,
  database = 'gongzhi',
  plan = ginIndexPlanFromModels(),
  drop = false,
  log = () => {},
}) {
  const t0 = Date.now();
  const psql = psqlFor(postgresqlUrl);
  const metadata = `${ident(database)}."_ferretdb_database_metadata"`;
  const [[exists]] = await psql(`select to_regclass(${literal(metadata)}) is not null`);
  if (exists !== 't') {
    throw new Error(
      `PostgreSQL 里还没有数据库 ${database} 的集合：先启动一次 API（它会建好集合和索引），再建 GIN 索引`,
    );
  }
  const tables = new Map(await psql(`select _jsonb->>'_id', _jsonb->>'table' from ${metadata}`));

  const wanted = new Map(); // index name → { table, field, collection }
  const missingCollections = [];
  if (!drop) {
    for (const { collection, fields } of plan) {
      const table = tables.get(collection);
      if (!table) {
        missingCollections.push(collection);
        continue;
      }
      for (const field of fields) wanted.set(ginIndexName(table, field), { table, field, collection });
    }
  }

  const existing = await psql(
    `select c.relname, i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${literal(database)} and c.relname like ${literal(`%${GIN_SUFFIX.replace(/_/g, '\\_')}`)}`,
  );
  const dropped = [];
  const kept = [];
  for (const [name, valid] of existing) {
    // An interrupted CONCURRENTLY build leaves an invalid index that IF NOT EXISTS would keep forever.
    if (wanted.has(name) && valid === 't') kept.push(name);
    else dropped.push(name);
  }
  if (dropped.length) {
    await psql(...dropped.map((name) => `drop index concurrently if exists ${ident(database)}.${ident(name)}`));
  }

  const toCreate = [...wanted].filter(([name]) => !kept.includes(name));
  const created = toCreate.map(([name]) => name);
  if (toCreate.length) {
    const t = Date.now();
    await psql(
      ...toCreate.map(
        ([name, { table, field }]) =>
          `create index concurrently if not exists ${ident(name)} on ${ident(database)}.${ident(table)} using gin ((_jsonb->${literal(field)}) jsonb_path_ops)`,
      ),
      // Statistics on the new expressions, so the planner estimates their selectivity from the data.
      ...[...new Set(toCreate.map(([, { table }]) => table))].map(
        (table) => `analyze ${ident(database)}.${ident(table)}`,
      ),
    );
    log(`  + ${created.length} GIN indexes (${Date.now() - t} ms): ${created.join(', ')}`);
  }

  return { created, dropped, kept, missingCollections, seconds: Math.round((Date.now() - t0) / 100) / 10 };
}
