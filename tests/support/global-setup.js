// Starts one embedded FerretDB for the whole jest run (each test file then uses its own
// database on it). An external server can be given with TEST_MONGODB_URI instead.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

module.exports = async () => {
  // 限流: the suite signs in and creates quickly from one address with few accounts; its limits are
  // this many times the production ones. The rate-limit tests start their API with RATE_LIMIT_SCALE=1.
  process.env.RATE_LIMIT_SCALE ??= '20';
  if (process.env.TEST_MONGODB_URI) return;
  const { startFerretdb, freePort } = require('../../scripts/lib/ferretdb.cjs');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-db-'));
  const db = await startFerretdb({
    port: await freePort(),
    dataDir,
    postgresqlUrl: process.env.TEST_POSTGRESQL_URL,
  });
  globalThis.__GONGZHI_DB__ = { db, dataDir };
  process.env.TEST_MONGODB_URI = db.uri;
};
