import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, calm, signIn, tokenOf } from './admin_support';

// Staff 陈静 in 管理 → 志愿队与服务站点: sees 南门's seven teams, opens one to manage its members and
// base station, and opens a second service station, which residents then find in the list.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_admin_teams');
  phone = await openPhone('admin_teams');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('staff manage teams and open a service station', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--teams').click();
  await page.locator('.manage-team').first().waitFor();
  await settled(page.locator('.manage-page'));
  expect(await page.locator('.manage-team').count()).toBe(7);
  await shot('01-teams');

  await page.locator('.manage-team', { hasText: '搭把手' }).click();
  await page.locator('.team-station').waitFor();
  await page.locator('.team-member', { hasText: '王志强' }).waitFor();
  await settled(page.locator('.team-page'));
  await shot('02-team-as-staff');
  await page.goBack();

  await page.locator('.manage-tabs .tm-tabs__tab', { hasText: '服务站点' }).click();
  await page.locator('.manage-station').first().waitFor();
  await shot('03-stations');
  await page.locator('.manage-new-station').click();
  const form = page.locator('.station-edit');
  await form.waitFor();
  await settled(form);
  await form.locator('.tm-button', { hasText: '新建站点' }).click();
  await page.getByText('请填写站点名称').waitFor();
  await form.locator('[data-field="name"] input').fill('南门小区党员先锋岗');
  await form.locator('[data-field="address"] input').fill('南门小区 2 号楼一楼');
  await form.locator('[data-field="openHours"] input').fill('每天 9:00–11:00');
  await form.locator('[data-field="contactName"] input').fill('赵敏');
  await form.locator('[data-field="contactPhone"] input').fill('13812340005');
  await shot('04-new-station');
  await form.locator('.tm-button', { hasText: '新建站点' }).click();
  await page.locator('.manage-station', { hasText: '南门小区党员先锋岗' }).waitFor();
  await calm(page);
  await shot('05-stations-after');

  // At 320 px (the narrowest phones) the team page keeps within the screen, with an application
  // (张秀兰 applies to 红色巡逻 through the API) showing its 拒绝 / 通过 buttons.
  const resident = await tokenOf(api.base, 'resident');
  const teams = await apiAs(api.base, resident, 'GET', '/api/v1/teams');
  const patrol = teams.body.items.find((x: { name: string }) => x.name === '红色巡逻');
  expect((await apiAs(api.base, resident, 'POST', `/api/v1/teams/${patrol.id}/join`, { note: '' })).status).toBe(200);
  await page.setViewportSize({ width: 320, height: 812 });
  await page.locator('.manage-tabs .tm-tabs__tab', { hasText: '志愿队' }).click();
  await page.locator('.manage-team', { hasText: '红色巡逻' }).click();
  await page.locator('.team-member', { hasText: '张秀兰' }).locator('.tm-row__action', { hasText: '通过' }).waitFor();
  await settled(page.locator('.team-page'));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shot('06-team-320px');
});
