import { seedId } from '../../cloud/src/core/stable-id';
import type { Page } from 'playwright-core';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { apiAs, arrive, calm, chinaClock, secondPhone, seen, shotOf, signIn, tokenOf } from './admin_support';

// Issue 16 (3): on site, staff 陈静 opens the shift's 签到二维码 page (a QR image that renews itself
// and the 6 digits under it); volunteer 王志强, on the web version (no scanner), types those digits
// and sees 签到成功; his hours page then shows the shift as 等社区确认, and the roster tells staff
// that hours are confirmed after the shift, before anyone tries.
let api: ApiProcess;

/** The success toast has faded out (it starts transparent, so calm() alone can miss it). */
const toastGone = (page: Page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((el) => el.style.display === 'none'),
  );
let staffPhone: Phone;

const ACTIVITY_ID = String(seedId('activity:legal-aid-nanmen'));
const TITLE = '法律援助进社区·律师坐诊日';
const QUARTER = 15 * 60_000;

beforeAll(async () => {
  api = await startApiProcess('e2e_shift_checkin_code');
  staffPhone = await openPhone('shift_checkin_code');
});
afterAll(async () => {
  await staffPhone?.close();
  await api?.stop();
});

test('staff show the shift’s QR code; a volunteer types its 6 digits on H5 and is checked in', async () => {
  const { page, shot } = staffPhone;

  // A shift starting in 15–30 minutes (check-in is open), claimed by the volunteer through the API.
  const staff = await tokenOf(api.base, 'staff');
  const start = new Date(Math.ceil((Date.now() + QUARTER) / QUARTER) * QUARTER);
  const end = new Date(start.getTime() + 6 * QUARTER);
  const added = await apiAs(api.base, staff, 'POST', `/api/v1/activities/${ACTIVITY_ID}/shifts`, {
    start: start.toISOString(),
    end: end.toISOString(),
    seats: 3,
    cutoffHours: 0,
  });
  expect(added.status).toBe(200);
  const shiftId: string = added.body.id;
  const volunteer = await tokenOf(api.base, 'volunteer');
  expect((await apiAs(api.base, volunteer, 'POST', `/api/v1/shifts/${shiftId}/claim`, {})).status).toBe(200);

  // Staff: 管理 › the activity › the shift's 签到二维码.
  await signIn(page, api.base, '陈静');
  await page.goto(`${api.base}/#/packages/admin/activity-edit/index?id=${ACTIVITY_ID}`);
  const row = seen(page, '.shift-admin-row', `${chinaClock(start)}–${chinaClock(end)}`);
  await row.waitFor();
  await settled(row);
  await shot('01-staff-shifts');
  await row.locator('.shift-admin-row__code').click();
  await arrive(page, '.shift-code-page');
  const digits = seen(page, '.shift-code-digits');
  await digits.getByText(/^\d{3} \d{3}$/).waitFor();
  // The QR code is a real image, loaded and drawn.
  await page.waitForFunction(() => {
    const img = [...document.querySelectorAll<HTMLImageElement>('.shift-qr-image img')].find((i) => i.offsetParent);
    return !!img && img.complete && img.naturalWidth > 100;
  });
  await seen(page, '.sc-refresh', '每 5 分钟自动更新').waitFor();
  await seen(page, '.sc-status', '现在可以签到').waitFor();
  await shot('02-staff-qr-code');
  const code = (await digits.innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^\d{6}$/);

  // The volunteer, on another phone, in the web version: types the 6 digits.
  const volunteerPhone = await secondPhone(page.context().browser()!);
  const v = volunteerPhone.page;
  await signIn(v, api.base, '王志强');
  await v.goto(`${api.base}/#/packages/activities/checkin/index?shiftId=${shiftId}`);
  const checkin = seen(v, '.checkin-page');
  await checkin.locator('.ci-shift__title', { hasText: TITLE }).waitFor();
  await checkin.getByText('开始后才能签退').waitFor();
  await checkin.getByText('输入组织方出示的 6 位签到码').waitFor();
  await checkin.locator('.checkin-code-input input').fill(code);
  await settled(checkin);
  await shotOf(v, 'shift_checkin_code', '03-volunteer-code-typed');
  await checkin.locator('.checkin-button').click();
  await checkin.locator('.checkin-success').getByText('签到成功').waitFor();
  await checkin.locator('.ci-step--done', { hasText: '签到' }).waitFor();
  await toastGone(v);
  await shotOf(v, 'shift_checkin_code', '04-volunteer-checked-in');

  // His hours page: the shift waits for the community, with its time.
  await v.goto(`${api.base}/#/packages/activities/hours/index`);
  const waiting = seen(v, '.pending-hours', TITLE);
  await waiting.waitFor();
  await waiting.getByText('等社区确认').waitFor();
  await waiting.getByText('活动结束后，由社区确认服务时长').waitFor();
  await settled(seen(v, '.hours-summary'));
  await shotOf(v, 'shift_checkin_code', '05-volunteer-hours-waiting');
  await volunteerPhone.close();

  // Staff: the roster shows him checked in, and why hours cannot be confirmed yet.
  await page.goto(`${api.base}/#/packages/admin/activity-edit/index?id=${ACTIVITY_ID}`);
  const shiftRow = seen(page, '.shift-admin-row', `${chinaClock(start)}–${chinaClock(end)}`);
  await shiftRow.waitFor();
  await shiftRow.locator('.shift-admin-row__roster').click();
  const person = page.locator('.roster-row', { hasText: '王志强' });
  await person.getByText(/已签到/).waitFor();
  await person.locator('.confirm-blocked-reason', { hasText: '活动结束后才能确认时长' }).waitFor();
  await page.locator('.hours-confirm-notice').waitFor();
  await calm(page);
  await shot('06-staff-roster-not-yet');
}, 240_000);
