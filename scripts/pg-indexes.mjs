#!/usr/bin/env node
// `npm run db:pg-indexes`: on FerretDB's PostgreSQL backend, the GIN indexes that let PostgreSQL use
// an index for FerretDB's equality filters (scripts/lib/pg-indexes.mjs). Run it after the API has
// started once on the database (the API creates the collections); safe to rerun, e.g. after every
// deploy. `npm start` with FERRETDB_POSTGRESQL_URL runs it by itself.
// Settings: FERRETDB_POSTGRESQL_URL (required), MONGODB_URI (its path names the database; default gongzhi).
import { buildCloud } from './lib/build.mjs';
import { syncGinIndexes } from './lib/pg-indexes.mjs';

const postgresqlUrl = process.env.FERRETDB_POSTGRESQL_URL;
if (!postgresqlUrl) {
  console.error('✖ 配置错误：FERRETDB_POSTGRESQL_URL 未设置（FerretDB 使用的 PostgreSQL 地址）');
  process.exit(1);
}
const database = process.env.MONGODB_URI ? new URL(process.env.MONGODB_URI).pathname.slice(1) || 'gongzhi' : 'gongzhi';

try {
  buildCloud();
  console.log(`· PostgreSQL GIN 索引（数据库 ${database}）…`);
  const r = await syncGinIndexes({ postgresqlUrl, database, log: console.log });
  console.log(
    `· 完成（${r.seconds} 秒）：新建 ${r.created.length}，已有 ${r.kept.length}，删除 ${r.dropped.length}` +
      (r.missingCollections.length ? `；尚无集合：${r.missingCollections.join(', ')}` : ''),
  );
} catch (err) {
  console.error(`✖ ${err.message}`);
  process.exit(1);
}
