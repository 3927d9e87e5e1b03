import { startApp, type TestApp } from '../support/app';
import { AttendanceModel, ServiceRecordModel } from '../../cloud/src/activities/attendance.model';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';

let t: TestApp;
let staff: string;
let volunteer: string;
let partyMember: string;
let resident: string;
let resident2: string;
let shift: string;
let other: string;
beforeAll(async () => {
  t = await startApp(__filename);
  [staff, volunteer, partyMember, resident, resident2] = await Promise.all(
    ['staff', 'volunteer', 'partyMember', 'resident', 'resident2'].map((a) => t.signIn(a)),
  );
  const activity = await newActivity(t, staff, {
    title: '法律援助进社区·签到测试',
    brand: 'legalAid',
    categoryCode: 'legalAid',
  });
  shift = await newShift(t, staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 5 });
  other = await newShift(t, staff, activity, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 5 });
  for (const who of [volunteer, partyMember, resident2])
    expect((await claim(t, who, shift)).body.status).toBe('seated');
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

async function codeAt(
  iso: string,
  id = shift,
): Promise<{ code: string; token: string; qrImage: string; refreshAt: string; expiresAt: string }> {
  await setNow(t, iso);
  const res = await t.http().get(`/api/v1/shifts/${id}/code`).set('Authorization', staff);
  expect(res.status).toBe(200);
  return res.body;
}

const mark = (who: string, kind: 'check-in' | 'check-out', code: string, id = shift) =>
  t
    .http()
    .post(`/api/v1/shifts/${id}/${kind}`)
    .set('Authorization', who)
    .send(/^\d{6}$/.test(code) ? { code } : { token: code });

test('the organiser gets a QR image of a signed token and a 6-digit code that change every 5 minutes', async () => {
  const a = await codeAt(chinaAt(2, 8, 40));
  expect(a.token).toMatch(/^gzqd1\.[A-Za-z0-9_-]{43}$/);
  expect(a.token).not.toContain(shift); // no raw internal id in the QR code
  expect(a.qrImage).toMatch(/^data:image\/png;base64,/);
  expect(a.code).toMatch(/^\d{6}$/);
  expect(a.refreshAt).toBe(chinaAt(2, 8, 45));
  expect(a.expiresAt).toBe(chinaAt(2, 8, 50));
  const sameWindow = await codeAt(chinaAt(2, 8, 44));
  expect(sameWindow.code).toBe(a.code);
  const next = await codeAt(chinaAt(2, 8, 45));
  const otherShift = await codeAt(chinaAt(2, 8, 45), other);
  expect(new Set([a.code, next.code, otherShift.code]).size).toBe(3);
});

test('check-in is open from 30 minutes before the start; a wrong or expired code is refused', async () => {
  const early = await codeAt(chinaAt(2, 8, 25));
  const tooEarly = await mark(volunteer, 'check-in', early.code);
  expect(tooEarly.status).toBe(409);
  expect(tooEarly.body.code).toBe('CHECKIN_CLOSED');
  expect(tooEarly.body.message).toContain('08:30');

  const { code, token } = await codeAt(chinaAt(2, 8, 40));
  const wrong = await mark(volunteer, 'check-in', code === '000000' ? '000001' : '000000');
  expect(wrong.status).toBe(400);
  expect(wrong.body.code).toBe('CHECKIN_CODE_INVALID');

  await setNow(t, chinaAt(2, 8, 50)); // two windows on: expired
  const expired = await mark(volunteer, 'check-in', code);
  expect(expired.status).toBe(400);
  expect(expired.body.code).toBe('CHECKIN_CODE_INVALID');
  expect(await t.db.model(AttendanceModel).countDocuments({ shiftId: shift })).toBe(0);

  await setNow(t, chinaAt(2, 8, 49)); // the previous window's code is still good
  const ok = await mark(volunteer, 'check-in', token);
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ shiftId: shift, kind: 'checkIn', shortStay: null });
  expect(ok.body.at.slice(0, 16)).toBe(chinaAt(2, 8, 49).slice(0, 16));
});

test('checking in twice is harmless: the second answer is the first record', async () => {
  const { code } = await codeAt(chinaAt(2, 9, 5));
  const first = await mark(partyMember, 'check-in', code);
  expect(first.status).toBe(200);
  await setNow(t, chinaAt(2, 9, 7));
  const second = await mark(partyMember, 'check-in', code);
  expect(second.status).toBe(200);
  expect(second.body).toEqual(first.body);
  const both = await Promise.all([mark(resident2, 'check-in', code), mark(resident2, 'check-in', code)]);
  expect(both.map((r) => r.status)).toEqual([200, 200]);
  expect(both[0].body).toEqual(both[1].body);
  expect(await t.db.model(AttendanceModel).countDocuments({ shiftId: shift, kind: 'checkIn' })).toBe(3);
});

test('only a seat holder checks in, and checks out only after checking in', async () => {
  const { code } = await codeAt(chinaAt(2, 9, 30));
  const stranger = await mark(resident, 'check-in', code);
  expect(stranger.status).toBe(409);
  expect(stranger.body.message).toContain('没有认领');
  expect((await claim(t, resident, other)).body.status).toBe('seated');
  const next = await codeAt(chinaAt(3, 9, 5), other);
  const notIn = await mark(resident, 'check-out', next.code, other);
  expect(notIn.status).toBe(409);
  expect(notIn.body.message).toBe('请先签到再签退');
});

test('check-out closes 30 minutes after the end; a repeat is harmless', async () => {
  const { code } = await codeAt(chinaAt(2, 11, 10));
  const out = await mark(volunteer, 'check-out', code);
  expect(out.status).toBe(200);
  expect(out.body.kind).toBe('checkOut');
  expect((await mark(volunteer, 'check-out', code)).body).toEqual(out.body);

  const late = await codeAt(chinaAt(2, 11, 35));
  const closed = await mark(partyMember, 'check-out', late.code);
  expect(closed.status).toBe(409);
  expect(closed.body.code).toBe('CHECKIN_CLOSED');
});

test('the organiser confirms hours once per person: check-out minus check-in, rounded down, capped at the shift', async () => {
  await setNow(t, chinaAt(2, 8));
  const early = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('volunteer') });
  expect(early.status).toBe(409);

  await setNow(t, chinaAt(2, 12));
  // Volunteer: in 08:49, out 11:10 → 141 min → 135 → capped at the 120-minute shift.
  const res = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('volunteer') });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    shiftId: shift,
    personId: uid('volunteer'),
    minutes: 120,
    confirmedBy: uid('staff'),
  });
  expect(res.body.checkInAt).not.toBeNull();
  const again = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('volunteer'), minutes: 60 });
  expect(again.status).toBe(409);
  expect(again.body.message).toContain('120 分钟');

  // Party member checked in but never out: minutes must be given, within the shift's length.
  const missing = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('partyMember') });
  expect(missing.status).toBe(409);
  const tooLong = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('partyMember'), minutes: 150 });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.fields).toEqual([{ path: 'body.minutes', message: '不能超过班次时长 120 分钟' }]);
  const given = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('partyMember'), minutes: 90 });
  expect(given.body.minutes).toBe(90);

  // Two organisers confirming at once: one record.
  const race = await Promise.all(
    [45, 60, 75, 90, 105].map((minutes) =>
      t
        .http()
        .post(`/api/v1/shifts/${shift}/confirm-hours`)
        .set('Authorization', staff)
        .send({ personId: uid('resident2'), minutes }),
    ),
  );
  expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
  expect(await t.db.model(ServiceRecordModel).countDocuments({ shiftId: shift, personId: uid('resident2') })).toBe(1);

  const notHolder = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('resident'), minutes: 30 });
  expect(notHolder.status).toBe(404);

  const mine = await t.http().get('/api/v1/me/shifts?when=past').set('Authorization', volunteer);
  expect(mine.body.items[0]).toMatchObject({
    shiftId: shift,
    confirmedMinutes: 120,
    checkOutAt: expect.any(String),
    checkInAt: expect.any(String),
  });
});
