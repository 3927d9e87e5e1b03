import {
  daySlots,
  formatSlotTime,
  isWithinHours,
  isoWeekday,
  localDateOf,
  rangeSlotStarts,
  slotRun,
} from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import {
  DOCTOR,
  HALL,
  HEALTH,
  ROOM,
  SOUND,
  XISHAN_ROOM,
  at,
  dayAhead,
  seedDemoResources,
  weekdayAhead,
} from './resources_support';

let t: TestApp;
let resident: string, resident2: string, staff: string, staff2: string;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, resident2, staff, staff2] = await Promise.all(
    ['resident', 'resident2', 'staff', 'staff2'].map((a) => t.signIn(a)),
  );
});
afterAll(() => t.close());

const slotsOf = (id: string, date: string, who = resident) =>
  t.http().get(`/api/v1/resources/${id}/slots?date=${date}`).set('Authorization', who);
const book = (who: string, resourceId: string, start: string, slots = 1) =>
  t
    .http()
    .post('/api/v1/bookings')
    .set('Authorization', who)
    .send({ resourceId, start, slots, purpose: '居民活动', attendees: 10 });

describe('the shared slot calculation (also used by the mini-program calendar)', () => {
  const daily = (open: string, close: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open, close }));

  test('slots fill each opening range back to back, on the hour when that fits as many', () => {
    const hours = daily('08:30', '21:00');
    expect(daySlots(hours, 60, '2026-11-05').map((s) => s.label)).toEqual([
      '09:00–10:00',
      '10:00–11:00',
      '11:00–12:00',
      '12:00–13:00',
      '13:00–14:00',
      '14:00–15:00',
      '15:00–16:00',
      '16:00–17:00',
      '17:00–18:00',
      '18:00–19:00',
      '19:00–20:00',
      '20:00–21:00',
    ]);
    expect(daySlots(hours, 30, '2026-11-05')).toHaveLength(25);
    expect(daySlots(hours, 30, '2026-11-05')[0].label).toBe('08:30–09:00');
    expect(daySlots(hours, 120, '2026-11-05').map((s) => s.label)).toEqual([
      '09:00–11:00',
      '11:00–13:00',
      '13:00–15:00',
      '15:00–17:00',
      '17:00–19:00',
      '19:00–21:00',
    ]);
    // a range that only fits from its opening time keeps it
    expect(rangeSlotStarts({ open: '16:30', close: '18:30' }, 120)).toEqual([990]);
    expect(rangeSlotStarts({ open: '14:30', close: '17:30' }, 60)).toEqual([870, 930, 990]);
  });

  test('times are Asia/Shanghai, instants UTC; weekdays are ISO (1 = Monday)', () => {
    const [first] = daySlots(daily('08:30', '21:00'), 60, '2026-11-05');
    expect(first.start).toBe('2026-11-05T01:00:00.000Z');
    expect(first.end).toBe('2026-11-05T02:00:00.000Z');
    expect(isoWeekday('2024-01-01')).toBe(1);
    expect(isoWeekday('2024-01-07')).toBe(7);
    expect(localDateOf('2026-11-04T16:30:00Z')).toBe('2026-11-05'); // 00:30 local, the next day
    expect(formatSlotTime('2026-11-05T11:00:00Z', '2026-11-05T12:00:00Z')).toBe('11月5日 19:00–20:00');
    expect(formatSlotTime('2026-11-05T15:00:00Z', '2026-11-05T16:00:00Z')).toBe('11月5日 23:00–24:00');
  });

  test("only the weekday's own ranges count; a lunch break splits runs of slots", () => {
    const hours = [
      { weekday: 1, open: '08:30', close: '12:00' },
      { weekday: 1, open: '14:30', close: '17:30' },
    ];
    expect(daySlots(hours, 60, '2024-01-01').map((s) => s.label)).toEqual([
      '09:00–10:00',
      '10:00–11:00',
      '11:00–12:00',
      '14:30–15:30',
      '15:30–16:30',
      '16:30–17:30',
    ]);
    expect(daySlots(hours, 60, '2024-01-02')).toEqual([]); // Tuesday: closed
    expect(slotRun(hours, 60, '2024-01-01T10:00:00+08:00', 2)?.map((s) => s.label)).toEqual([
      '10:00–11:00',
      '11:00–12:00',
    ]);
    expect(slotRun(hours, 60, '2024-01-01T11:00:00+08:00', 2)).toBeNull(); // across the lunch break
    expect(slotRun(hours, 60, '2024-01-01T09:30:00+08:00', 1)).toBeNull(); // not the start of a slot
    expect(isWithinHours(hours, '2024-01-01T15:00:00+08:00', '2024-01-01T16:00:00+08:00')).toBe(true);
    expect(isWithinHours(hours, '2024-01-01T11:30:00+08:00', '2024-01-01T12:30:00+08:00')).toBe(false);
  });
});

test("a day's slots come within the opening hours, all free on a quiet day", async () => {
  const date = dayAhead(10);
  const res = await slotsOf(ROOM, date);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ resourceId: ROOM, date, slotMinutes: 60, weekday: isoWeekday(date) });
  expect(res.body.slots).toHaveLength(12);
  expect(res.body.slots[0]).toEqual({
    start: new Date(at(date, '09:00')).toISOString(),
    end: new Date(at(date, '10:00')).toISOString(),
    label: '09:00–10:00',
    status: 'free',
  });
  expect(res.body.slots.every((s: { status: string }) => s.status === 'free')).toBe(true);

  const sound = await slotsOf(SOUND, date);
  expect(sound.body.slots.map((s: { label: string }) => s.label)).toEqual([
    '09:00–11:00',
    '11:00–13:00',
    '13:00–15:00',
    '15:00–17:00',
    '17:00–19:00',
    '19:00–21:00',
  ]);
});

test('a closed day has no slots; past days show every slot as past', async () => {
  const monday = weekdayAhead(5, [1]);
  const hall = await slotsOf(HALL, monday);
  expect(hall.status).toBe(200);
  expect(hall.body.slots).toEqual([]);
  const weekday = weekdayAhead(5, [2]);
  expect((await slotsOf(HALL, weekday)).body.slots.map((s: { label: string }) => s.label)).toEqual([
    '09:00–10:00',
    '10:00–11:00',
    '11:00–12:00',
    '14:00–15:00',
    '15:00–16:00',
    '16:00–17:00',
    '17:00–18:00',
  ]);
  const past = await slotsOf(ROOM, dayAhead(-3));
  expect(past.body.slots).toHaveLength(12);
  expect(past.body.slots.every((s: { status: string }) => s.status === 'past')).toBe(true);
});

test('booked slots show as taken to everyone, and free again once the booking is cancelled', async () => {
  const date = dayAhead(11);
  const one = await book(resident, ROOM, at(date, '19:00'));
  expect(one.status).toBe(200);
  const two = await book(resident, ROOM, at(date, '09:00'), 3);
  expect(two.status).toBe(200);

  const seen = await slotsOf(ROOM, date, resident2);
  const taken = seen.body.slots
    .filter((s: { status: string }) => s.status === 'taken')
    .map((s: { label: string }) => s.label);
  expect(taken).toEqual(['09:00–10:00', '10:00–11:00', '11:00–12:00', '19:00–20:00']);
  // another day and another resource are not affected
  expect((await slotsOf(ROOM, dayAhead(12))).body.slots.every((s: { status: string }) => s.status === 'free')).toBe(
    true,
  );
  expect((await slotsOf(SOUND, date)).body.slots.every((s: { status: string }) => s.status === 'free')).toBe(true);

  await t.http().post(`/api/v1/bookings/${two.body.id}/cancel`).set('Authorization', resident).send({});
  const after = await slotsOf(ROOM, date, resident2);
  expect(
    after.body.slots.filter((s: { status: string }) => s.status === 'taken').map((s: { label: string }) => s.label),
  ).toEqual(['19:00–20:00']);
});

test('changing the slot length keeps booked time taken: bookings hold half-hour cells', async () => {
  const date = dayAhead(13);
  expect((await book(resident, ROOM, at(date, '19:00'))).status).toBe(200);
  const shorter = await t
    .http()
    .patch(`/api/v1/resources/${ROOM}`)
    .set('Authorization', staff)
    .send({ slotMinutes: 30 });
  expect(shorter.status).toBe(200);
  try {
    const slots = (await slotsOf(ROOM, date)).body.slots;
    expect(slots).toHaveLength(25);
    const taken = slots.filter((s: { status: string }) => s.status === 'taken').map((s: { label: string }) => s.label);
    expect(taken).toEqual(['19:00–19:30', '19:30–20:00']);
    const clash = await book(resident2, ROOM, at(date, '19:30'));
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'SLOT_TAKEN' });
    expect(clash.body.message).toContain('19:30–20:00');
    expect((await book(resident2, ROOM, at(date, '20:00'))).status).toBe(200);
  } finally {
    await t.http().patch(`/api/v1/resources/${ROOM}`).set('Authorization', staff).send({ slotMinutes: 60 });
  }
});

test("the demo's approved booking tomorrow 19:00 in the activity room shows as taken to another resident", async () => {
  const res = await slotsOf(ROOM, dayAhead(1), resident2);
  const at19 = res.body.slots.find((s: { label: string }) => s.label === '19:00–20:00');
  expect(at19.status).toBe('taken');
  const again = await book(resident2, ROOM, at(dayAhead(1), '19:00'));
  expect(again.status).toBe(409);
  expect(again.body.message).toMatch(/^\d+月\d+日 19:00–20:00 已被预约，请选择其他时段$/);
});

test('slots of a person, of another street, or of a bad date are refused', async () => {
  const person = await slotsOf(DOCTOR, dayAhead(10));
  expect(person.status).toBe(400);
  expect(person.body.fields).toEqual([{ path: 'params.id', message: '该资源不接受预约' }]);
  expect((await slotsOf(XISHAN_ROOM, dayAhead(10))).status).toBe(404);
  expect((await slotsOf(XISHAN_ROOM, weekdayAhead(10, [1]), staff2)).body.slots).toHaveLength(17); // 09:00–17:30 in 30 min
  const bad = await slotsOf(ROOM, '2026-02-30');
  expect(bad.status).toBe(400);
  expect(bad.body.fields).toEqual([{ path: 'query.date', message: '不是有效的日期' }]);
  const missing = await t.http().get(`/api/v1/resources/${ROOM}/slots`).set('Authorization', resident);
  expect(missing.status).toBe(400);
  expect(missing.body.fields[0].path).toBe('query.date');
  expect((await slotsOf(HEALTH, weekdayAhead(10, [6]))).body.slots).toEqual([]); // the hospital room is closed at weekends
});
