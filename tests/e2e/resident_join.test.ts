import type { Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { TAB_BAR, calm, confirmModal } from './admin_support';

// Issue "Go live" item 4: a newcomer signed in with WeChat for the first time lands on 选择我的社区,
// finds 南门社区 by their location, picks a complex and a building, and sees that community's menu;
// 我的 shows where they live and offers 绑定手机号 (explained on H5) and 关联登记信息.
let wx: FakeWechat;
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  wx = await startFakeWechat();
  api = await startApiProcess('e2e_resident_join', {
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
  });
  phone = await openPhone('resident_join');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
  await wx?.close();
});

/** A first WeChat sign-in through the API (as wx.login would), its session put where the app keeps it. */
async function signInWithWechat(page: Page, openid: string) {
  const res = await fetch(`${api.base}/api/v1/auth/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `ok:${openid}` }),
  });
  expect(res.status).toBe(200);
  const session = (await res.json()) as { token: string; expiresAt: string; user: unknown };
  await page.goto(`${api.base}/`);
  await page.evaluate((s) => {
    localStorage.clear();
    // Taro's H5 storage keeps each value as {"data": …}.
    const put = (key: string, data: unknown) => localStorage.setItem(key, JSON.stringify({ data }));
    put('gongzhi.token', s.token);
    put('gongzhi.user', s.user);
    put('gongzhi.expiresAt', s.expiresAt);
  }, session);
  await page.goto(`${api.base}/#/pages/index/index`);
  await page.reload();
}

test('a newcomer joins 南门社区 › 南门小区 › 2号楼 and sees that community’s menu', async () => {
  const { page, shot } = phone;
  // Standing a few hundred metres from 南门社区's office.
  await page.context().grantPermissions(['geolocation'], { origin: api.base });
  await page.context().setGeolocation({ latitude: 30.642, longitude: 104.066 });
  await signInWithWechat(page, 'e2e-newcomer');

  await page.locator('.join-page .account-option').first().waitFor();
  await settled(page.locator('.join-page'));
  await shot('01-join-list');

  // Search narrows the list by name.
  await page.locator('.join-search__input input').fill('西山');
  await page.locator('.join-search__go').click();
  await page.locator('.account-option', { hasText: '西山社区' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.join-page .account-option').length === 1);
  await page.locator('.join-search__input input').fill('');
  await page.locator('.join-search__go').click();

  await page.locator('.join-locate').click();
  await page.getByText('按离您由近到远排列').waitFor();
  const first = page.locator('.join-page .account-option').first();
  await expect(first.textContent()).resolves.toContain('南门社区');
  await expect(first.textContent()).resolves.toMatch(/约 \d+ 米/);
  await shot('02-nearest-first');

  await first.click();
  await page.locator('.account-option', { hasText: '南门小区' }).click();
  await page.locator('.join-building', { hasText: '2号楼' }).waitFor();
  await shot('03-buildings');
  await page.locator('.join-building', { hasText: '2号楼' }).click();

  await page.locator('.home .menu-item').first().waitFor();
  await settled(page.locator('.home .menu-item').first());
  await expect(page.locator('.home-header__community').textContent()).resolves.toBe('南门社区');
  expect(await page.locator('.home-header__join').count()).toBe(0);
  await calm(page);
  await shot('04-home-nanmen-menu');

  await page.locator(TAB_BAR).getByText('我的').click();
  const info = page.locator('.mine-info');
  await info.getByText('南门社区 · 南门小区 · 2号楼').waitFor();
  await expect(info.textContent()).resolves.toContain('绑定手机号');
  await page.locator('.mine-link').scrollIntoViewIfNeeded();
  await settled(page.locator('.mine-link'));
  await shot('05-mine');

  // On H5 the phone number comes only through the mini-program: the page says so.
  await page.locator('.mine-info__action', { hasText: '绑定手机号' }).click();
  await page.getByText('绑定手机号需要在微信里操作').waitFor();
  await settled(page.locator('.phone-page'));
  await shot('06-phone-on-h5');
  await page.goBack();

  // A wrong name + ID number gets the one neutral answer.
  await page.locator('.mine-link').click();
  await page.locator('.link-name input').fill('张三');
  await page.locator('.link-id input').fill('110101199003071233');
  await page.locator('.link-submit').click();
  await confirmModal(page, '确定关联');
  await page.getByText('没有找到与这个姓名和身份证号相符的登记信息').waitFor();
  await calm(page);
  await shot('07-link-no-match');
});

test('a newcomer may skip choosing and browse the county’s menu, with a way back to choose', async () => {
  const { page, shot } = phone;
  await page.context().clearPermissions();
  await signInWithWechat(page, 'e2e-browser');
  await page.locator('.join-page .account-option').first().waitFor();
  // Without a location the list is by name; the location refused leaves it there.
  await page.locator('.join-locate').click();
  await page.getByText('没有拿到您的位置').waitFor();
  await page.getByText('先随便看看，以后再选').click();
  await page.locator('.home .menu-item').first().waitFor();
  await expect(page.locator('.home-header__community').textContent()).resolves.toBe('全县');
  await page.locator('.home-header__join').waitFor();
  await settled(page.locator('.home .menu-item').first());
  await shot('08-skipped-county-menu');
  await page.locator('.home-header__join').click();
  await page.locator('.join-page .account-option').first().waitFor();
});
