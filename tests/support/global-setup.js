// Starts one embedded FerretDB for the whole jest run (each test file then uses its own
// database on it). An external server can be given with TEST_MONGODB_URI instead.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

module.exports = async () => {
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
