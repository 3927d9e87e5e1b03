import type { BrowserContext, Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { productionEnv } from '../support/production-env';
import { TAB_BAR, calm, confirmModal, shotOf } from './admin_support';
import { storeSession, wxSignIn } from './account_support';

// 网页版扫码登录 in production (no demo accounts): the computer shows a QR code, the signed-in
// mini-program (here a second browser holding a WeChat user's token) confirms, the computer is signed
// in; 我登录的网页版 lists it, 下线 ends it and the computer's next request is refused.
const NAME = 'h5_scan_sign_in';
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
let wx: FakeWechat;
let api: ApiProcess;
let phone: Phone;
let computer: BrowserContext;

beforeAll(async () => {
  wx = await startFakeWechat();
  api = await startApiProcess(`e2e_${NAME}`, productionEnv(wx));
  phone = await openPhone(NAME);
  computer = await phone.browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    userAgent: WINDOWS_CHROME,
    locale: 'zh-CN',
  });
});
afterAll(async () => {
  await computer?.close();
  await phone?.close();
  await api?.stop();
  await wx?.close();
});

/** Opens the login page and returns the link its QR code encodes (as the page received it). */
async function loginCode(page: Page): Promise<string> {
  const ticket = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/qr-tickets') && r.status() === 200);
  await page.goto(`${api.base}/`);
  const link = ((await (await ticket).json()) as { link: string }).link;
  await page.locator('.scan-sign-in__qr img').waitFor();
  await page.waitForFunction(
    () => (document.querySelector('.scan-sign-in__qr img') as HTMLImageElement)?.naturalWidth > 0,
  );
  return link;
}

test('the computer signs in by scanning with the mini-program, and is signed out from the phone', async () => {
  const pc = await computer.newPage();
  const link = await loginCode(pc);
  expect(link).toMatch(/\/#\/packages\/account\/scan-login\/index\?ticket=[\w-]{16,32}$/);
  // Production: no demo accounts on the page.
  expect(await pc.locator('.demo-account').count()).toBe(0);
  await calm(pc);
  await shotOf(pc, NAME, '01-computer-qr');

  // Opened in a browser that is not the mini-program, the link says where to confirm.
  const stranger = await phone.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
  const sp = await stranger.newPage();
  await sp.goto(link);
  await sp.getByText('请在微信小程序里确认').waitFor();
  await shotOf(sp, NAME, '02-link-in-a-browser');
  await stranger.close();

  // ——— the mini-program: a WeChat user opens the scanned link and confirms ———
  const { page, shot } = phone;
  await storeSession(page.context(), await wxSignIn(api.base, 'openid-zhou'));
  await page.goto(link);
  await page.getByText('在 Chrome · Windows 上登录共治通网页版？').waitFor();
  await calm(page);
  await shot('03-phone-asks');
  // The computer sees that its code was scanned.
  await pc.locator('.scan-sign-in__over--scanned').waitFor();
  await shotOf(pc, NAME, '04-computer-scanned');

  await page.locator('.scan-login__confirm').click();
  await page.getByText('已确认登录').waitFor();
  await shot('05-phone-confirmed');

  // ——— the computer is signed in: a new WeChat user chooses where they live first, or looks around ———
  await pc.locator('.join-page').waitFor();
  await pc.getByText('先随便看看，以后再选').click();
  await pc.locator('.home-header').waitFor();
  await pc.locator(TAB_BAR).getByText('我的').waitFor();
  const via = await pc.evaluate(() => localStorage.getItem('gongzhi.via'));
  expect(JSON.parse(via!)).toEqual({ data: 'scan' });
  await calm(pc);
  await shotOf(pc, NAME, '06-computer-signed-in');

  // ——— 我登录的网页版 on the phone lists it; 下线 ends it ———
  await page.locator('.scan-login__done').click(); // 完成: to 我的
  await page.locator('.mine-account__row--sessions').click();
  const session = page.locator('.browser-session', { hasText: 'Chrome · Windows' });
  await session.waitFor();
  await settled(page.locator('.sessions-page__intro'));
  await calm(page);
  await shot('07-phone-sessions');
  await session.locator('.browser-session__end').click();
  await confirmModal(page, '下线');
  await page.getByText('没有登录中的网页版').waitFor();
  await calm(page);
  await shot('08-phone-ended');

  // ——— the computer's next request is refused: back to the login page, which says why ———
  await pc.locator(TAB_BAR).getByText('我的').click();
  await pc.getByText('登录已失效，请重新登录').waitFor();
  await pc.locator('.scan-sign-in__qr img').waitFor();
  expect(await pc.evaluate(() => localStorage.getItem('gongzhi.token'))).toBeNull();
  await calm(pc);
  await shotOf(pc, NAME, '09-computer-signed-out');
}, 180_000);

test('on the new server the first person with the printed setup code becomes the county administrator', async () => {
  const { page, shot } = phone;
  const code = /开通码\s+([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})/.exec(api.output())?.[1];
  expect(code).toBeDefined();
  await page.goBack(); // from 我登录的网页版 to 我的
  await page.locator('.mine-account__row--setup').click();
  await page.locator('.setup-submit').click();
  await page.locator('.setup-code .form-field__error', { hasText: '开通码格式为 XXXX-XXXX-XXXX' }).waitFor(); // nothing typed: the form says what is missing
  await page.locator('.setup-code input').fill(code!.toLowerCase()); // typed in lower case still counts
  await page.locator('.setup-county input').fill('示范县');
  await page.locator('.setup-name input').fill('周建国');
  await settled(page.locator('.setup-body'));
  await calm(page);
  await shot('10-setup-form');
  await page.locator('.setup-submit').click();

  // 管理 at once, as the county administrator, under the new name.
  await page.locator('.admin-home__heading').waitFor();
  await page.getByText('周建国，辛苦了').waitFor();
  await page.locator('.admin-task--invite').waitFor();
  await settled(page.locator('.admin-home__heading'));
  await calm(page);
  await shot('11-county-admin');
  await page.locator(TAB_BAR).getByText('我的').click();
  await page.locator('.mine-post', { hasText: '县级管理员' }).waitFor();
  await page.locator('.mine-account__row--setup').waitFor({ state: 'detached' }); // done: no longer offered
  await calm(page);
  await shot('12-mine-posts');
}, 120_000);
