import { seedId } from '../../cloud/src/core/stable-id';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { TAB_BAR, apiAs, calm, chinaClock, confirmModal, secondPhone, shotOf, signIn, tokenOf } from './admin_support';

// Issue 4 (b): a resident's 法律咨询 order reaches staff 陈静 in 管理 → 待受理. She accepts it and
// dispatches it to the volunteer activity 法律援助进社区 that the routing suggests; the need shows
// 已派单. Then volunteer 王志强, in a second browser context, opens 活动 → 法律援助进社区, claims a seat on
// a shift starting within half an hour (added by staff through the API) and checks in by typing the
// code the organiser shows.
let api: ApiProcess;
let staffPhone: Phone;

const ACTIVITY_ID = String(seedId('activity:legal-aid-nanmen'));
const QUARTER = 15 * 60_000;
const DESCRIPTION = '邻居装修把我家墙面弄裂了，想咨询怎么索赔';

beforeAll(async () => {
  api = await startApiProcess('e2e_dispatch_to_activity');
  staffPhone = await openPhone('dispatch_to_activity');
});
afterAll(async () => {
  await staffPhone?.close();
  await api?.stop();
});

test('staff accept and dispatch an order to 法律援助进社区; a volunteer claims a seat and checks in', async () => {
  const { page, shot } = staffPhone;

  // The resident's order, made through the API (the ordering pages have their own scenario).
  const resident = await tokenOf(api.base, 'resident');
  const made = await apiAs(api.base, resident, 'POST', '/api/v1/needs', {
    menuItemId: String(seedId('menu:legal-consult')),
    description: DESCRIPTION,
    placeId: String(seedId('org:building:nanmen:南门小区:1')),
    contactPhone: '13812340001',
    answers: { topic: 'housing', way: 'visit' },
  });
  expect(made.status).toBe(200);
  const needId: string = made.body.id;

  // Staff signs in: the 管理 tab is there.
  await signIn(page, api.base, '陈静');
  await page.locator(TAB_BAR).getByText('管理').click();
  const home = page.locator('.admin-home');
  const pending = home.locator('.admin-stat-submitted');
  await pending.locator('.admin-home__stat-value').getByText(/^\d+$/).waitFor();
  await settled(home.locator('.admin-home__needs'));
  await shot('01-admin-home');

  // 待受理: the new order is in the list.
  await pending.click();
  const inbox = page.locator('.admin-inbox');
  await inbox.locator('.inbox-tab--submitted.admin-tabs__item--on').waitFor();
  const card = inbox.locator('.need-card', { hasText: DESCRIPTION });
  await card.waitFor();
  await settled(card);
  await shot('02-inbox-submitted');

  // The need: details with the contact phone as the API gives it, then 受理.
  await card.click();
  const detail = page.locator('.admin-need');
  await detail.locator('.need-status', { hasText: '待受理' }).waitFor();
  await detail.getByText(DESCRIPTION).waitFor();
  await settled(detail.locator('.need-hero'));
  await shot('03-need-submitted');

  await detail.locator('.need-action--accept').click();
  await detail.locator('.need-status', { hasText: '已受理' }).waitFor();
  // Accepted by her: she handles it now, so the API shows her the phone in full.
  await detail.locator('.need-phone', { hasText: '13812340001' }).waitFor();
  await calm(page);
  await shot('04-accepted');

  // 派单: the ranked suggestions with their reasons; pick the activity, confirm.
  await detail.locator('.need-action--dispatch').click();
  const sheet = page.locator('.dispatch-sheet');
  const match = sheet.locator('.route-match', { hasText: '法律援助进社区' });
  await match.waitFor();
  expect(await sheet.locator('.route-match').count()).toBeGreaterThan(1);
  expect(await match.innerText()).toContain('志愿活动');
  await shot('05-dispatch-suggestions');
  await match.click();
  await sheet.locator('.route-match--on', { hasText: '法律援助进社区' }).waitFor();
  await sheet.locator('.dispatch-sheet__submit').click();
  await page.locator('.taro-modal__content').getByText('法律援助进社区', { exact: false }).waitFor();
  await calm(page);
  await page.waitForTimeout(400); // the modal's own fade-in
  await shot('06-dispatch-confirm');
  await confirmModal(page, '确认派单');
  await detail.locator('.need-status', { hasText: '已派单' }).waitFor();
  await detail.locator('.need-route', { hasText: '法律援助进社区' }).waitFor();
  await sheet.waitFor({ state: 'detached' });
  await calm(page);
  await shot('07-dispatched');

  // The server agrees: routed to that activity.
  const staff = await tokenOf(api.base, 'staff');
  const routed = await apiAs(api.base, staff, 'GET', `/api/v1/needs/${needId}`);
  expect(routed.body.status).toBe('routed');
  expect(routed.body.route).toEqual({ kind: 'activity', targetId: ACTIVITY_ID });

  // The organiser adds a shift starting in 15–30 minutes, on quarter hours, so check-in is open.
  const start = new Date(Math.ceil((Date.now() + QUARTER) / QUARTER) * QUARTER);
  const end = new Date(start.getTime() + 4 * QUARTER);
  const shift = await apiAs(api.base, staff, 'POST', `/api/v1/activities/${ACTIVITY_ID}/shifts`, {
    start: start.toISOString(),
    end: end.toISOString(),
    seats: 3,
    cutoffHours: 0,
  });
  expect(shift.status).toBe(200);
  const shiftId: string = shift.body.id;

  // The volunteer, on another phone.
  const volunteerPhone = await secondPhone(staffPhone.browser);
  const v = volunteerPhone.page;
  await signIn(v, api.base, '王志强');
  // A volunteer has no 管理 tab.
  expect(await v.locator(TAB_BAR).getByText('管理').count()).toBe(0);
  await v.locator(TAB_BAR).getByText('活动').click();
  const activityCard = v.locator('.activity-card', { hasText: '法律援助进社区·律师坐诊日' });
  await activityCard.waitFor();
  await settled(activityCard);
  await shotOf(v, 'dispatch_to_activity', '08-volunteer-activities');

  await activityCard.click();
  const act = v.locator('.activity-detail');
  const row = act.locator('.shift-row', { hasText: chinaClock(start) });
  await row.waitFor();
  await settled(act);
  await shotOf(v, 'dispatch_to_activity', '09-volunteer-activity-detail');

  await row.locator('.claim-button').click();
  await row.getByText(/已认领 \d+ 号名额/).waitFor();
  await calm(v);
  await shotOf(v, 'dispatch_to_activity', '10-volunteer-claimed');

  // Check in by typing the 6 digits the organiser's 签到码 shows.
  const code = await apiAs(api.base, staff, 'GET', `/api/v1/shifts/${shiftId}/code`);
  expect(code.body.code).toMatch(/^\d{6}$/);
  await row.locator('.go-checkin-button').click();
  const checkin = v.locator('.checkin-page');
  await checkin.locator('.checkin-code-input input').fill(code.body.code);
  await settled(checkin);
  await shotOf(v, 'dispatch_to_activity', '11-volunteer-code-typed');
  await checkin.locator('.checkin-button').click();
  await checkin.getByText('签到成功').waitFor();
  await calm(v);
  await shotOf(v, 'dispatch_to_activity', '12-volunteer-checked-in');

  const volunteer = await tokenOf(api.base, 'volunteer');
  const mine = await apiAs(api.base, volunteer, 'GET', '/api/v1/me/shifts?when=all');
  const record = mine.body.items.find((s: { shiftId: string }) => s.shiftId === shiftId);
  expect(record.status).toBe('seated');
  expect(record.checkInAt).not.toBeNull();

  // The organiser's roster shows him checked in.
  await page.goto(`${api.base}/#/packages/admin/activity-edit/index?id=${ACTIVITY_ID}`);
  const manage = page.locator('.activity-edit');
  const shiftRow = manage.locator('.shift-admin-row', { hasText: `${chinaClock(start)}–${chinaClock(end)}` });
  await shiftRow.locator('.shift-admin-row__roster').click();
  await page
    .locator('.roster-row', { hasText: '王志强' })
    .getByText(/已签到/)
    .waitFor();
  await calm(page);
  await shot('13-roster-checked-in');
  await volunteerPhone.close();
}, 180_000);
