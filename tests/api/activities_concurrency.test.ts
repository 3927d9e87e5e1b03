import { startApp, type TestApp } from '../support/app';
import { PersonTimeModel, SeatModel, WaitlistModel } from '../../cloud/src/activities/claim.model';
import { chinaAt, claim, manyVolunteers, newActivity, newShift } from './activities_support';

// The claim rules hold under concurrency only through unique-index inserts (FerretDB updates are not atomic).

let t: TestApp;
let staff: string;
let activity: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
  activity = await newActivity(t, staff, { title: '文明交通引导·并发测试' });
});
afterAll(() => t.close());

test('200 people claiming a 10-seat shift at once: exactly 10 seats, each person told why not', async () => {
  const shift = await newShift(t, staff, activity, { start: chinaAt(3, 7), end: chinaAt(3, 9), seats: 10 });
  const people = await manyVolunteers(t, 200, '并发');
  // Half of them would rather hear "full" than wait.
  const results = await Promise.all(people.map((p, i) => claim(t, p.auth, shift, { wait: i % 2 === 0 })));

  const seated = results.filter((r) => r.status === 200 && r.body.status === 'seated');
  const waiting = results.filter((r) => r.status === 200 && r.body.status === 'waitlisted');
  const full = results.filter((r) => r.status === 409);
  expect(seated.length).toBe(10);
  expect(waiting.length + full.length).toBe(190);
  expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
  for (const r of full)
    expect(r.body).toMatchObject({ code: 'CAPACITY_FULL', message: expect.stringContaining('名额已满') });
  // Only those who asked not to wait were refused; everyone else who got no seat is on the waitlist.
  results.forEach((r, i) => {
    if (r.status === 409) expect(i % 2).toBe(1);
  });
  for (const r of waiting) expect(r.body.waitlistPosition).toBeGreaterThanOrEqual(1);
  const waitingIds = people.filter((_, i) => results[i].body.status === 'waitlisted').map((p) => p.id);
  const list = await t.db.model(WaitlistModel).find({ shiftId: shift }).lean();
  expect(new Set(list.map((w) => String(w.personId)))).toEqual(new Set(waitingIds));

  const seats = await t.db.model(SeatModel).find({ shiftId: shift }).lean();
  expect(seats).toHaveLength(10);
  expect(new Set(seats.map((s) => s.seatNo))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  expect(new Set(seats.map((s) => String(s.personId))).size).toBe(10);
  const seatedIds = people.filter((_, i) => results[i].body.status === 'seated').map((p) => p.id);
  expect(new Set(seats.map((s) => String(s.personId)))).toEqual(new Set(seatedIds));
  expect(list).toHaveLength(waiting.length);
  // Each seat holder has the shift's 8 quarter hours reserved; nobody else has any.
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: shift })).toBe(80);

  const detail = await t.http().get(`/api/v1/activities/${activity}`).set('Authorization', people[0].auth);
  expect(detail.body.shifts[0]).toMatchObject({ seats: 10, taken: 10, free: 0, waiting: waiting.length });
});

test('one person firing 20 claims at once gets one seat', async () => {
  const shift = await newShift(t, staff, activity, { start: chinaAt(4, 7), end: chinaAt(4, 9), seats: 5 });
  const [person] = await manyVolunteers(t, 1, '连点');
  const results = await Promise.all(Array.from({ length: 20 }, () => claim(t, person.auth, shift)));
  expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
  const seats = await t.db.model(SeatModel).find({ shiftId: shift }).lean();
  expect(seats).toHaveLength(1);
  expect(results.every((r) => r.body.status === 'seated' && r.body.seatNo === seats[0].seatNo)).toBe(true);
  expect(await t.db.model(PersonTimeModel).countDocuments({ shiftId: shift })).toBe(8);
});

test('one person claiming two overlapping shifts at once gets only one of them', async () => {
  for (let round = 0; round < 5; round++) {
    const a = await newShift(t, staff, activity, {
      start: chinaAt(5 + round, 9),
      end: chinaAt(5 + round, 11),
      seats: 3,
    });
    const b = await newShift(t, staff, activity, {
      start: chinaAt(5 + round, 10),
      end: chinaAt(5 + round, 12),
      seats: 3,
    });
    const [person] = await manyVolunteers(t, 1, `重叠${round}`);
    const [ra, rb] = await Promise.all([claim(t, person.auth, a), claim(t, person.auth, b)]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.body.code).toBe('TIME_CLASH');
    expect(await t.db.model(SeatModel).countDocuments({ personId: person.id })).toBe(1);
    const winner = ra.status === 200 ? a : b;
    const times = await t.db.model(PersonTimeModel).find({ personId: person.id }).lean();
    expect(times).toHaveLength(8);
    expect(times.every((x) => String(x.shiftId) === winner)).toBe(true);
  }
});
