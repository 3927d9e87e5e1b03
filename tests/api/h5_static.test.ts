import * as fs from 'node:fs';
import * as path from 'node:path';
import { startApp, type TestApp } from '../support/app';

// The H5 build is served from '/', beside the API: pages and assets come from the H5 folder, and
// no file there can answer for an API path (the API never looks on disk for one).
let t: TestApp;
let h5: string;
beforeAll(async () => {
  t = await startApp(__filename);
  h5 = process.env.H5_DIR!;
  fs.writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>共治通</title>');
  fs.mkdirSync(path.join(h5, 'js'), { recursive: true });
  fs.writeFileSync(path.join(h5, 'js', 'app.js'), 'console.log("h5")');
  // A stray file at an API path, as a careless copy into the H5 folder could leave.
  fs.mkdirSync(path.join(h5, 'api', 'v1', 'needs'), { recursive: true });
  fs.writeFileSync(path.join(h5, 'api', 'v1', 'needs', 'mine'), 'not the API');
});
afterAll(() => t.close());

test('/ and the assets are served from the H5 folder', async () => {
  const page = await t.http().get('/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<title>共治通</title>');
  const js = await t.http().get('/js/app.js');
  expect(js.status).toBe(200);
  expect(js.text).toBe('console.log("h5")');
});

test('an API path is answered by the API even when a file of that path exists', async () => {
  const anonymous = await t.http().get('/api/v1/needs/mine');
  expect(anonymous.status).toBe(401);
  expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  const resident = await t.signIn('resident');
  const mine = await t.http().get('/api/v1/needs/mine').set('Authorization', resident);
  expect(mine.status).toBe(200);
  expect(mine.body).toMatchObject({ page: 1, items: expect.any(Array) });
});
