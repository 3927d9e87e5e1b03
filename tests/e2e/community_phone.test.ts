import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, type Phone } from '../support/browser-page';
import { seedId } from '../../cloud/src/core/stable-id';
import { arrive, seen, signIn } from './admin_support';

// A street administrator finds the community's phone and office hours in the org tree's form: the
// number residents are told to call when their order is late or refused (saving: community_contact API test).
let api: ApiProcess;
let phone: Phone;
const NANMEN = String(seedId('org:community:nanmen'));

beforeAll(async () => {
  api = await startApiProcess('e2e_community_phone');
  phone = await openPhone('community_phone');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

test('the community form shows the phone and hours residents are told to call', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '周洋');
  await page.goto(`${api.base}/#/packages/org/edit/index?id=${NANMEN}`);
  await arrive(page, '.admin-card', '修改社区');
  const number = seen(page, '.org-edit__phone input');
  await number.waitFor();
  expect(await number.inputValue()).toBe('028-84561201');
  expect(await seen(page, '.org-edit__hours input').inputValue()).toBe('工作日 8:30–17:30');
  await seen(page, '.org-edit__phone').scrollIntoViewIfNeeded();
  await shot('01-community-form');
});
