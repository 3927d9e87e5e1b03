import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, calm, confirmModal, secondPhone, shotOf, signIn, tokenOf } from './admin_support';

// Issue 6 (积分) and issue 4 (我的 shows points): the demo volunteer 王志强 sees his points, star and
// hours on 我的, reads the ledger, redeems 抽纸 in the 积分超市 after confirming, finds the pickup code in
// 我的兑换, and opens his service records with a certificate anyone can check. The staff member 陈静
// then hands the item over with that code. (Hours → points is covered by tests/api/points_earn.test.ts:
// a shift cannot be both claimable and over in a test that cannot move the server's clock.)
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_points_shop');
  phone = await openPhone('points_shop');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a volunteer redeems with points and shows the code; staff hand the item over', async () => {
  const { page, shot } = phone;
  const volunteer = await tokenOf(api.base, 'volunteer');
  const before = (await apiAs(api.base, volunteer, 'GET', '/api/v1/me/points')).body;
  expect(before.balance).toBeGreaterThanOrEqual(30);

  await signIn(page, api.base, '王志强');
  await page.locator(TAB_BAR).getByText('我的').click();
  const card = page.locator('.mine-points');
  await card.waitFor();
  await page.locator('.mine-points__num', { hasText: String(before.balance) }).waitFor();
  await page.locator('.mine-points__star').waitFor();
  await settled(page.locator('.mine-profile'));
  await shot('01-mine');

  await page.locator('.mine-points__link--ledger').click();
  await page.locator('.pts-entry').first().waitFor();
  await page.locator('.pts-kind', { hasText: '志愿服务' }).waitFor();
  await settled(page.locator('.pts-entry').first());
  await shot('02-ledger');

  await page.locator('.pts-hero__shop').click();
  const tissue = page.locator('.shop-item', { hasText: '抽纸（6 包装）' });
  await tissue.waitFor();
  await settled(tissue);
  await shot('03-shop');
  await tissue.locator('.shop-item__btn').click();
  await page.getByText('用 30 积分兑换“抽纸（6 包装）”').waitFor();
  await calm(page);
  await shot('04-confirm');
  await confirmModal(page, '兑换');
  await page.getByText('兑换成功').waitFor();
  await calm(page);
  await shot('05-redeemed');
  const mine = (await apiAs(api.base, volunteer, 'GET', '/api/v1/me/redemptions?status=awaitingPickup')).body;
  const redemption = mine.items.find((r: { item: { name: string } }) => r.item.name === '抽纸（6 包装）');
  expect(redemption).toBeTruthy();
  expect((await apiAs(api.base, volunteer, 'GET', '/api/v1/me/points')).body.balance).toBe(before.balance - 30);
  await confirmModal(page, '查看兑换');
  const row = page.locator('.rdm', { hasText: '抽纸（6 包装）' });
  await row.waitFor();
  await row.locator('.rdm__code-num', { hasText: redemption.pickupCode.slice(0, 3) }).waitFor();
  await settled(row);
  await shot('06-redemptions');

  // Service records and the certificate.
  await page.goto(`${api.base}/#/pages/mine/index`);
  await page.locator('.mine-points__link--records').click();
  await page.locator('.rec').first().waitFor();
  await settled(page.locator('.rec-star'));
  await shot('07-records');
  await page.locator('.rec-star__btn').click();
  await confirmModal(page, '开具');
  const code = page.locator('.rec-cert__code');
  await code.waitFor();
  await calm(page);
  await shot('08-certificate');
  const certificate = (await code.textContent())!.replace('查验编号 ', '').trim();
  // The PDF behind the button, kept next to the screenshots to be looked at.
  const pdf = await fetch(`${api.base}/api/v1/me/certificates/${certificate}/pdf`, {
    headers: { authorization: `Bearer ${volunteer}` },
  });
  const bytes = Buffer.from(await pdf.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  fs.writeFileSync(path.join(ROOT, 'tests', '.artifacts', 'screenshots', 'points_shop', 'certificate.pdf'), bytes);
  const check = await fetch(`${api.base}/api/v1/certificates/${certificate}`);
  expect(await check.json()).toMatchObject({ valid: true, certifies: { volunteerName: '王*强', issuer: '南门社区' } });

  // The staff member hands the item over with the code the volunteer shows.
  const staff = await secondPhone(phone.browser);
  try {
    await signIn(staff.page, api.base, '陈静');
    await staff.page.locator(TAB_BAR).getByText('管理').click();
    await staff.page.locator('.admin-task--shop').click();
    const waiting = staff.page.locator('.admin-shop__row', { hasText: '抽纸（6 包装）' });
    await waiting.waitFor();
    await settled(waiting);
    await shotOf(staff.page, 'points_shop', '09-staff-pickup');
    await waiting.locator('.admin-shop__hand').click();
    await staff.page
      .locator('.admin-sheet .form-input input')
      .fill('000000' === redemption.pickupCode ? '111111' : '000000');
    await staff.page.locator('.admin-shop__confirm').click();
    await staff.page.getByText('领取码不对，请核对').waitFor();
    await staff.page.locator('.admin-sheet .form-input input').fill(redemption.pickupCode);
    await shotOf(staff.page, 'points_shop', '10-staff-code');
    await staff.page.locator('.admin-shop__confirm').click();
    await waiting.waitFor({ state: 'detached' });
    await calm(staff.page);
    await staff.page.locator('.admin-chip', { hasText: '商品' }).click();
    await staff.page.locator('.admin-shop__row', { hasText: '洗衣液 2kg' }).waitFor();
    await shotOf(staff.page, 'points_shop', '11-staff-items');
  } finally {
    await staff.close();
  }
  const after = (await apiAs(api.base, volunteer, 'GET', `/api/v1/me/redemptions?status=handedOver`)).body;
  expect(after.items.map((r: { id: string }) => r.id)).toContain(redemption.id);
});
