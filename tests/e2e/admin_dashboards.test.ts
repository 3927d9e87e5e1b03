import * as fs from 'node:fs';
import { MongoClient } from 'mongodb';
import type { Locator, Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { seedId } from '../../cloud/src/core/stable-id';
import { TAB_BAR, calm, confirmModal, secondPhone, seen, shotOf, signIn, tokenOf } from './admin_support';

// 数据看板 and 响应考核 in the admin tab, for the county admin 冯刚 and 南门's staff 陈静, on the full
// demo with its roster replaced by one written here (per shared/src/people/rosters.ts) for
// 南门 as in the report: 280 members, 102 aged 50+, 89 mobile; 24 两委 members.
let api: ApiProcess;
let phone: Phone;
const NAME = 'e2e_admin_dashboards';

async function addRoster(uri: string) {
  const client = await MongoClient.connect(uri);
  try {
    const db = client.db();
    // This test's own roster replaces the demo's, so every figure below is the hand count of these rows.
    for (const c of ['branches', 'partyMembers', 'staffMembers']) await db.collection(c).deleteMany({});
    const nanmen = String(seedId('org:community:nanmen'));
    const xishan = String(seedId('org:community:xishan'));
    const sizes: [string, string, number][] = [
      ['南门社区第一党支部', nanmen, 118],
      ['南门社区第二党支部', nanmen, 64],
      ['南门社区第三党支部', nanmen, 52],
      ['南门社区第四党支部', nanmen, 46],
      ['西山社区党支部', xishan, 38],
    ];
    let n = 0;
    for (const [name, placeId, size] of sizes) {
      const { insertedId } = await db.collection('branches').insertOne({ name, placeId, unitId: null });
      await db.collection('partyMembers').insertMany(
        Array.from({ length: size }, () => {
          n++;
          // 南门: the first 102 of its 280 are 50+, the last 89 mobile.
          const old = placeId === nanmen ? n <= 102 : n % 3 === 0;
          return {
            branchId: String(insertedId),
            placeId,
            // 50+: born 1946–1975; younger: born 1980–1998 (under 50 until 2030).
            birthDate: old ? `${1946 + (n % 30)}-05-01` : `${1980 + (n % 19)}-09-15`,
            mobile: placeId === nanmen ? n > 280 - 89 : false,
            category: 'A',
            active: true,
          };
        }),
      );
    }
    const educations = ['初中及以下', '高中/中专', '大专', '本科'];
    await db.collection('staffMembers').insertMany(
      Array.from({ length: 24 }, (_, i) => ({
        name: `南门工作人员${i + 1}`,
        placeId: nanmen,
        birthDate: i < 11 ? `${1990 + (i % 6)}-03-01` : `${1962 + (i % 24)}-03-01`,
        education: i < 21 ? educations[i % 3] : educations[3],
        post: '委员',
        committee: true,
        active: true,
      })),
    );
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  api = await startApiProcess(NAME);
  await addRoster(`${process.env.TEST_MONGODB_URI}${NAME}_${process.pid}`);
  phone = await openPhone('admin_dashboards');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

/** Scrolls a section into view, waits for its charts, and saves a screenshot. */
async function shotSection(page: Page, selector: string, step: string) {
  await page.locator(selector).waitFor();
  await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), selector);
  await page.waitForTimeout(300);
  await shotOf(page, 'admin_dashboards', step);
}

async function openFromAdminTab(page: Page, hook: string, ready: string) {
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator(`.admin-task--${hook}`).click();
  const first = page.locator(ready).first();
  await first.waitFor();
  await settled(page.locator('.dashboard__hero'));
}

/** A headline figure of a section, by its exact text. */
const figure = (section: Locator, text: string) =>
  section.locator('.dash-figure__value').getByText(text, { exact: true }).waitFor();

/** True when the chart's canvas has something drawn on it (not one flat colour). */
function drawn(page: Page, id: string) {
  return page.evaluate((canvasId) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`#${canvasId} canvas`);
    if (!canvas || !canvas.width || !canvas.height) return false;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const first = data.slice(0, 4).join();
    for (let i = 4; i < data.length; i += 4 * 97) if (data.slice(i, i + 4).join() !== first) return true;
    return false;
  }, id);
}

test('the county admin reads section 三 on the dashboard, with charts, the brand warning and an Excel file', async () => {
  const { page } = phone;
  await signIn(page, api.base, '冯刚');
  await openFromAdminTab(page, 'dashboard', '.dash-branches');
  await page.locator('.dashboard__scope', { hasText: '示范县' }).waitFor();
  await page.waitForFunction(() => !!document.querySelector('#chart-branches canvas'));
  await page.waitForTimeout(400);
  await phone.shot('01-county-top');

  // The figures a person computes from the demo: 33 of 73 complexes old, 文明交通引导 338 of 547.
  const complexes = page.locator('.dash-complexes');
  await figure(complexes, '33/73');
  await figure(complexes, '45.21%');
  await page.locator('.dash-brands .dash-warning', { hasText: '61.79%' }).waitFor();
  await page.locator('.dash-brands').getByText('338次 · 61.79%').waitFor();
  await figure(page.locator('.dash-formats'), '99.10%');
  await figure(page.locator('.dash-branches'), '3/5');
  expect(await drawn(page, 'chart-branches')).toBe(true);
  expect(await drawn(page, 'chart-brands')).toBe(true);

  await shotSection(page, '.dash-members', '02-county-members');
  await shotSection(page, '.dash-complexes', '03-county-complexes');
  await shotSection(page, '.dash-brands', '04-county-brands');
  await shotSection(page, '.dash-units', '05-county-units');
  await shotSection(page, '.dash-needs', '06-county-needs');
  // 统计口径 in plain words: no field names on the screen.
  const definitions = page.locator('.dash-definitions');
  await definitions.getByText('没有转出或停用', { exact: false }).first().waitFor();
  expect(await definitions.innerText()).not.toMatch(/[A-Za-z]/);
  await shotSection(page, '.dash-definitions', '06b-county-definitions');

  const download = page.waitForEvent('download');
  await page.locator('.dash-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^数据看板_示范县_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const bytes = fs.readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
});

test('the county admin reads 三率 per department and the overdue list, and exports them', async () => {
  const { page } = phone;
  await page.goto(`${api.base}/`);
  await page.locator('.home .menu-item').first().waitFor();
  await openFromAdminTab(page, 'kpis', '.kpis-filters');
  await page.locator('.kpis-chip', { hasText: '今年' }).click();
  await page.locator('.kpis-total').waitFor();
  await page.waitForTimeout(400);
  await phone.shot('07-kpis-top');
  await page.locator('.kpis-tab', { hasText: '按社区' }).click();
  await page.locator('.kpis-row').first().waitFor();
  await shotSection(page, '.kpis-rows', '08-kpis-communities');
  await shotSection(page, '.kpis-overdue', '09-kpis-overdue');
  expect(await page.locator('.kpis').first().innerText()).not.toContain('90%');

  const download = page.waitForEvent('download');
  await page.locator('.dash-export').click();
  expect((await download).suggestedFilename()).toMatch(/^三率统计_社区_\d{4}-01-01至\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test('the county admin taps the overdue gas leak in the list and presses 督办: it is on the whistle’s timeline', async () => {
  const { page } = phone;
  await page.goto(`${api.base}/`);
  await page.locator('.home .menu-item').first().waitFor();
  await openFromAdminTab(page, 'kpis', '.kpis-overdue');
  // The list shows the longest overdue first, ten at a time: load more until the gas leak is there.
  const row = seen(page, '.kpis-late', '粮站家属院疑似燃气泄漏');
  await seen(page, '.kpis-late').waitFor();
  while (!(await row.isVisible())) {
    const more = seen(page, '.kpis-more', '加载更多');
    const shown = await page.locator('.kpis-late').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('.kpis-late').length > n, shown);
  }
  await row.scrollIntoViewIfNeeded();
  await shotOf(page, 'admin_dashboards', '16-overdue-gas-leak');
  await row.locator('.kpis-late__title').click();

  await seen(page, '.whistle-detail__title', '粮站家属院疑似燃气泄漏').waitFor();
  await settled(seen(page, '.whistle-detail__title'));
  const press = seen(page, '.whistle-target__remind');
  await press.scrollIntoViewIfNeeded();
  await phone.shot('17-whistle-page');
  await press.click();
  await seen(page, '.admin-sheet__title', '督办').waitFor();
  await seen(page, '.admin-sheet textarea').fill('燃气泄漏，请立即派人到场处置');
  await phone.shot('18-remind-sheet');
  await seen(page, '.whistle-remind__submit').click();
  await confirmModal(page, '督办');
  const entry = seen(page, '.whistle-timeline__item', '冯刚 督办');
  await entry.waitFor();
  await entry.getByText('燃气泄漏，请立即派人到场处置').waitFor();
  await calm(page);
  await entry.scrollIntoViewIfNeeded();
  await phone.shot('19-reminded-timeline');

  // A second press within the hour: refused in plain words, in the sheet.
  await seen(page, '.whistle-target__remind').click();
  await seen(page, '.whistle-remind__submit').click();
  await confirmModal(page, '督办');
  await seen(page, '.admin-banner', '这个小时内已经督办过了').waitFor();
  await phone.shot('20-remind-again-refused');
});

test('南门’s staff see their community only: 280 members, 36.43% aged 50+, 31.79% mobile', async () => {
  const { page, close } = await secondPhone(phone.browser);
  await signIn(page, api.base, '陈静');
  await openFromAdminTab(page, 'dashboard', '.dash-members');
  await page.locator('.dashboard__scope', { hasText: '南门社区' }).waitFor();
  const members = page.locator('.dash-members');
  await figure(members, '36.43%');
  await figure(members, '31.79%');
  await figure(page.locator('.dash-branches'), '3/4');
  await figure(page.locator('.dash-staff'), '54.17%');
  await figure(page.locator('.dash-staff'), '87.50%');
  await page.waitForTimeout(400);
  await shotOf(page, 'admin_dashboards', '10-staff-top');
  await shotSection(page, '.dash-members', '11-staff-members');
  await shotSection(page, '.dash-staff', '12-staff-two-committees');
  await shotSection(page, '.dash-brands', '13-staff-brands');

  // The narrowest phone: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 812 });
  await page.reload();
  await page.locator('.dash-members .dash-figure__value').first().waitFor();
  await page.waitForTimeout(400);
  await shotOf(page, 'admin_dashboards', '14-staff-320px');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shotSection(page, '.dash-staff', '15-staff-320px-two-committees');
  await close();
});

test('a resident is refused the dashboard by the API', async () => {
  const res = await fetch(`${api.base}/api/v1/stats/overview`, {
    headers: { authorization: `Bearer ${await tokenOf(api.base, 'resident')}` },
  });
  expect(res.status).toBe(403);
});
