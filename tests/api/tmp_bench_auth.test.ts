import { startApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('bench', async () => {
  const auth = await t.signIn('resident');
  const run = async (n: number) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await t.http().get('/api/v1/notices').set('Authorization', auth);
    return Number(process.hrtime.bigint() - t0) / 1e6 / n;
  };
  await run(50);
  const ms = [await run(300), await run(300), await run(300)];
  console.log('ms per GET /api/v1/notices:', ms.map((x) => x.toFixed(2)).join(' '));
  expect(ms.length).toBe(3);
}, 600_000);
