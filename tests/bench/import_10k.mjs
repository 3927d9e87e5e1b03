// Benchmark, not a test: 10,000 residents in one .xlsx, dry run + commit through the API on the
// embedded FerretDB (SQLite; set FERRETDB_POSTGRESQL_URL for PostgreSQL). Goal: under 60 s in total.
// Run after `npx tsc -b cloud`:  node tests/bench/import_10k.mjs [rows]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');
const { ROOT, startFerretdb, freePort } = require('../../scripts/lib/ferretdb.cjs');

const ROWS = Number(process.argv[2] ?? 10_000);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idNumber = (i) => {
  const birth = `19${50 + (i % 50)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const first17 = `3301${String(Math.floor(i / 1000)).padStart(2, '0')}${birth}${String(i % 1000).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, k) => s + Number(d) * WEIGHTS[k], 0);
  return first17 + '10X98765432'[sum % 11];
};

async function workbook() {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('居民');
  sheet.addRow(['姓名', '身份证号', '手机号', '社区', '小区', '楼栋']);
  const complexes = ['南门小区', '粮站家属院', '锦绣华庭'];
  for (let i = 0; i < ROWS; i++)
    sheet.addRow([
      `居民${i}`,
      idNumber(i),
      `137${String(i).padStart(8, '0')}`,
      '南门社区',
      complexes[i % 3],
      `${(i % 2) + 1}号楼`,
    ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const secs = (t0) => ((performance.now() - t0) / 1000).toFixed(1);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-bench-import-'));
  const db = await startFerretdb({
    port: await freePort(),
    dataDir,
    postgresqlUrl: process.env.FERRETDB_POSTGRESQL_URL,
  });
  const port = await freePort();
  const api = spawn(process.execPath, [path.join(ROOT, 'cloud', 'bootstrap.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      MONGODB_URI: `${db.uri}bench_import`,
      SEED_DEMO: 'county',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await (
      await fetch(`${base}/api/v1/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: 'staff' }),
      })
    ).json();
    const auth = { authorization: `Bearer ${login.token}` };
    const file = await workbook();
    console.log(
      `${ROWS} rows, ${(file.length / 1024).toFixed(0)} KB (.xlsx, sha256 ${createHash('sha256').update(file).digest('hex').slice(0, 12)})`,
    );

    for (const pass of ['first import', 'same file again']) {
      let t0 = performance.now();
      const dry = await (
        await fetch(`${base}/api/v1/imports/residents/dry-run`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          body: file,
        })
      ).json();
      const dryS = secs(t0);
      t0 = performance.now();
      const job = await (
        await fetch(`${base}/api/v1/imports/residents/commit`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ fileId: dry.fileId }),
        })
      ).json();
      let state = job;
      while (state.status === 'running') {
        await new Promise((r) => setTimeout(r, 250));
        state = await (await fetch(`${base}/api/v1/imports/jobs/${job.id}`, { headers: auth })).json();
      }
      const commitS = secs(t0);
      console.log(
        `${pass}: dry run ${dryS} s (${JSON.stringify(dry.summary)}), commit ${commitS} s (${state.message}); total ${(Number(dryS) + Number(commitS)).toFixed(1)} s`,
      );
    }
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    if (!process.env.KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(dataDir);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
