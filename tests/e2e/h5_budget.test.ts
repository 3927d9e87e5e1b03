import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, type Phone } from '../support/browser-page';

// The H5 first load (every JS and CSS file fetched until the login page shows), gzipped, against budgets.json.
const budgets = JSON.parse(fs.readFileSync(path.join(ROOT, 'budgets.json'), 'utf8'));
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_h5_budget');
  phone = await openPhone('h5-budget');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('the first load of the H5 app stays within its gzip budget', async () => {
  const sizes: { url: string; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  phone.page.on('response', (res) => {
    if (!/\.(js|css)(\?|$)/.test(res.url())) return;
    pending.push(
      res.body().then((body) => {
        sizes.push({ url: new URL(res.url()).pathname, gzip: gzipSync(body, { level: 9 }).length });
      }),
    );
  });
  await phone.page.goto(`${api.base}/`);
  await phone.page.locator('.demo-account').first().waitFor();
  await phone.page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const totalKB = sizes.reduce((sum, s) => sum + s.gzip, 0) / 1024;
  console.log(
    `H5 first load: ${sizes.length} files, ${totalKB.toFixed(1)} KB gzipped (budget ${budgets.h5FirstLoadGzipKB} KB)\n` +
      sizes
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 5)
        .map((s) => `  ${(s.gzip / 1024).toFixed(1).padStart(7)} KB  ${s.url}`)
        .join('\n'),
  );
  expect(sizes.length).toBeGreaterThan(0);
  expect(totalKB).toBeLessThanOrEqual(budgets.h5FirstLoadGzipKB);
});
