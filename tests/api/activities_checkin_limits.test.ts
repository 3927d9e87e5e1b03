import { startApp, type TestApp } from '../support/app';
import { AttendanceModel } from '../../cloud/src/activities/attendance.model';
import { RATE_LIMIT_RULES } from '../../cloud/src/core/rate-limits';
import { chinaAt, claim, clockOf, manyVolunteers, newActivity, newShift, setNow } from './activities_support';

// 签到码 under attack, with the production limits (RATE_LIMIT_SCALE=1): two codes are valid out of a
// million at any time, so guesses are few per person and per shift, and a lockout holds even the
// right code; the code counts only inside the shift's time window.
let t: TestApp;
let staff: string;
let shift: string;
let crowdShift: string;
let people: { id: string; auth: string }[];
let crowd: { id: string; auth: string }[];
beforeAll(async () => {
  t = await startApp(__filename, { RATE_LIMIT_SCALE: '1' });
  staff = await t.signIn('staff');
  const activity = await newActivity(t, staff, { title: '义诊·签到限流测试' });
  shift = await newShift(t, staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 10 });
  crowdShift = await newShift(t, staff, activity, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 10 });
  people = await manyVolunteers(t, 4, '签到');
  crowd = await manyVolunteers(t, 8, '人群');
  for (const p of people) expect((await claim(t, p.auth, shift)).body.status).toBe('seated');
  for (const p of crowd) expect((await claim(t, p.auth, crowdShift)).body.status).toBe('seated');
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

async function codeAt(iso: string, id = shift): Promise<string> {
  await setNow(t, iso);
  const res = await t.http().get(`/api/v1/shifts/${id}/code`).set('Authorization', staff);
  expect(res.status).toBe(200);
  return res.body.code;
}
const wrongFor = (code: string) => (code === '000000' ? '000001' : '000000');
const mark = (who: string, kind: 'check-in' | 'check-out', code: string, id = shift) =>
  t.http().post(`/api/v1/shifts/${id}/${kind}`).set('Authorization', who).send({ code });

test('five wrong codes lock the person out for 15 minutes: the right code is refused, others check in', async () => {
  const [guesser, other] = people;
  const code = await codeAt(chinaAt(2, 8, 45));
  const { points, lockSeconds } = RATE_LIMIT_RULES.checkInPerson;
  for (let i = 0; i < points; i++) {
    const wrong = await mark(guesser.auth, 'check-in', wrongFor(code));
    expect([wrong.status, wrong.body.code]).toEqual([400, 'CHECKIN_CODE_INVALID']);
  }
  const right = await mark(guesser.auth, 'check-in', code);
  expect([right.status, right.body.code]).toEqual([429, 'RATE_LIMITED']);
  expect(right.body.message).toBe('签到码输错次数过多，请 15 分钟后再试');
  expect(Number(right.headers['retry-after'])).toBe(lockSeconds);
  const stillLocked = await mark(guesser.auth, 'check-in', code);
  expect(stillLocked.status).toBe(429);
  expect(Number(stillLocked.headers['retry-after'])).toBeGreaterThan(lockSeconds - 60);
  expect(await t.db.model(AttendanceModel).countDocuments({ personId: guesser.id })).toBe(0);

  expect((await mark(other.auth, 'check-in', code)).status).toBe(200);
});

test('a right code gives its attempt back: only wrong codes add up to a lockout', async () => {
  const person = people[2];
  const code = await codeAt(chinaAt(2, 8, 50));
  for (let i = 0; i < RATE_LIMIT_RULES.checkInPerson.points - 1; i++)
    expect((await mark(person.auth, 'check-in', wrongFor(code))).status).toBe(400);
  expect((await mark(person.auth, 'check-in', code)).status).toBe(200);
  const out = await codeAt(chinaAt(2, 11, 5));
  expect((await mark(person.auth, 'check-out', out)).status).toBe(200);
});

test('40 wrong codes at once: at most five are even judged', async () => {
  const person = people[3];
  const code = await codeAt(chinaAt(2, 9, 10));
  const burst = await Promise.all(Array.from({ length: 40 }, () => mark(person.auth, 'check-in', wrongFor(code))));
  const judged = burst.filter((r) => r.status === 400);
  expect(judged.length).toBeLessThanOrEqual(RATE_LIMIT_RULES.checkInPerson.points);
  expect(burst.filter((r) => r.status === 429)).toHaveLength(40 - judged.length);
  expect((await mark(person.auth, 'check-in', code)).status).toBe(429);
});

test('a shift takes 30 wrong codes in all, then locks for everyone on it for 10 minutes', async () => {
  const code = await codeAt(chinaAt(3, 8, 45), crowdShift);
  const { points } = RATE_LIMIT_RULES.checkInShift;
  const guessers = crowd.slice(0, 6); // five wrong codes each: the shift's 30
  let wrong = 0;
  for (const g of guessers)
    for (let i = 0; i < RATE_LIMIT_RULES.checkInPerson.points && wrong < points; i++, wrong++)
      expect((await mark(g.auth, 'check-in', wrongFor(code), crowdShift)).status).toBe(400);
  expect(wrong).toBe(points);
  const honest = crowd[7];
  const refused = await mark(honest.auth, 'check-in', code, crowdShift);
  expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
  expect(refused.body.message).toBe('本班次签到码输错次数过多，请 10 分钟后再试');
  expect(Number(refused.headers['retry-after'])).toBe(RATE_LIMIT_RULES.checkInShift.lockSeconds);
  // The lockout of the shift is no guess of the honest person's: their own attempts are untouched.
  expect(await t.db.model(AttendanceModel).countDocuments({ shiftId: crowdShift })).toBe(0);
  // Another shift is not locked.
  const other = await codeAt(chinaAt(2, 9, 20));
  expect((await mark(people[1].auth, 'check-out', other)).status).toBe(200);
});

test('the code counts only in the shift window: no check-in long before it, no check-out before it starts', async () => {
  const activity = await newActivity(t, staff, { title: '义诊·签到时段测试' });
  const id = await newShift(t, staff, activity, { start: chinaAt(4, 9), end: chinaAt(4, 11), seats: 2 });
  const [p] = await manyVolunteers(t, 1, '时段');
  expect((await claim(t, p.auth, id)).body.status).toBe('seated');

  const longBefore = await codeAt(chinaAt(4, 8, 20), id);
  const early = await mark(p.auth, 'check-in', longBefore, id);
  expect([early.status, early.body.code]).toEqual([409, 'CHECKIN_CLOSED']);
  expect(early.body.message).toContain('签到时间为');

  const before = await codeAt(chinaAt(4, 8, 40), id);
  expect((await mark(p.auth, 'check-in', before, id)).status).toBe(200);
  const outEarly = await mark(p.auth, 'check-out', before, id);
  expect([outEarly.status, outEarly.body.code]).toEqual([409, 'CHECKIN_CLOSED']);
  expect(outEarly.body.message).toContain('签退时间为');
  expect(outEarly.body.message).toContain('09:00');
  expect(await t.db.model(AttendanceModel).countDocuments({ shiftId: id, kind: 'checkOut' })).toBe(0);

  const atStart = await codeAt(chinaAt(4, 9, 0), id);
  expect((await mark(p.auth, 'check-out', atStart, id)).status).toBe(200);
});
