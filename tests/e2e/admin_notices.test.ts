import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, calm, confirmModal, signIn } from './admin_support';

// 社区公告 from the admin tab: staff post a notice, residents see it on 首页, staff withdraw it.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_admin_notices');
  phone = await openPhone('admin_notices');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('staff post a notice that residents then read on the home page; a withdrawn one disappears', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  await page.locator('.admin-task--notices').click();
  const board = page.locator('.admin-notice', { hasText: '南门小区周六停水通知' });
  await board.waitFor();
  await settled(board);
  await shot('01-board');

  await page.locator('.admin-notices__new').click();
  await page.locator('.admin-notices__submit').click(); // empty: the form says what is missing
  await page.getByText('标题至少 2 个字').waitFor();
  await page.locator('.admin-sheet .form-input input').fill('周日上午义诊');
  await page.locator('.admin-sheet textarea').fill('县人民医院周日 9:00 在党群服务中心义诊，量血压、测血糖。');
  await shot('02-form');
  await page.locator('.admin-notices__submit').click();
  const posted = page.locator('.admin-notice', { hasText: '周日上午义诊' });
  await posted.waitFor();
  await calm(page);
  await shot('03-posted');

  const resident = await phone.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  const rp = await resident.newPage();
  await signIn(rp, api.base, '张秀兰');
  await rp.locator('.home-notice', { hasText: '周日上午义诊' }).waitFor();

  await posted.locator('.admin-notice__withdraw').click();
  await confirmModal(page, '撤下');
  await page.getByText('已撤下').waitFor();
  await calm(page);
  expect(await page.locator('.admin-notice', { hasText: '周日上午义诊' }).count()).toBe(0);
  await shot('04-withdrawn');
  await rp.reload();
  await rp.locator('.home-notice').first().waitFor();
  expect(await rp.locator('.home-notice', { hasText: '周日上午义诊' }).count()).toBe(0);
  await resident.close();
});
