import { startApp, type TestApp } from '../support/app';
import { BookingEventModel } from '../../cloud/src/resources/booking-event.model';
import { BookingSlotModel } from '../../cloud/src/resources/booking-slot.model';
import { BookingModel } from '../../cloud/src/resources/booking.model';
import { ROOM, at, dayAhead, seedDemoResources } from './resources_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A booking whose process died mid-request (simulated: see idempotency_support.ts). The retry with
// the same Idempotency-Key must finish it exactly once, and never lose the cells to itself.

let t: TestApp;
let resident: string, resident2: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, resident2] = await Promise.all(['resident', 'resident2'].map((a) => t.signIn(a)));
});
afterAll(() => t.close());

const post = (who: string, key: string | null, body: object) => {
  const req = t.http().post('/api/v1/bookings').set('Authorization', who);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body);
};
const body = (date: string) => ({
  resourceId: ROOM,
  start: at(date, '19:00'),
  slots: 2,
  purpose: '合唱团排练',
  attendees: 20,
});
const bookingsAt = (date: string) =>
  t.db.model(BookingModel).countDocuments({ resourceId: ROOM, start: new Date(at(date, '19:00')) });

test('died after holding the cells, before the booking: the retry books those cells once', async () => {
  const date = dayAhead(50);
  const first = await post(resident, 'crash-booking-01', body(date));
  expect(first.status).toBe(200);
  const cells = await t.db.model(BookingSlotModel).countDocuments({ bookingId: first.body.id });
  expect(cells).toBe(4); // two 60-minute slots = four half-hour cells
  await t.db.model(BookingModel).deleteOne({ _id: first.body.id });
  await t.db.model(BookingEventModel).deleteMany({ bookingId: first.body.id });
  await dieBeforeAnswer(t, 'createBooking', 'crash-booking-01');

  // Meanwhile the cells stay held: another resident cannot take them.
  const rival = await post(resident2, null, body(date));
  expect(rival.status).toBe(409);
  expect(rival.body.code).toBe('SLOT_TAKEN');

  await leaseRunsOut(t);
  const retry = await post(resident, 'crash-booking-01', body(date));
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(retry.body.status).toBe('pending');
  expect(await bookingsAt(date)).toBe(1);
  expect(await t.db.model(BookingSlotModel).countDocuments({ bookingId: first.body.id })).toBe(cells);
  expect(await t.db.model(BookingEventModel).countDocuments({ bookingId: first.body.id })).toBe(1);
});

test('died after the booking, before its create event: the retry returns it and adds the event once', async () => {
  const date = dayAhead(51);
  const first = await post(resident, 'crash-booking-02', body(date));
  await t.db.model(BookingEventModel).deleteMany({ bookingId: first.body.id });
  await dieBeforeAnswer(t, 'createBooking', 'crash-booking-02');
  await leaseRunsOut(t);

  const retry = await post(resident, 'crash-booking-02', body(date));
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await bookingsAt(date)).toBe(1);
  expect(await t.db.model(BookingEventModel).countDocuments({ bookingId: first.body.id, seq: 0 })).toBe(1);
  const shown = await t.http().get(`/api/v1/bookings/${first.body.id}`).set('Authorization', resident);
  expect(shown.body.timeline.map((e: { action: string }) => e.action)).toEqual(['create']);
});

test('died after everything but the answer: the retry answers with the booking, nothing new is stored', async () => {
  const date = dayAhead(52);
  const first = await post(resident, 'crash-booking-03', body(date));
  await dieBeforeAnswer(t, 'createBooking', 'crash-booking-03');
  const during = await post(resident, 'crash-booking-03', body(date));
  expect(during.status).toBe(409);
  expect(during.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');

  await leaseRunsOut(t);
  const before = await t.db.model(BookingEventModel).countDocuments();
  const retries = await Promise.all(Array.from({ length: 4 }, () => post(resident, 'crash-booking-03', body(date))));
  const ok = retries.filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  for (const r of retries) if (r.status !== 200) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  expect(new Set(ok.map((r) => r.body.id))).toEqual(new Set([first.body.id]));
  expect(await bookingsAt(date)).toBe(1);
  expect(await t.db.model(BookingEventModel).countDocuments()).toBe(before);
});
