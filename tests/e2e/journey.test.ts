import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';

// The walking skeleton's journey, in the H5 build in headless Chromium: a visitor signs in with a
// demo account, sees their community's service menu from the database, opens an item, and finds
// their profile with the phone masked by the server.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_journey');
  phone = await openPhone('journey');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('sign in, see the menu, open 法律咨询, see my masked profile', async () => {
  const { page, shot } = phone;
  await page.goto(`${api.base}/`);

  // Not signed in: the login page lists the demo accounts.
  const card = page.locator('.demo-account', { hasText: '张秀兰' });
  await card.waitFor();
  await shot('01-login');

  await card.click();
  await page.locator('.menu-item', { hasText: '法律咨询' }).waitFor();
  await page.getByText('南门社区').first().waitFor();
  await settled(page.locator('.menu-item').first());
  await shot('02-home-menu');
  // The community's own item is there; another community's is not.
  await page.locator('.menu-item', { hasText: '老年助餐' }).waitFor();
  expect(await page.locator('.menu-item', { hasText: '老旧线路检查' }).count()).toBe(0);

  // The community board: pinned first; a tap shows the whole notice.
  const notices = page.locator('.home-notice');
  expect(await notices.first().innerText()).toContain('南门小区周六停水通知');
  expect(await page.locator('.home-notice', { hasText: '西山营小区' }).count()).toBe(0);
  await notices.first().click();
  await page.getByText('请居民提前储水', { exact: false }).waitFor();
  await page.waitForTimeout(400); // the modal fades in; only the screenshot waits for it
  await shot('02b-notice');
  await page.getByText('知道了').click();

  await page.locator('.menu-item', { hasText: '法律咨询' }).click();
  const detail = page.locator('.menu-item-detail');
  await detail.waitFor();
  await detail.getByText('咨询事项').waitFor();
  await settled(detail);
  await shot('03-menu-item-detail');
  const text = await detail.innerText();
  expect(text).toContain('律师');
  expect(text).toMatch(/24\s*小时/);

  // Back to the menu, then the 我的 tab, as a person would.
  await page.goBack();
  await page.locator('.menu-item', { hasText: '法律咨询' }).waitFor();
  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  const mine = page.locator('.mine-page');
  await mine.getByText('138****0001').waitFor();
  await settled(mine);
  await shot('04-mine');
  expect(await page.content()).not.toContain('13812340001');
});

test('a visitor who is not signed in is sent to the login page', async () => {
  const fresh = await phone.browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await fresh.newPage();
  await page.goto(`${api.base}/#/pages/mine/index`);
  await page.locator('.demo-account').first().waitFor();
  await fresh.close();
});
