import { startApp, type TestApp } from '../support/app';
import { PersonTimeModel, SeatModel, WaitlistModel } from '../../cloud/src/activities/claim.model';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid, unclaim } from './activities_support';

let t: TestApp;
let staff: string;
let volunteer: string;
let resident: string;
let resident2: string;
let partyMember: string;
let activity: string;
beforeAll(async () => {
  t = await startApp(__filename);
  [staff, volunteer, resident, resident2, partyMember] = await Promise.all(
    ['staff', 'volunteer', 'resident', 'resident2', 'partyMember'].map((a) => t.signIn(a)),
  );
  activity = await newActivity(t, staff, {
    title: '美丽家园创卫行·认领测试',
    brand: 'cleanHome',
    categoryCode: 'sanitation',
  });
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

const shiftOn = (day: number, from: number, to: number, seats: number, cutoffHours?: number) =>
  newShift(t, staff, activity, {
    start: chinaAt(day, from),
    end: chinaAt(day, to),
    seats,
    ...(cutoffHours === undefined ? {} : { cutoffHours }),
  });

test('a volunteer claims a seat; claiming again returns the same seat', async () => {
  const shift = await shiftOn(2, 9, 11, 3);
  const first = await claim(t, volunteer, shift);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ shiftId: shift, status: 'seated', waitlistPosition: null });
  expect(first.body.seatNo).toBeGreaterThanOrEqual(1);
  expect(first.body.seatNo).toBeLessThanOrEqual(3);
  const again = await claim(t, volunteer, shift);
  expect(again.body).toEqual(first.body);
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: shift })).toBe(1);
  // 2 hours of time reserved: 8 quarter-hour buckets.
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: shift, personId: uid('volunteer') })).toBe(8);

  const detail = await t.http().get(`/api/v1/activities/${activity}`).set('Authorization', volunteer);
  const mine = detail.body.shifts.find((s: { id: string }) => s.id === shift);
  expect(mine).toMatchObject({ taken: 1, free: 2, myClaim: { seatNo: first.body.seatNo }, myWaitlist: null });

  const my = await t.http().get('/api/v1/me/shifts').set('Authorization', volunteer);
  expect(my.status).toBe(200);
  expect(my.body.items).toEqual([
    expect.objectContaining({
      shiftId: shift,
      status: 'seated',
      seatNo: first.body.seatNo,
      checkInAt: null,
      confirmedMinutes: null,
    }),
  ]);
  expect(my.body.items[0].activity).toMatchObject({ id: activity, brandName: '美丽家园创卫行' });
});

test('a claim can be cancelled before the cut-off: the seat and the time are freed', async () => {
  const shift = await shiftOn(3, 9, 11, 2);
  await claim(t, resident, shift);
  const res = await unclaim(t, resident, shift);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ shiftId: shift, released: 'seat' });
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: shift })).toBe(0);
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: shift })).toBe(0);
  expect((await unclaim(t, resident, shift)).status).toBe(404);
});

test('after the cut-off a seat can be neither cancelled nor claimed, with the deadline in Chinese', async () => {
  const shift = await shiftOn(3, 14, 16, 2, 3);
  await claim(t, resident, shift);
  await setNow(t, chinaAt(3, 11, 30)); // 30 minutes past the 3-hour cut-off
  const cancel = await unclaim(t, resident, shift);
  expect(cancel.status).toBe(409);
  expect(cancel.body.code).toBe('CUTOFF_PASSED');
  expect(cancel.body.message).toMatch(/已过取消截止时间.*11:00.*开始前 3 小时/);
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: shift })).toBe(1);

  const late = await claim(t, volunteer, shift);
  expect(late.status).toBe(409);
  expect(late.body.code).toBe('CUTOFF_PASSED');
  expect(late.body.message).toContain('截止认领');

  await setNow(t, chinaAt(3, 10, 45));
  expect((await unclaim(t, resident, shift)).status).toBe(200);
});

test('a full shift puts people on the waitlist in order; a cancel promotes the first and tells them', async () => {
  const shift = await shiftOn(4, 9, 11, 1);
  expect((await claim(t, volunteer, shift)).body.status).toBe('seated');
  const r1 = await claim(t, resident, shift);
  expect(r1.body).toEqual({ shiftId: shift, status: 'waitlisted', seatNo: null, waitlistPosition: 1 });
  const r2 = await claim(t, partyMember, shift, { wait: true });
  expect(r2.body.waitlistPosition).toBe(2);
  const refused = await claim(t, resident2, shift, { wait: false });
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('CAPACITY_FULL');
  expect(await t.db.model(WaitlistModel).countDocuments({ shiftId: shift })).toBe(2);
  // Claiming again while waiting keeps the place.
  expect((await claim(t, resident, shift)).body.waitlistPosition).toBe(1);

  expect((await unclaim(t, volunteer, shift)).status).toBe(200);
  const seats = await t.db.model(SeatModel).find({ shiftId: shift }).lean();
  expect(seats.map((s) => String(s.personId))).toEqual([uid('resident')]);
  const detail = await t.http().get(`/api/v1/activities/${activity}`).set('Authorization', partyMember);
  expect(detail.body.shifts.find((s: { id: string }) => s.id === shift)).toMatchObject({
    taken: 1,
    free: 0,
    waiting: 1,
    myWaitlist: { position: 1 },
  });
  const notes = await t.db
    .model(NotificationModel)
    .find({ userId: uid('resident'), kind: 'seatPromoted' })
    .lean();
  expect(notes).toHaveLength(1);
  expect(notes[0].text).toContain('已为您自动认领');
  expect(notes[0].refs).toEqual({ activityId: activity, shiftId: shift });
  expect(await t.db.model(NotificationModel).countDocuments({ userId: uid('partyMember'), kind: 'seatPromoted' })).toBe(
    0,
  );

  // Leaving the waitlist is allowed at any time.
  const leave = await unclaim(t, partyMember, shift);
  expect(leave.body).toEqual({ shiftId: shift, released: 'waitlist' });
  expect(await t.db.model(WaitlistModel).countDocuments({ shiftId: shift })).toBe(0);
});

test('one person is never in two overlapping shifts; the refusal names the clashing time', async () => {
  const morning = await shiftOn(5, 9, 11, 2);
  const overlapping = await shiftOn(5, 10, 12, 2);
  const after = await shiftOn(5, 11, 12, 2);
  expect((await claim(t, resident2, morning)).body.status).toBe('seated');
  const clash = await claim(t, resident2, overlapping);
  expect(clash.status).toBe(409);
  expect(clash.body.code).toBe('TIME_CLASH');
  expect(clash.body.message).toMatch(/09:00–11:00.*美丽家园创卫行·认领测试/);
  expect(await t.db.model(SeatModel).countDocuments({ shiftId: overlapping })).toBe(0);
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: overlapping })).toBe(0);
  // Back to back is not an overlap.
  expect((await claim(t, resident2, after)).body.status).toBe('seated');
  // Once the first is given back, the overlapping one can be taken.
  await unclaim(t, resident2, morning);
  await unclaim(t, resident2, after);
  expect((await claim(t, resident2, overlapping)).body.status).toBe('seated');
});

test('promotion skips a waiting person whose time now clashes, and seats the next', async () => {
  const full = await shiftOn(6, 9, 11, 1);
  const other = await shiftOn(6, 10, 12, 3);
  await claim(t, volunteer, full);
  expect((await claim(t, resident, full)).body.status).toBe('waitlisted');
  expect((await claim(t, partyMember, full)).body.status).toBe('waitlisted');
  expect((await claim(t, resident, other)).body.status).toBe('seated');

  await unclaim(t, volunteer, full);
  const seats = await t.db.model(SeatModel).find({ shiftId: full }).lean();
  expect(seats.map((s) => String(s.personId))).toEqual([uid('partyMember')]);
  expect((await claim(t, resident, full)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
});

test('my shifts separate upcoming and past', async () => {
  const shift = await shiftOn(7, 9, 10, 2);
  await claim(t, resident2, shift);
  const upcoming = await t.http().get('/api/v1/me/shifts?when=upcoming').set('Authorization', resident2);
  expect(upcoming.body.items.map((s: { shiftId: string }) => s.shiftId)).toContain(shift);
  const past = await t.http().get('/api/v1/me/shifts?when=past').set('Authorization', resident2);
  expect(past.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  await setNow(t, chinaAt(8, 9));
  const later = await t.http().get('/api/v1/me/shifts?when=past').set('Authorization', resident2);
  expect(later.body.items.map((s: { shiftId: string }) => s.shiftId)).toContain(shift);
});
