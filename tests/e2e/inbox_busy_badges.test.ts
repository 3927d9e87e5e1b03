import { seedId } from '../../cloud/src/core/stable-id';
import { NEED_COUNT_CAP } from '@gongzhi/shared';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, signIn, tokenOf } from './admin_support';

// A busy day at 南门社区: more orders wait than a badge counts. Staff 陈静 sees 99+ on the admin
// home and on the 待受理 tab; the list under it still holds every order (its pages go on); the
// finished statuses' tabs carry no badge.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_inbox_busy_badges');
  phone = await openPhone('inbox_busy_badges');
  const resident = await tokenOf(api.base, 'resident');
  const order = (i: number) =>
    apiAs(api.base, resident, 'POST', '/api/v1/needs', {
      menuItemId: String(seedId('menu:legal-consult')),
      description: `楼道堆放杂物需要清理，第 ${i + 1} 次反映`,
      placeId: String(seedId('org:building:nanmen:南门小区:1')),
      contactPhone: '13812340001',
      answers: { topic: 'housing', way: 'visit' },
    });
  for (let i = 0; i < NEED_COUNT_CAP; i += 10) {
    const made = await Promise.all(Array.from({ length: 10 }, (_, k) => order(i + k)));
    expect(made.every((r) => r.status === 200)).toBe(true);
  }
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a busy inbox: badges say 99+, the list keeps every order, finished tabs have no badge', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  const home = page.locator('.admin-home');
  const waiting = home.locator('.admin-stat-submitted .admin-home__stat-value');
  await waiting.getByText('99+').waitFor();
  await settled(home.locator('.admin-home__needs'));
  await shot('01-admin-home-99plus');

  await home.locator('.admin-stat-submitted').click();
  const inbox = page.locator('.admin-inbox');
  const submittedTab = inbox.locator('.inbox-tab--submitted');
  await submittedTab.locator('.admin-tabs__count').getByText('99+').waitFor();
  await shot('02-inbox-99plus');
  // The badge stops at the cap; the list behind it does not (its pages go on past 100).
  const staff = await tokenOf(api.base, 'staff');
  const list = await apiAs(api.base, staff, 'GET', '/api/v1/needs?status=submitted&pageSize=10');
  expect(list.body.counts.submitted).toBe(NEED_COUNT_CAP);
  expect(list.body.total).toBeGreaterThan(NEED_COUNT_CAP);

  // Finished statuses are listed under their tabs but not counted.
  for (const status of ['closed', 'rejected', 'withdrawn']) {
    expect(await inbox.locator(`.inbox-tab--${status}`).count()).toBe(1);
    expect(await inbox.locator(`.inbox-tab--${status} .admin-tabs__count`).count()).toBe(0);
  }
  expect(await inbox.locator('.inbox-tab--all .admin-tabs__count').count()).toBe(0);
  // Tabs still to handle keep exact badges under the cap.
  expect(await inbox.locator('.inbox-tab--accepted .admin-tabs__count').innerText()).toMatch(/^\d{1,2}$/);
  await inbox.locator('.inbox-tab--closed').scrollIntoViewIfNeeded();
  await shot('03-inbox-tabs-finished');
});
