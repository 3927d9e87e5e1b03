import type { Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, calm, confirmModal, secondPhone, shotOf, signIn } from './admin_support';

// Issue 5: grid worker 赵敏 logs this week's patrol with a finding and turns it into a whistle to the
// housing department; 吴伟 (the department) reports and resolves it in time; community staff 陈静
// confirms; the whistle shows 已办结 with every step on its timeline.
let api: ApiProcess;
let phone: Phone;

const SCENARIO = 'patrol_to_whistle';
const FINDING = '南门小区 2 号楼化粪池堵塞外溢，污水流到单元门口';
const DEPARTMENT = '县住房和城乡建设局';

beforeAll(async () => {
  api = await startApiProcess('e2e_patrol_to_whistle');
  phone = await openPhone(SCENARIO);
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

/** From the admin tab to the whistle list, then into the whistle with this title. */
async function openWhistle(page: Page, title: string): Promise<void> {
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--whistles').click();
  const card = page.locator('.whistle-card', { hasText: title });
  await card.waitFor();
  await settled(card);
  await card.click();
  await page.locator('.whistle-detail__title', { hasText: title }).waitFor();
  await settled(page.locator('.whistle-detail__title'));
}

/** Opens a step's sheet on the whistle, types, submits, and confirms the dialog. */
async function step(page: Page, action: string, text: string | null, confirm: string): Promise<void> {
  await page.locator(`.whistle-action-${action}`).click();
  if (text !== null) await page.locator('.admin-sheet textarea').fill(text);
  await page.locator('.whistle-detail__submit').click();
  await confirmModal(page, confirm);
  await page.locator('.admin-sheet').waitFor({ state: 'detached' });
  await calm(page);
}

test('a patrol finding becomes a whistle that the department reports, resolves and the community confirms', async () => {
  const { page, shot } = phone;

  // ——— 赵敏 logs a patrol with one finding ———
  await signIn(page, api.base, '赵敏');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--patrols').waitFor();
  await shot('01-admin-home');
  await page.locator('.admin-task--patrols').click();
  await page.locator('.patrols__new').waitFor();
  // The seeded patrols, once loaded and once the page has slid in (the shot caught both mid-way).
  await page.locator('.rk-footer', { hasText: '已经到底了' }).waitFor();
  await settled(page.locator('.rk-footer'));
  await calm(page);
  await shot('02-patrols');
  await page.locator('.patrols__new').click();
  const places = page.locator('.patrol-new__places .admin-chip');
  await places.first().waitFor();
  await settled(places.first());
  await places.first().click();
  await shot('03-patrol-form');

  await page.locator('.patrol-new__add-finding').click();
  await page.locator('.admin-sheet .admin-chip', { hasText: '卫生' }).click();
  await page.locator('.admin-sheet textarea').fill(FINDING);
  // H5 has no GPS here: the typed fallback.
  await page.locator('.patrol-new__lat input').fill('30.274100');
  await page.locator('.patrol-new__lng input').fill('120.155100');
  await shot('04-finding-sheet');
  await page.locator('.patrol-new__save-finding').click();
  await page.locator('.patrol-new__finding', { hasText: FINDING }).waitFor();
  await shot('05-patrol-with-finding');
  await page.locator('.patrol-new__submit').click();

  const finding = page.locator('.finding-card', { hasText: FINDING });
  await finding.waitFor();
  await calm(page);
  await settled(page.locator('.patrol-detail__head'));
  expect(await finding.locator('.rk-pill').innerText()).toBe('待处理');
  expect(await finding.innerText()).toContain('定位 30.2741, 120.1551');
  await shot('06-patrol-logged');

  // ——— …and turns the finding into a whistle to the housing department ———
  await finding.locator('.finding-action-whistle').click();
  await page.locator('.whistle-blow__from', { hasText: FINDING }).waitFor();
  await settled(page.locator('.whistle-blow__from'));
  const department = page.locator('.whistle-blow__departments .admin-chip', { hasText: DEPARTMENT });
  await department.waitFor();
  await department.click();
  await page.locator('.admin-chip', { hasText: '紧急' }).click();
  await shot('07-blow-form');
  await page.locator('.whistle-blow__submit').click();
  await confirmModal(page, '吹哨');
  await page.locator('.whistle-detail__title').waitFor();
  await calm(page);
  await settled(page.locator('.whistle-detail__title'));
  const title = await page.locator('.whistle-detail__title').innerText();
  expect(title).toContain('化粪池');
  expect(await page.locator('.whistle-target').innerText()).toContain('待报到');
  expect(await page.locator('.whistle-target__countdown').innerText()).toMatch(/^报到剩 \d+分钟$/);
  await shot('08-whistle-blown');

  // ——— 吴伟 (department) reports and resolves ———
  const wu = await secondPhone(phone.browser);
  await signIn(wu.page, api.base, '吴伟');
  await wu.page.locator(TAB_BAR).getByText('管理').click();
  await wu.page.locator('.admin-task--whistles').waitFor();
  await calm(wu.page);
  await shotOf(wu.page, SCENARIO, '09-department-home');
  await wu.page.locator('.admin-task--whistles').click();
  const card = wu.page.locator('.whistle-card', { hasText: title });
  await card.waitFor();
  await settled(card);
  expect(await card.innerText()).toMatch(/报到剩/);
  await shotOf(wu.page, SCENARIO, '10-department-list');
  await card.click();
  await wu.page.locator('.whistle-action-report').waitFor();
  await settled(wu.page.locator('.whistle-detail__title'));

  await wu.page.locator('.whistle-action-report').click();
  await wu.page.locator('.admin-sheet textarea').fill('已安排城建股张工今天下午带吸污车到现场');
  await shotOf(wu.page, SCENARIO, '11-report-sheet');
  await wu.page.locator('.whistle-detail__submit').click();
  await confirmModal(wu.page, '确认报到');
  await wu.page.locator('.admin-sheet').waitFor({ state: 'detached' });
  await calm(wu.page);
  await wu.page.locator('.whistle-action-resolve').waitFor();
  expect(await wu.page.locator('.whistle-target__countdown').innerText()).toMatch(/^办结剩/);
  await shotOf(wu.page, SCENARIO, '12-reported');

  await step(wu.page, 'resolve', '已派吸污车抽排并疏通管道，单元门口污水已清理', '提交办结');
  // The sheet closes before the page shows the new state: wait for what the official would see.
  await wu.page.locator('.whistle-target .rk-pill', { hasText: '已办结' }).waitFor();
  await shotOf(wu.page, SCENARIO, '13-resolved');
  await wu.close();

  // ——— 陈静 (community staff) confirms ———
  const chen = await secondPhone(phone.browser);
  await signIn(chen.page, api.base, '陈静');
  await openWhistle(chen.page, title);
  expect(await chen.page.locator('.whistle-detail__pills').innerText()).toContain('待确认');
  await chen.page.locator('.whistle-action-confirm').click();
  await chen.page.locator('.admin-sheet .rk-stars__star').nth(4).click();
  await chen.page.locator('.admin-sheet textarea').fill('响应及时，处理彻底');
  await shotOf(chen.page, SCENARIO, '14-confirm-sheet');
  await chen.page.locator('.whistle-detail__submit').click();
  await confirmModal(chen.page, '确认办结');
  await chen.page.locator('.admin-sheet').waitFor({ state: 'detached' });
  await calm(chen.page);
  expect(await chen.page.locator('.whistle-detail__pills').innerText()).toContain('已办结');
  await shotOf(chen.page, SCENARIO, '15-confirmed');

  // Staff also see which grids nobody patrolled this week: 南门第一网格 was, the others not yet.
  // Back twice (whistle → list → 管理), as the phone's back gesture does.
  await chen.page.goBack();
  await chen.page.goBack();
  await chen.page.locator('.admin-task--coverage').click();
  await chen.page.locator('.coverage-card').first().waitFor();
  await settled(chen.page.locator('.coverage__week'));
  const missing = await chen.page.locator('.coverage-card__grid').allInnerTexts();
  expect(missing).not.toContain('南门第一网格');
  expect(missing.length).toBeGreaterThan(0);
  expect(await chen.page.locator('.coverage-card').first().innerText()).toContain('应巡查：');
  await shotOf(chen.page, SCENARIO, '16-coverage');
  await chen.close();

  // ——— 赵敏 sees it resolved, with the full timeline ———
  await page.reload();
  await page.locator('.whistle-detail__title').waitFor();
  await page.locator('.whistle-timeline__item').first().waitFor();
  expect(await page.locator('.whistle-detail__pills').innerText()).toContain('已办结');
  expect(await page.locator('.whistle-target .rk-pill').innerText()).toBe('已确认');
  const steps = await page.locator('.whistle-timeline__action').allInnerTexts();
  expect(steps).toEqual(['确认', '办结', '报到', '吹哨']);
  expect(await page.locator('.whistle-timeline').innerText()).toContain('已安排城建股张工');
  await page.locator('.whistle-timeline').scrollIntoViewIfNeeded();
  await shot('17-timeline');

  // Nothing overflows on a 320 px phone: the whistle, and the patrol with its three finding buttons.
  const small = await phone.browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 });
  const sp = await small.newPage();
  await signIn(sp, api.base, '赵敏');
  const whistleUrl = page.url();
  await sp.goto(whistleUrl);
  await sp.locator('.whistle-timeline__item').first().filter({ visible: true }).waitFor();
  const overflow = () => sp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shotOf(sp, SCENARIO, '18-whistle-320');
  await sp.goto(`${api.base}/#/packages/grids/patrols/index`);
  await sp.locator('.patrols__tabs').filter({ visible: true }).getByText('待处理发现').click();
  await sp.locator('.finding-card .finding-action-whistle').filter({ visible: true }).first().waitFor();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await shotOf(sp, SCENARIO, '19-open-findings-320');
  await small.close();
}, 180_000);
