import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { apiAs, signIn, tokenOf, showOnScreen } from './resident_support';

// Scenario (a): resident 张秀兰 orders 法律咨询 from the 法律援助 category with the item's own fields,
// a description, an address and a photo; sees it 待受理 in 我的点单; staff 陈静 accepts it through
// the API; the resident reloads the order and sees 已受理 with the acceptance on the timeline, in plain words.
let api: ApiProcess;
let phone: Phone;

// A 1×1 PNG: the upload endpoint checks the bytes really are an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const DESCRIPTION = '单位拖欠了三个月工资，老板一直推脱，想咨询怎么维权';

beforeAll(async () => {
  api = await startApiProcess('e2e_order_legal_aid');
  phone = await openPhone('order_legal_aid');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a resident orders 法律咨询 and later sees it accepted', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '张秀兰');
  await shot('01-home');

  // 法律援助 → 法律咨询 → 我要点单
  await page.locator('.category-grid__cell', { hasText: '法律援助' }).click();
  await page.locator('.home-filter', { hasText: '法律援助' }).waitFor();
  await shot('02-category-legal-aid');
  await page.locator('.menu-item', { hasText: '法律咨询' }).click();
  const detail = page.locator('.menu-item-detail');
  await detail.getByText('咨询事项').waitFor();
  await settled(detail);
  await shot('03-item');
  await page.locator('.order-bar__button', { hasText: '我要点单' }).click();

  const form = page.locator('.order-page');
  await form.locator('[data-field="topic"]').waitFor();
  await settled(form);
  await shot('04-order-form');

  // The item's own fields, both required: 咨询事项 and 咨询方式.
  await form.locator('[data-field="topic"] .order-choice', { hasText: '劳动纠纷' }).click();
  await form.locator('[data-field="way"] .order-choice', { hasText: '电话咨询' }).click();
  expect((await form.locator('[data-field="way"] .order-choice--on').innerText()).trim()).toBe('电话咨询');
  await form.locator('[data-field="description"] textarea').fill(DESCRIPTION);

  // Address: 小区, then 楼栋.
  await form.locator('.order-place').click();
  const sheet = page.locator('.order-sheet');
  await sheet.locator('.order-sheet__row', { hasText: '南门小区' }).click();
  await sheet.locator('.order-sheet__row', { hasText: '2号楼' }).waitFor();
  await page.waitForTimeout(300);
  await shot('05-address-sheet');
  await sheet.locator('.order-sheet__row', { hasText: '2号楼' }).click();
  expect(await form.locator('.order-place').innerText()).toContain('南门小区 2号楼');

  // One photo, uploaded as raw bytes.
  await showOnScreen(page, '.order-photo--add');
  const chooser = page.waitForEvent('filechooser');
  await form.locator('.order-photo--add').click();
  await (await chooser).setFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
  await form.locator('.order-photo--done').waitFor();
  await shot('06-order-filled');

  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/needs');
  await page.locator('.order-submit').click();
  const need = page.locator('.need-detail');
  await need.locator('.need-created').waitFor();
  await need.locator('.need-hero__status', { hasText: '待受理' }).waitFor();
  await settled(need);
  await shot('07-order-submitted');
  const needId = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!;
  expect(needId).toMatch(/^[0-9a-f]{24}$/);
  const text = await need.innerText();
  expect(text).toContain('劳动纠纷');
  expect(text).toContain('电话咨询');
  expect(text).toContain('南门小区 2号楼');
  expect(text).toContain(DESCRIPTION);
  await need.locator('.rk-photo__img').waitFor();
  // Tapping the photo opens it full screen (Taro's viewer, loaded on this first tap); a tap closes it.
  await need.locator('.rk-photo').click();
  const viewer = page.locator('.preview-image');
  await viewer.locator('taro-swiper-item-core img').waitFor();
  await page.waitForFunction(
    () => (document.querySelector('.preview-image img') as HTMLImageElement)?.naturalWidth > 0,
  );
  await shot('04b-photo-full-screen');
  await viewer.click();
  await viewer.waitFor({ state: 'detached' });

  // The order went out with an Idempotency-Key: the same request sent again (a flaky network's
  // retry) answers with the same order instead of creating a second one.
  const request = await sent;
  const key = request.headers()['idempotency-key'];
  expect(key).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
  expect(JSON.parse(request.postData()!).photos).toHaveLength(1);
  const resident = await tokenOf(api.base, 'resident');
  const countBefore = (await apiAs(api.base, resident, 'GET', '/api/v1/needs/mine?pageSize=1')).body.total;
  const retry = await fetch(`${api.base}/api/v1/needs`, {
    method: 'POST',
    headers: {
      authorization: request.headers()['authorization'],
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: request.postData(),
  });
  expect(retry.status).toBeLessThan(300);
  expect(((await retry.json()) as { id: string }).id).toBe(needId);
  expect((await apiAs(api.base, resident, 'GET', '/api/v1/needs/mine?pageSize=1')).body.total).toBe(countBefore);

  // 我的 → 我的点单: the new order is first, 待受理.
  await page.goBack();
  await page.locator('.menu-item-detail').waitFor();
  await page.goBack();
  await page.locator('.home .menu-item').first().waitFor();
  await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
  await page.locator('.mine-entries__item--needs').click();
  const card = page.locator(`.need-card[data-id="${needId}"]`);
  await card.waitFor();
  await settled(page.locator('.needs-page'));
  await shot('08-my-orders');
  expect(await page.locator('.need-card').first().getAttribute('data-id')).toBe(needId);
  expect((await card.locator('.need-card__status').innerText()).trim()).toBe('待受理');
  expect(await card.innerText()).toContain('法律咨询');

  await card.click();
  await page.locator('.need-detail .need-hero__status', { hasText: '待受理' }).waitFor();
  // Only what the owner may do now is offered: withdraw, not rate.
  await page.locator('.need-withdraw').waitFor();
  expect(await page.locator('.need-rate').count()).toBe(0);

  // Staff 陈静 accepts it.
  const staff = await tokenOf(api.base, 'staff');
  const accepted = await apiAs(api.base, staff, 'POST', `/api/v1/needs/${needId}/accept`, {
    note: '已电话联系，约好周六上午律师回电',
  });
  expect(accepted.status).toBe(200);
  expect(accepted.body.status).toBe('accepted');

  await page.reload();
  const after = page.locator('.need-detail');
  await after.locator('.need-hero__status', { hasText: '已受理' }).waitFor();
  const latest = after.locator('.need-timeline__item--latest');
  expect(await latest.getAttribute('data-action')).toBe('accept');
  // In plain words; the staff member's note is for staff, and her name is under 受理人.
  expect(await latest.innerText()).toContain('社区已受理，正在为您安排');
  expect(await latest.innerText()).not.toContain('已电话联系');
  await after.locator('.need-info__row', { hasText: '陈静' }).waitFor();
  await settled(after);
  await shot('09-order-accepted');
  await showOnScreen(page, '.need-timeline');
  await shot('10-timeline');
});
