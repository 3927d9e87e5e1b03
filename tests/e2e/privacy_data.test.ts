import * as fs from 'node:fs';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, calm, confirmModal, signIn } from './admin_support';

// Issue 6 item 7: resident 李大海 downloads his data from 我的 → 隐私与数据, then deletes his account:
// a first confirmation, then the phrase 注销账号 typed in; afterwards he is back at the sign-in page
// and his demo account is gone.
let api: ApiProcess;
let phone: Phone;

beforeAll(async () => {
  api = await startApiProcess('e2e_privacy_data');
  phone = await openPhone('privacy_data');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('a resident downloads his data and deletes his account', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '李大海');
  await page.locator(TAB_BAR).getByText('我的').click();
  await page.locator('.mine-entries__item--privacy').click();
  await page.locator('.privacy-download').waitFor();
  await settled(page.locator('.privacy-page'));
  await shot('01-privacy');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.privacy-download').click()]);
  const file = await download.path();
  const data = JSON.parse(fs.readFileSync(file!, 'utf8'));
  expect(data.areas.people.profile.name).toBe('李大海');
  expect(JSON.stringify(data)).not.toContain('张秀兰');

  await page.locator('.privacy-erase').click();
  await confirmModal(page, '继续注销');
  await page.locator('.privacy-confirm input').waitFor();
  await calm(page);
  await page.locator('.privacy-confirm input').fill('注销');
  await shot('02-erase-typing');
  expect(await page.locator('.privacy-erase-confirm').getAttribute('class')).toContain('tm-button--disabled');
  await page.locator('.privacy-confirm input').fill('注销账号');
  await shot('03-erase-typed');
  await page.locator('.privacy-erase-confirm').click();
  await confirmModal(page, '好的');
  await page.locator('.demo-account').first().waitFor();
  expect(await page.locator('.demo-account', { hasText: '李大海' }).count()).toBe(0);
  await shot('04-signed-out');
});
