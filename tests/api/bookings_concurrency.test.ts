import { Types } from 'mongoose';
import { slotCells } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { UserModel } from '../../cloud/src/people/user.model';
import { BookingEventModel } from '../../cloud/src/resources/booking-event.model';
import { BookingSlotModel } from '../../cloud/src/resources/booking-slot.model';
import { BookingModel } from '../../cloud/src/resources/booking.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { ROOM, SOUND, at, dayAhead, seedDemoResources } from './resources_support';

let t: TestApp;
let residents: string[];
let staff: string, resident: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  // 100 residents of 南门社区 besides the demo accounts
  await t.db.model(UserModel).insertMany(
    Array.from({ length: 100 }, (_, i) => ({
      _id: new Types.ObjectId(),
      name: `居民${i}`,
      roles: ['resident'],
      phone: `1390000${String(i).padStart(4, '0')}`,
      orgId: seedId(`org:grid:nanmen:${i % 3}`),
      communityId: seedId('org:community:nanmen'),
      unitId: null,
      demoAccount: `crowd-${i}`,
    })),
  );
  residents = [];
  for (let i = 0; i < 100; i += 20) {
    residents.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => t.signIn(`crowd-${i + j}`)))));
  }
  [staff, resident] = await Promise.all([t.signIn('staff'), t.signIn('resident')]);
}, 120_000);
afterAll(() => t.close());

const book = (who: string, resourceId: string, start: string, slots = 1) =>
  t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', who)
    .send({ resourceId, start, slots, purpose: '抢订测试', attendees: 5 });

test('100 residents book the same slot at once: exactly one booking, 99 told the slot is taken', async () => {
  const date = dayAhead(30);
  const start = at(date, '19:00');
  const results = await Promise.all(residents.map((who) => book(who, ROOM, start)));

  const ok = results.filter((r) => r.status === 200);
  const taken = results.filter((r) => r.status === 409);
  expect(ok).toHaveLength(1);
  expect(taken).toHaveLength(99);
  for (const r of taken) {
    expect(r.body.code).toBe('SLOT_TAKEN');
    expect(r.body.message).toMatch(/^\d+月\d+日 19:00–20:00 已被预约，请选择其他时段$/);
  }
  const startAt = new Date(start);
  expect(await t.db.model(BookingModel).countDocuments({ resourceId: ROOM, start: startAt })).toBe(1);
  const holds = await t.db
    .model(BookingSlotModel)
    .find({ resourceId: ROOM, start: { $gte: startAt, $lt: new Date(startAt.getTime() + 3600_000) } })
    .lean();
  expect(holds).toHaveLength(2); // the two half-hour cells of the one booking
  expect(holds.every((h) => String(h.bookingId) === ok[0].body.id)).toBe(true);
}, 120_000);

test('overlapping multi-slot bookings at once never share a slot, and every loser leaves nothing behind', async () => {
  const date = dayAhead(31);
  // A fixed pseudo-random mix of starts (09:00–18:00) and runs of 1–4 hour slots, all within opening hours.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const wants = residents.slice(0, 60).map((who) => {
    const hour = 9 + Math.floor(next() * 10);
    const slots = 1 + Math.floor(next() * Math.min(4, 21 - hour));
    return { who, start: at(date, `${String(hour).padStart(2, '0')}:00`), slots };
  });
  const results = await Promise.all(wants.map((w) => book(w.who, ROOM, w.start, w.slots)));

  for (const r of results) expect([200, 409]).toContain(r.status);
  for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('SLOT_TAKEN');
  const won = results.filter((r) => r.status === 200).map((r) => r.body);
  expect(won.length).toBeGreaterThanOrEqual(1);
  expect(won.length).toBeLessThan(wants.length); // 60 runs of 1–4 hours cannot all fit in 12 hours

  // won bookings are pairwise disjoint
  const sorted = [...won].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (let i = 1; i < sorted.length; i++)
    expect(Date.parse(sorted[i].start)).toBeGreaterThanOrEqual(Date.parse(sorted[i - 1].end));

  // the holds are exactly the cells of the winners: none from losers, never two for one cell
  const dayStart = new Date(at(date, '00:00'));
  const holds = await t.db
    .model(BookingSlotModel)
    .find({ resourceId: ROOM, start: { $gte: dayStart, $lt: new Date(dayStart.getTime() + 86_400_000) } })
    .lean();
  const expected = won.flatMap((b) => slotCells(b.start, b.end).map((c) => `${c.toISOString()}|${b.id}`)).sort();
  expect(holds.map((h) => `${new Date(h.start).toISOString()}|${h.bookingId}`).sort()).toEqual(expected);
  expect(new Set(holds.map((h) => new Date(h.start).getTime())).size).toBe(holds.length);
  expect(
    await t.db
      .model(BookingModel)
      .countDocuments({ resourceId: ROOM, start: { $gte: dayStart, $lt: new Date(dayStart.getTime() + 86_400_000) } }),
  ).toBe(won.length);
}, 120_000);

test('ten approvals, rejections and cancellations of one booking at once: exactly one wins', async () => {
  const created = await book(resident, SOUND, at(dayAhead(32), '09:00'));
  expect(created.status).toBe(200);
  const id = created.body.id;
  const calls = Array.from({ length: 10 }, (_, i) => {
    const [path, body, who] = [
      ['approve', {}, staff],
      ['reject', { reason: '设备检修' }, staff],
      ['cancel', {}, resident],
    ][i % 3] as [string, object, string];
    return t.http().post(`/api/v1/bookings/${id}/${path}`).set('Authorization', who).send(body);
  });
  const results = await Promise.all(calls);
  const ok = results.filter((r) => r.status === 200);
  // approve then cancel is a legal sequence; everything else must lose
  const events = await t.db.model(BookingEventModel).find({ bookingId: id }).sort({ seq: 1 }).lean();
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  expect(ok.length).toBe(events.length - 1);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  expect(ok.length).toBeLessThanOrEqual(2);
  for (const r of results.filter((x) => x.status !== 200)) {
    expect(r.status).toBe(409);
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(r.body.code);
  }
  const final = events[events.length - 1].to;
  const detail = await t.http().get(`/api/v1/bookings/${id}`).set('Authorization', resident);
  expect(detail.body.status).toBe(final);
  const held = await t.db.model(BookingSlotModel).countDocuments({ bookingId: id });
  expect(held).toBe(final === 'approved' || final === 'pending' ? 4 : 0);
}, 60_000);

test('two approvals at once: one wins, the other gets 409 and writes no event', async () => {
  const created = await book(resident, SOUND, at(dayAhead(33), '11:00'));
  const id = created.body.id;
  const results = await Promise.all(
    Array.from({ length: 8 }, () =>
      t.http().post(`/api/v1/bookings/${id}/approve`).set('Authorization', staff).send({}),
    ),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  expect(await t.db.model(BookingEventModel).countDocuments({ bookingId: id, action: 'approve' })).toBe(1);
}, 60_000);
