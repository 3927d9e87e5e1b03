import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/api-process';
import { freePortSync } from '../support/ports';

// `npm start` with FERRETDB_POSTGRESQL_URL: the embedded database keeps its data in PostgreSQL
// (these machines run one on 127.0.0.1:5432; TEST_POSTGRESQL_ADMIN_URL points elsewhere).
const admin = process.env.TEST_POSTGRESQL_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `gongzhi_start_${process.pid}`;
const dbUrl = admin.replace(/\/[^/]*$/, `/${database}`);
const psql = (sql: string, url = admin) =>
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-tAqc', sql], { encoding: 'utf8' });

beforeAll(() => psql(`create database ${database}`));
afterAll(() => psql(`drop database if exists ${database} with (force)`));

test('npm start runs on the PostgreSQL backend and the data lands in PostgreSQL', async () => {
  const port = freePortSync();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-pg-'));
  const env = {
    ...process.env,
    PORT: String(port),
    DB_PORT: String(freePortSync()),
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    FERRETDB_POSTGRESQL_URL: dbUrl,
  };
  delete env.MONGODB_URI;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('按 Ctrl-C 停止')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`start.mjs exited ${code}: ${out}`)));
  });
  try {
    expect(out).toContain('（PostgreSQL）');
    const accounts = await (await fetch(`http://127.0.0.1:${port}/api/v1/auth/demo-accounts`)).json();
    expect(accounts.accounts.length).toBe(12);
    // FerretDB keeps each MongoDB database as a PostgreSQL schema.
    const schemas = psql(`select schema_name from information_schema.schemata where schema_name = 'gongzhi'`, dbUrl);
    expect(schemas.trim()).toBe('gongzhi');
    // …and npm start gave FerretDB's tables the GIN indexes its equality filters need (db:pg-indexes).
    const gin = psql(
      `select count(*) from pg_indexes where schemaname = 'gongzhi' and indexname like '%\\_gzgin'`,
      dbUrl,
    );
    expect(Number(gin)).toBeGreaterThan(60);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
