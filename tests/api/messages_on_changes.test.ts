import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { ServiceRecordModel } from '../../cloud/src/activities/attendance.model';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';
import { ROOM, at, dayAhead, seedDemoResources } from './resources_support';

// Every change a person cares about reaches them as one message: a booking approved, refused (with
// the community's phone) or cancelled by the handler; served hours confirmed and corrected.
let t: TestApp;
let resident: string, staff: string, volunteer: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, staff, volunteer] = await Promise.all(['resident', 'staff', 'volunteer'].map((a) => t.signIn(a)));
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

const messages = async (userId: string, kind: string) =>
  (
    await t.db
      .model(NotificationModel)
      .find({ userId: new Types.ObjectId(userId), kind })
      .lean()
  ).map((n) => n.text);

const book = async (start: string) => {
  const res = await t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', resident)
    .send({ resourceId: ROOM, start, slots: 1, purpose: '舞蹈队排练', attendees: 15 });
  expect(res.status).toBe(200);
  return res.body as { id: string; timeText: string };
};
const act = (who: string, id: string, action: string, body: object = {}) =>
  t.http().post(`/api/v1/bookings/${id}/${action}`).set('Authorization', who).send(body);

test('a booking approved, refused or cancelled by staff: one message each to who booked; their own cancel none', async () => {
  const date = dayAhead(9);
  const approved = await book(at(date, '19:00'));
  expect((await act(staff, approved.id, 'approve', { note: '请提前领钥匙' })).status).toBe(200);
  // A retried approval tells nobody again.
  expect((await act(staff, approved.id, 'approve')).status).toBe(409);
  expect(await messages(uid('resident'), 'bookingApproved')).toEqual([
    `您预约的「南门社区党群服务中心活动室」${approved.timeText}已批准，请按时前往`,
  ]);

  const refused = await book(at(date, '20:00'));
  expect((await act(staff, refused.id, 'reject', { reason: '场地维修' })).status).toBe(200);
  expect(await messages(uid('resident'), 'bookingRejected')).toEqual([
    `您预约的「南门社区党群服务中心活动室」${refused.timeText}没有获得批准，原因：场地维修。如有疑问，请拨打社区电话 028-84561201（工作日 8:30–17:30）`,
  ]);

  const byStaff = await book(at(date, '18:00'));
  expect((await act(staff, byStaff.id, 'cancel', { reason: '临时有会议' })).status).toBe(200);
  expect(await messages(uid('resident'), 'bookingCancelled')).toHaveLength(1);
  const own = await book(at(date, '17:00'));
  expect((await act(resident, own.id, 'cancel')).status).toBe(200);
  expect(await messages(uid('resident'), 'bookingCancelled')).toHaveLength(1);
});

test('hours confirmed and corrected: the volunteer is told each time, in hours and minutes', async () => {
  const activity = await newActivity(t, staff, { title: '社区助老理发', brand: 'legalAid', categoryCode: 'legalAid' });
  const shift = await newShift(t, staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 3 });
  expect((await claim(t, volunteer, shift)).body.status).toBe('seated');
  await setNow(t, chinaAt(2, 12));
  const confirmed = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('volunteer'), minutes: 90 });
  expect([confirmed.status, confirmed.body.message]).toEqual([200, undefined]);
  const [hours] = await messages(uid('volunteer'), 'hoursConfirmed');
  expect(hours).toMatch(/^您参加「社区助老理发」（\d+月\d+日 09:00–11:00）的服务时长已确认：1 小时 30 分钟$/);

  const record = await t.db
    .model(ServiceRecordModel)
    .findOne({ personId: new Types.ObjectId(uid('volunteer')) })
    .lean();
  const corrected = await t
    .http()
    .post(`/api/v1/service-records/${String(record!._id)}/corrections`)
    .set('Authorization', staff)
    .send({ minutes: 120, reason: '实际服务到 11 点' });
  expect([corrected.status, corrected.body.fields]).toEqual([200, undefined]);
  expect(await messages(uid('volunteer'), 'hoursCorrected')).toEqual([
    '您参加「社区助老理发」的服务时长已更正为 2 小时（原为 1 小时 30 分钟），原因：实际服务到 11 点',
  ]);
});
