import { startApp, type TestApp } from '../support/app';
import { AuditModel } from '../../cloud/src/audit/audit-log';
import { BookingSlotModel } from '../../cloud/src/resources/booking-slot.model';
import { BookingModel } from '../../cloud/src/resources/booking.model';
import { BookingEventModel } from '../../cloud/src/resources/booking-event.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { HEALTH, HOSPITAL, NANMEN, ROOM, at, dayAhead, seedDemoResources, weekdayAhead } from './resources_support';

let t: TestApp;
let resident: string, resident2: string, staff: string, unitAdmin: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, resident2, staff, unitAdmin] = await Promise.all(
    ['resident', 'resident2', 'staff', 'unitAdmin'].map((a) => t.signIn(a)),
  );
});
afterAll(() => t.close());

const book = (who: string, resourceId: string, start: string, slots = 1, purpose = '舞蹈队排练') =>
  t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', who)
    .send({ resourceId, start, slots, purpose, attendees: 15 });
const act = (who: string, id: string, action: string, body: object = {}) =>
  t.http().post(`/api/v1/bookings/${id}/${action}`).set('Authorization', who).send(body);
const slotStatus = async (resourceId: string, date: string, label: string) => {
  const res = await t.http().get(`/api/v1/resources/${resourceId}/slots?date=${date}`).set('Authorization', resident2);
  return res.body.slots.find((s: { label: string }) => s.label === label)?.status;
};

test('book → approve → cancel frees the slot → someone else books it', async () => {
  const date = dayAhead(8);
  const first = await book(resident, ROOM, at(date, '19:00'));
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({
    resource: { id: ROOM, name: '南门社区党群服务中心活动室', kind: 'venue' },
    unit: null,
    communityId: NANMEN,
    start: new Date(at(date, '19:00')).toISOString(),
    end: new Date(at(date, '20:00')).toISOString(),
    slots: 1,
    status: 'pending',
    purpose: '舞蹈队排练',
    attendees: 15,
    reason: null,
    booker: { id: String(seedId('user:resident')), name: '张秀兰', phone: '138****0001' },
  });
  expect(first.body.timeText).toMatch(/^\d+月\d+日 19:00–20:00$/);
  const id = first.body.id;

  const taken = await book(resident2, ROOM, at(date, '19:00'));
  expect(taken.status).toBe(409);
  expect(taken.body.code).toBe('SLOT_TAKEN');
  expect(taken.body.message).toBe(`${first.body.timeText} 已被预约，请选择其他时段`);

  const approved = await act(staff, id, 'approve', { note: '请提前到服务台领钥匙' });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('approved');
  const again = await act(staff, id, 'approve');
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '预约已经批准，不能再批准' });
  expect((await act(staff, id, 'reject', { reason: '场地维修' })).body.code).toBe('INVALID_TRANSITION');
  expect(await slotStatus(ROOM, date, '19:00–20:00')).toBe('taken');

  const cancelled = await act(resident, id, 'cancel', { reason: '活动改期' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: '活动改期' });
  expect(await t.db.model(BookingSlotModel).countDocuments({ bookingId: id })).toBe(0);
  expect(await slotStatus(ROOM, date, '19:00–20:00')).toBe('free');
  expect((await act(resident, id, 'cancel')).body.code).toBe('INVALID_TRANSITION');

  const second = await book(resident2, ROOM, at(date, '19:00'));
  expect(second.status).toBe(200);
  expect(second.body.booker.name).toBe('李大海');
  expect(await slotStatus(ROOM, date, '19:00–20:00')).toBe('taken');

  const detail = await t.http().get(`/api/v1/bookings/${id}`).set('Authorization', resident);
  expect(detail.status).toBe(200);
  expect(detail.body.status).toBe('cancelled');
  expect(
    detail.body.timeline.map((e: { action: string; status: string; actorRole: string }) => [
      e.action,
      e.status,
      e.actorRole,
    ]),
  ).toEqual([
    ['create', 'pending', 'resident'],
    ['approve', 'approved', 'staff'],
    ['cancel', 'cancelled', 'resident'],
  ]);
  expect(detail.body.timeline[1].note).toBe('请提前到服务台领钥匙');
});

test("the owner unit's admin rejects with a reason; the slot is released at once", async () => {
  const date = weekdayAhead(8, [2]);
  const res = await book(resident, HEALTH, at(date, '15:30'), 2, '糖友互助小组');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ unit: { id: HOSPITAL, name: '县人民医院' }, slots: 2 });
  expect(res.body.timeText).toMatch(/15:30–17:30$/);
  expect(await t.db.model(BookingSlotModel).countDocuments({ bookingId: res.body.id })).toBe(4); // four half-hour cells

  const noReason = await act(unitAdmin, res.body.id, 'reject', {});
  expect(noReason.status).toBe(400);
  expect(noReason.body.fields[0].path).toBe('body.reason');

  const rejected = await act(unitAdmin, res.body.id, 'reject', { reason: '当天下午医院有院感培训' });
  expect(rejected.status).toBe(200);
  expect(rejected.body).toMatchObject({ status: 'rejected', reason: '当天下午医院有院感培训' });
  expect(await slotStatus(HEALTH, date, '15:30–16:30')).toBe('free');
  expect((await act(resident, res.body.id, 'cancel')).body.code).toBe('INVALID_TRANSITION');

  const mine = await t.http().get('/api/v1/me/bookings?status=rejected').set('Authorization', resident);
  expect(mine.body.items.map((b: { id: string }) => b.id)).toContain(res.body.id);
  expect(mine.body.items.every((b: { status: string }) => b.status === 'rejected')).toBe(true);
});

test("the handler sees the booker's phone in full on the booking, and that read is audited", async () => {
  const res = await book(resident, ROOM, at(dayAhead(9), '10:00'));
  const id = res.body.id;
  const own = await t.http().get(`/api/v1/bookings/${id}`).set('Authorization', resident);
  expect(own.body.booker.phone).toBe('138****0001');
  expect(await t.db.model(AuditModel).countDocuments({ via: `booking:${id}` })).toBe(0);

  const handler = await t.http().get(`/api/v1/bookings/${id}`).set('Authorization', staff);
  expect(handler.status).toBe(200);
  expect(handler.body.booker.phone).toBe('13812340001');
  const audit = await t.db
    .model(AuditModel)
    .find({ via: `booking:${id}` })
    .lean();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ what: ['phone'] });
  expect(String(audit[0].actorId)).toBe(String(seedId('user:staff')));
  expect(String(audit[0].subjectId)).toBe(String(seedId('user:resident')));

  const list = await t.http().get(`/api/v1/resources/${ROOM}/bookings`).set('Authorization', staff);
  expect(list.body.items.find((b: { id: string }) => b.id === id).booker.phone).toBe('138****0001');
});

test("a resource's bookings are listed for its handlers, by status and date, oldest first", async () => {
  const date = dayAhead(14);
  const a = await book(resident, ROOM, at(date, '14:00'));
  const b = await book(resident2, ROOM, at(date, '09:00'), 2);
  await book(resident2, ROOM, at(dayAhead(15), '09:00'));
  await act(staff, a.body.id, 'approve');

  const day = await t.http().get(`/api/v1/resources/${ROOM}/bookings?date=${date}`).set('Authorization', staff);
  expect(day.status).toBe(200);
  expect(day.body.items.map((x: { id: string }) => x.id)).toEqual([b.body.id, a.body.id]);
  expect(day.body.total).toBe(2);
  const approved = await t
    .http()
    .get(`/api/v1/resources/${ROOM}/bookings?date=${date}&status=approved`)
    .set('Authorization', staff);
  expect(approved.body.items.map((x: { id: string }) => x.id)).toEqual([a.body.id]);
  const paged = await t.http().get(`/api/v1/resources/${ROOM}/bookings?pageSize=1&page=2`).set('Authorization', staff);
  expect(paged.body).toMatchObject({ page: 2, pageSize: 1 });
  expect(paged.body.items).toHaveLength(1);
  expect(paged.body.total).toBeGreaterThanOrEqual(3);
});

test("a booking's status is a projection of its events: a lost projection write is repaired on the next read", async () => {
  const res = await book(resident, ROOM, at(dayAhead(16), '11:00'));
  await act(staff, res.body.id, 'approve');
  // Simulate a projection write that never landed (e.g. the process died after the event insert).
  await t.db.model(BookingModel).updateOne({ _id: res.body.id }, { $set: { status: 'pending', seq: 0 } });
  const detail = await t.http().get(`/api/v1/bookings/${res.body.id}`).set('Authorization', resident);
  expect(detail.body.status).toBe('approved');
  expect((await t.db.model(BookingModel).findById(res.body.id).lean())!.status).toBe('approved');
  // and the state machine reads the log, not the projection
  expect((await act(staff, res.body.id, 'approve')).body.code).toBe('INVALID_TRANSITION');
});

test('a hold left behind by a cancelled booking does not block the slot', async () => {
  const date = dayAhead(17);
  const res = await book(resident, ROOM, at(date, '12:00'));
  const holds = await t.db.model(BookingSlotModel).find({ bookingId: res.body.id }).lean();
  await act(resident, res.body.id, 'cancel');
  // Simulate a release cut short: the cancellation event is written but the holds are still there.
  await t.db.model(BookingSlotModel).insertMany(holds);
  expect(await slotStatus(ROOM, date, '12:00–13:00')).toBe('free');
  const next = await book(resident2, ROOM, at(date, '12:00'));
  expect(next.status).toBe(200);
  expect(await t.db.model(BookingSlotModel).countDocuments({ bookingId: res.body.id })).toBe(0);
});

test('the demo bookings cover every status', async () => {
  const statuses = await t.db.model(BookingModel).distinct('status', {
    _id: {
      $in: ['approved-room', 'pending-room', 'rejected-sound', 'cancelled-hall', 'pending-health-room'].map((k) =>
        seedId(`booking:${k}`),
      ),
    },
  });
  expect(statuses.sort()).toEqual(['approved', 'cancelled', 'pending', 'rejected']);
  const mine = await t.http().get('/api/v1/me/bookings').set('Authorization', resident);
  expect(mine.body.items.map((b: { id: string }) => b.id)).toContain(String(seedId('booking:approved-room')));
  const hospital = await t
    .http()
    .get(`/api/v1/resources/${HEALTH}/bookings?status=pending`)
    .set('Authorization', unitAdmin);
  expect(hospital.body.items.map((b: { id: string }) => b.id)).toContain(String(seedId('booking:pending-health-room')));
});

test('seeding the resources again changes nothing', async () => {
  const count = async () => ({
    resources: await t.db.model(ResourceModel).countDocuments({}),
    bookings: await t.db.model(BookingModel).countDocuments({}),
    slots: await t.db.model(BookingSlotModel).countDocuments({}),
    events: await t.db.model(BookingEventModel).countDocuments({}),
  });
  const before = await count();
  await Promise.all([seedDemoResources(t), seedDemoResources(t)]);
  expect(await count()).toEqual(before);
  const approved = await t.db.model(BookingSlotModel).countDocuments({ bookingId: seedId('booking:approved-room') });
  expect(approved).toBe(2);
});
