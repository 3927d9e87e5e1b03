import { residentTimeline } from '@gongzhi/shared';
import { seedId } from '../../cloud/src/core/stable-id';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, calm, confirmModal, secondPhone, shotOf, signIn, tokenOf } from './admin_support';

// Go live, item 5: staff 陈静 dispatches a resident's 法律咨询 to 刘明律师. 刘明, on his own phone, finds
// it under 我的 → 待我服务, calls the resident, takes it (接单) and completes it with a result (完成服务,
// refused without one). The resident reads the timeline in plain words and rates. Then 郑芳, the
// hospital's unit admin, invites one of her doctors to use the mini-program.
const SCENARIO = 'service_person';
const DESCRIPTION = '邻居装修把我家墙面弄裂了，想咨询怎么索赔';
const RESULT = '已上门面谈，建议先找物业协商，保留照片等证据';

let api: ApiProcess;
let staffPhone: Phone;

beforeAll(async () => {
  // WeChat is unreachable here: the invitation shows its H5 link code and says why the mini-program code is missing.
  api = await startApiProcess('e2e_service_person', { WX_API_BASE: 'http://127.0.0.1:9' });
  staffPhone = await openPhone(SCENARIO);
});
afterAll(async () => {
  await staffPhone?.close();
  await api?.stop();
});

test('staff dispatch to 刘明; he takes and completes it on his phone; the resident reads plain words and rates', async () => {
  const { page, shot } = staffPhone;
  const [resident, staff] = [await tokenOf(api.base, 'resident'), await tokenOf(api.base, 'staff')];
  const made = await apiAs(api.base, resident, 'POST', '/api/v1/needs', {
    menuItemId: String(seedId('menu:legal-consult')),
    description: DESCRIPTION,
    placeId: String(seedId('org:building:nanmen:南门小区:1')),
    contactPhone: '13812340001',
    answers: { topic: 'housing', way: 'visit' },
  });
  expect(made.status).toBe(200);
  const needId: string = made.body.id;
  expect((await apiAs(api.base, staff, 'POST', `/api/v1/needs/${needId}/accept`, {})).status).toBe(200);

  // 陈静 dispatches it to 刘明 from the suggestions.
  await signIn(page, api.base, '陈静');
  await page.goto(`${api.base}/#/packages/admin/need/index?id=${needId}`);
  const detail = page.locator('.admin-need');
  await detail.locator('.need-status', { hasText: '已受理' }).waitFor();
  await detail.locator('.need-action--dispatch').click();
  const sheet = page.locator('.dispatch-sheet');
  const match = sheet.locator('.route-match', { hasText: '刘明' });
  await match.waitFor();
  await match.click();
  await sheet.locator('.dispatch-sheet__submit').click();
  await confirmModal(page, '确认派单');
  await detail.locator('.need-route__assignee', { hasText: '刘明律师本人待接单' }).waitFor();
  await calm(page);
  // Staff do not start it in his name: 开始办理 is not offered.
  expect(await detail.locator('.need-action--start').count()).toBe(0);
  await shot('01-staff-dispatched-to-liu');

  // 刘明's phone: 我的 shows 待我服务 with a count.
  const liuPhone = await secondPhone(staffPhone.browser);
  const liu = liuPhone.page;
  await signIn(liu, api.base, '刘明');
  await liu.locator(TAB_BAR).getByText('我的').click();
  const entry = liu.locator('.mine-entries__item--serving');
  await entry.locator('.mine-entries__badge').waitFor();
  const liuToken = await tokenOf(api.base, 'servicePerson');
  const open = (await apiAs(api.base, liuToken, 'GET', '/api/v1/needs/serving?state=open')).body.openCount;
  expect(await entry.locator('.mine-entries__badge').innerText()).toBe(String(open));
  await settled(liu.locator('.mine-entries'));
  await shotOf(liu, SCENARIO, '02-liu-mine-badge');

  await entry.click();
  const card = liu.locator('.serve-card', { hasText: DESCRIPTION });
  await card.waitFor();
  await settled(card);
  await shotOf(liu, SCENARIO, '03-liu-serving-list');

  // The need: the resident's phone in full (his to call), 接单 and 无法服务.
  await card.click();
  const need = liu.locator('.serve-need');
  await need.locator('.serve-need__phone', { hasText: '13812340001' }).waitFor();
  await need.locator('.serve-need__call').waitFor();
  await settled(need.locator('.serve-need__hero'));
  await shotOf(liu, SCENARIO, '04-liu-need-routed');

  await need.locator('.serve-action--take').click();
  await confirmModal(liu, '接单');
  await need.locator('.serve-need__status', { hasText: '服务中' }).waitFor();
  await calm(liu);

  // 完成服务 without a result is refused on the spot, with what to write.
  await liu.locator('.taro__toast').waitFor({ state: 'hidden' });
  await calm(liu);
  await shotOf(liu, SCENARIO, '05-liu-taken');
  await need.locator('.serve-action--complete').click();
  const complete = liu.locator('.complete-sheet');
  await complete.locator('.complete-sheet__submit').click();
  await complete.locator('.form-field__error', { hasText: '请填写服务结果' }).waitFor();
  await shotOf(liu, SCENARIO, '06-liu-complete-needs-result');
  await complete.locator('textarea').first().fill(RESULT);
  await complete.locator('.complete-sheet__submit').click();
  await confirmModal(liu, '确认完成');
  await need.locator('.serve-need__result', { hasText: RESULT }).waitFor();
  await need.locator('.serve-need__status', { hasText: '已完成' }).waitFor();
  await calm(liu);
  // Done: the number is no longer shown to him.
  expect(await need.locator('.serve-need__call').count()).toBe(0);
  await shotOf(liu, SCENARIO, '07-liu-completed');
  await liuPhone.close();

  // The resident: plain words, no internal ones; the result; then the rating.
  const residentPhone = await secondPhone(staffPhone.browser);
  const r = residentPhone.page;
  await signIn(r, api.base, '张秀兰');
  await r.goto(`${api.base}/#/packages/needs/detail/index?id=${needId}`);
  const mine = r.locator('.need-detail');
  await mine.locator('.need-timeline__action', { hasText: '已安排 刘明律师 为您服务' }).waitFor();
  const lines = await mine.locator('.need-timeline__action').allInnerTexts();
  expect(lines).toEqual([
    `服务已完成：${RESULT}`,
    '刘明律师已接单',
    '已安排 刘明律师 为您服务',
    '社区已受理，正在为您安排',
    '您提交了需求',
  ]);
  const shown = await mine.innerText();
  for (const internal of ['资源', '路由', '派单对象']) expect(shown).not.toContain(internal);
  await mine.locator('.need-result', { hasText: RESULT }).waitFor();
  await settled(mine.locator('.need-hero'));
  await shotOf(r, SCENARIO, '08-resident-done');
  await mine.locator('.need-result').scrollIntoViewIfNeeded();
  await settled(mine.locator('.need-timeline'));
  await shotOf(r, SCENARIO, '09-resident-plain-timeline');

  await mine.locator('.need-rate .rk-stars__star[data-star="5"]').click();
  await mine.locator('.need-rate__send').click();
  await confirmModal(r, '提交');
  await mine.locator('.need-timeline__action', { hasText: '您评价了 5 星' }).waitFor();
  await calm(r);
  await mine.locator('.need-timeline').scrollIntoViewIfNeeded();
  await shotOf(r, SCENARIO, '10-resident-rated');
  await residentPhone.close();

  const closed = await apiAs(api.base, resident, 'GET', `/api/v1/needs/${needId}`);
  expect(closed.body.status).toBe('closed');
  expect(residentTimeline(closed.body.timeline).map((l) => l.text)).toContain('刘明律师已接单');
});

test('a unit admin sees which of her people use the mini-program and invites one', async () => {
  const adminPhone = await secondPhone(staffPhone.browser);
  const a = adminPhone.page;
  await signIn(a, api.base, '郑芳');
  await a.locator(TAB_BAR).getByText('管理').click();
  await a.locator('.admin-task--unit-people').click();
  const people = a.locator('.unit-people');
  const doctor = people.locator('.unit-person', { hasText: '未开通' }).first();
  await doctor.waitFor();
  await settled(doctor);
  await shotOf(a, SCENARIO, '11-unit-people');

  await doctor.locator('.unit-person__invite').click();
  await confirmModal(a, '生成邀请');
  const share = a.locator('.share-sheet');
  await share.locator('.share-sheet__link', { hasText: 'packages/account/invite/index?code=' }).waitFor();
  await share.locator('.share-sheet__missing').waitFor();
  await calm(a);
  await shotOf(a, SCENARIO, '12-invitation-share');

  // The invitation is open for that person's resource, as a service person of the hospital.
  const token = await tokenOf(api.base, 'unitAdmin');
  const list = await apiAs(api.base, token, 'GET', '/api/v1/invitations?status=open');
  const inv = list.body.items[0];
  expect(inv).toMatchObject({ role: 'servicePerson', place: { id: String(seedId('unit:县人民医院')) } });
  expect(inv.resource).not.toBeNull();
  await share.locator('.admin-sheet__close').click();
  await people.locator('.unit-person__state--waiting', { hasText: '已邀请' }).first().waitFor();
  await adminPhone.close();
});
