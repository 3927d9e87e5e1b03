import { startApp, type TestApp } from '../support/app';
import { BookingSlotModel } from '../../cloud/src/resources/booking-slot.model';
import { BookingModel } from '../../cloud/src/resources/booking.model';
import { ResourceModel } from '../../cloud/src/resources/resource.model';
import { ROOM, at, dayAhead, seedDemoResources } from './resources_support';

let t: TestApp;
let resident: string, resident2: string, staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, resident2, staff] = await Promise.all(['resident', 'resident2', 'staff'].map((a) => t.signIn(a)));
});
afterAll(() => t.close());

const post = (who: string, key: string | null, body: object) => {
  const req = t.http().post('/api/v1/bookings').set('Authorization', who);
  if (key) req.set('Idempotency-Key', key);
  return req.send(body);
};
const body = (date: string, hhmm = '19:00') => ({
  resourceId: ROOM,
  start: at(date, hhmm),
  purpose: '合唱团排练',
  attendees: 20,
});
const bookingsAt = (date: string, hhmm = '19:00') =>
  t.db.model(BookingModel).countDocuments({ resourceId: ROOM, start: new Date(at(date, hhmm)) });

test('the same key twice creates one booking and replays the first answer', async () => {
  const date = dayAhead(40);
  const first = await post(resident, 'booking-key-0001', body(date));
  expect(first.status).toBe(200);
  const again = await post(resident, 'booking-key-0001', body(date));
  expect(again.status).toBe(200);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first.body);
  expect(await bookingsAt(date)).toBe(1);
  expect(await t.db.model(BookingSlotModel).countDocuments({ bookingId: first.body.id })).toBe(2);

  // without the key, a second request is a second attempt: the slot is now taken
  const noKey = await post(resident, null, body(date));
  expect(noKey.status).toBe(409);
  expect(noKey.body.code).toBe('SLOT_TAKEN');
});

test('a key reused with a different body is refused', async () => {
  const date = dayAhead(41);
  await post(resident, 'booking-key-0002', body(date));
  const other = await post(resident, 'booking-key-0002', body(date, '20:00'));
  expect(other.status).toBe(422);
  expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  expect(await bookingsAt(date, '20:00')).toBe(0);
});

test('keys are per caller: the same key from another resident is their own request', async () => {
  const date = dayAhead(42);
  expect((await post(resident, 'shared-key-0003', body(date))).status).toBe(200);
  const theirs = await post(resident2, 'shared-key-0003', body(date));
  expect(theirs.status).toBe(409);
  expect(theirs.body.code).toBe('SLOT_TAKEN');
});

test('the same key sent five times at once still creates one booking and nobody is told the slot is taken', async () => {
  const date = dayAhead(43);
  const results = await Promise.all(Array.from({ length: 5 }, () => post(resident, 'booking-key-0004', body(date))));
  for (const r of results) {
    expect([200, 409]).toContain(r.status);
    if (r.status === 409) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  }
  const ok = results.filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
  expect(await bookingsAt(date)).toBe(1);
});

test('a failed attempt leaves its key free: after the slot is released, the retry with the same key books it', async () => {
  const date = dayAhead(44);
  const holder = await post(resident2, null, body(date));
  const failed = await post(resident, 'booking-key-0005', body(date));
  expect(failed.status).toBe(409);
  await t.http().post(`/api/v1/bookings/${holder.body.id}/cancel`).set('Authorization', resident2).send({});
  const retry = await post(resident, 'booking-key-0005', body(date));
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body.booker.name).toBe('张秀兰');
});

test('creating a resource with the same key twice creates one resource', async () => {
  const send = () =>
    t
      .http()
      .post('/api/v1/resources')
      .set('Authorization', staff)
      .set('Idempotency-Key', 'resource-key-0001')
      .send({
        kind: 'equipment',
        name: '投影仪',
        slotMinutes: 120,
        hours: [{ weekday: 6, open: '09:00', close: '17:00' }],
      });
  const first = await send();
  const again = await send();
  expect(first.status).toBe(200);
  expect(again.body.id).toBe(first.body.id);
  expect(await t.db.model(ResourceModel).countDocuments({ name: '投影仪' })).toBe(1);
});
