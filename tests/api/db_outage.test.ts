import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp, type TestApp } from '../support/app';
import { freePortSync } from '../support/ports';

// This file runs its own FerretDB so it can stop and restart it.
let db: { stop: () => Promise<void>; uri: string };
let port: number;
let dataDir: string;
let t: TestApp;

async function startDb() {
  const { startFerretdb } = await import('../../scripts/lib/ferretdb.cjs');
  db = await startFerretdb({ port, dataDir });
}

beforeAll(async () => {
  port = freePortSync();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-outage-'));
  await startDb();
  process.env.TEST_MONGODB_URI_SAVED = process.env.TEST_MONGODB_URI;
  process.env.TEST_MONGODB_URI = db.uri;
  t = await startApp(__filename);
  process.env.TEST_MONGODB_URI = process.env.TEST_MONGODB_URI_SAVED;
});
afterAll(async () => {
  await t.close();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until(check: () => Promise<boolean>, tries = 100) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

test('while the database is down /readyz fails and API calls get 503; both recover by themselves', async () => {
  const resident = await t.signIn('resident');
  expect((await t.http().get('/api/v1/menu').set('Authorization', resident)).status).toBe(200);

  await db.stop();
  const ready = await t.http().get('/readyz');
  expect(ready.status).toBe(503);
  expect(ready.body.code).toBe('DB_UNAVAILABLE');
  const menu = await t.http().get('/api/v1/menu').set('Authorization', resident);
  expect(menu.status).toBe(503);
  expect(menu.body).toMatchObject({ code: 'DB_UNAVAILABLE', message: '数据服务暂时不可用，请稍后再试' });

  await startDb();
  expect(await until(async () => (await t.http().get('/readyz')).status === 200)).toBe(true);
  expect(
    await until(async () => (await t.http().get('/api/v1/menu').set('Authorization', resident)).status === 200),
  ).toBe(true);
});
