import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { apiAs, signIn, tokenOf } from './resident_support';

// A failed submit keeps what was typed: 法律咨询 without its required 咨询方式 is refused on the
// phone with the shared schema's Chinese message next to that field, nothing is sent, and once the
// field is filled the same form goes through.
let api: ApiProcess;
let phone: Phone;

const DESCRIPTION = '邻居装修把我家墙面弄裂了，协商不成，想问问怎么办';

beforeAll(async () => {
  api = await startApiProcess('e2e_order_errors');
  phone = await openPhone('order_errors');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a required field left empty is named in Chinese and nothing typed is lost', async () => {
  const { page, shot } = phone;
  const resident = await tokenOf(api.base, 'resident');
  const before = (await apiAs(api.base, resident, 'GET', '/api/v1/needs/mine?pageSize=1')).body.total as number;

  await signIn(page, api.base, '张秀兰');
  await page.locator('.menu-item', { hasText: '法律咨询' }).click();
  await page.locator('.order-bar__button').click();
  const form = page.locator('.order-page');
  await form.locator('[data-field="topic"]').waitFor();
  await settled(form);

  await form.locator('[data-field="topic"] .order-choice', { hasText: '房产物业' }).click();
  await form.locator('[data-field="description"] textarea').fill(DESCRIPTION);
  await form.locator('.order-place').click();
  await page.locator('.order-sheet .order-sheet__row', { hasText: '锦绣华庭' }).click();
  await page.locator('.order-sheet .order-sheet__row', { hasText: '1号楼' }).click();
  await form.locator('[data-field="contactPhone"] .weui-input').fill('1391234');

  await page.locator('.order-submit').click();
  const way = form.locator('[data-field="way"]');
  await way.locator('.rk-field-error').waitFor();
  await page.waitForTimeout(400);
  await shot('01-required-missing');

  expect((await way.locator('.rk-field-error').innerText()).trim()).toBe('请填写“咨询方式”');
  expect(await way.getAttribute('class')).toContain('order-field--error');
  // The bad phone number is named too, in the shared schema's words.
  expect(await form.locator('[data-field="contactPhone"] .rk-field-error').innerText()).toContain('11 位手机号');
  expect(await form.locator('.order-banner').innerText()).toContain('请检查标出的项目');
  // What was typed and picked is all still there.
  expect(await form.locator('[data-field="description"] textarea').inputValue()).toBe(DESCRIPTION);
  expect((await form.locator('[data-field="topic"] .order-choice--on').innerText()).trim()).toBe('房产物业');
  expect(await form.locator('.order-place').innerText()).toContain('锦绣华庭 1号楼');
  expect(await form.locator('[data-field="contactPhone"] .weui-input').inputValue()).toBe('1391234');
  // Nothing reached the server.
  expect((await apiAs(api.base, resident, 'GET', '/api/v1/needs/mine?pageSize=1')).body.total).toBe(before);

  // Fixing the two fields clears their messages, and the same form goes through.
  await way.locator('.order-choice', { hasText: '到社区面谈' }).click();
  expect(await way.locator('.rk-field-error').count()).toBe(0);
  await form.locator('[data-field="contactPhone"] .weui-input').fill('13912345678');
  await page.locator('.order-submit').click();
  await page.locator('.need-detail .need-hero__status', { hasText: '待受理' }).waitFor();
  await settled(page.locator('.need-detail'));
  await shot('02-fixed-and-sent');
  const after = await apiAs(api.base, resident, 'GET', '/api/v1/needs/mine?pageSize=1');
  expect(after.body.total).toBe(before + 1);
  expect(after.body.items[0].description).toBe(DESCRIPTION);
  expect(after.body.items[0].place.label).toBe('锦绣华庭 1号楼');
});
