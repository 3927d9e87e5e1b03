import { startApp, type TestApp } from '../support/app';
import { AttendanceModel } from '../../cloud/src/activities/attendance.model';
import { TOKEN_REFUSALS } from '../../cloud/src/activities/checkin-codes';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';

// Issue 16 (3): the QR code holds a signed, short-lived token; a short stay is accepted but flagged
// for staff; staff see before trying whether hours can be confirmed; the volunteer sees what waits.
let t: TestApp;
let staff: string;
let volunteer: string;
let partyMember: string;
let resident2: string;
let shift: string;
let other: string;
beforeAll(async () => {
  t = await startApp(__filename);
  [staff, volunteer, partyMember, resident2] = await Promise.all(
    ['staff', 'volunteer', 'partyMember', 'resident2'].map((a) => t.signIn(a)),
  );
  const activity = await newActivity(t, staff, { title: '文明交通引导·签到令牌测试' });
  shift = await newShift(t, staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 5 });
  other = await newShift(t, staff, activity, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 5 });
  for (const who of [volunteer, partyMember, resident2]) expect((await claim(t, who, shift)).status).toBe(200);
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

async function codeAt(iso: string, id = shift): Promise<{ code: string; token: string }> {
  await setNow(t, iso);
  const res = await t.http().get(`/api/v1/shifts/${id}/code`).set('Authorization', staff);
  expect(res.status).toBe(200);
  return res.body;
}
const send = (who: string, kind: 'check-in' | 'check-out', body: object, id = shift) =>
  t.http().post(`/api/v1/shifts/${id}/${kind}`).set('Authorization', who).send(body);
const roster = async () =>
  (await t.http().get(`/api/v1/shifts/${shift}/roster`).set('Authorization', staff)).body as {
    hoursConfirm: { open: boolean; reason: string | null };
    items: {
      personId: string;
      shortStay: { reason: string } | null;
      confirm: { allowed: boolean; needsMinutes: boolean; reason: string | null; suggestedMinutes: number | null };
    }[];
  };
const entryOf = async (account: string) => (await roster()).items.find((e) => e.personId === uid(account))!;
const myHours = async (who: string) => (await t.http().get('/api/v1/me/hours').set('Authorization', who)).body;

/** The token with its signed part changed and the signature kept, or its signature changed. */
function tampered(token: string, what: 'expiry' | 'signature'): string {
  const bytes = Buffer.from(token.slice('gzqd1.'.length), 'base64url');
  if (what === 'expiry') bytes.writeUInt32BE(bytes.readUInt32BE(12) + 3600, 12);
  else bytes[20] ^= 0x01;
  return `gzqd1.${bytes.toString('base64url')}`;
}

test('a scanned token checks in; another shift’s, a forged or an expired one is refused with a clear reason', async () => {
  const { token } = await codeAt(chinaAt(2, 8, 40));
  const { token: otherToken } = await codeAt(chinaAt(2, 8, 40), other);

  const wrongShift = await send(volunteer, 'check-in', { token: otherToken });
  expect([wrongShift.status, wrongShift.body.code]).toEqual([400, 'CHECKIN_CODE_INVALID']);
  expect(wrongShift.body.message).toBe(TOKEN_REFUSALS.otherShift);

  for (const forged of [tampered(token, 'signature'), tampered(token, 'expiry')]) {
    const res = await send(volunteer, 'check-in', { token: forged });
    expect([res.status, res.body.code, res.body.message]).toEqual([400, 'CHECKIN_CODE_INVALID', TOKEN_REFUSALS.forged]);
  }

  await setNow(t, chinaAt(2, 8, 50)); // 10 minutes after it was shown: expired
  const expired = await send(volunteer, 'check-in', { token });
  expect([expired.status, expired.body.message]).toEqual([400, TOKEN_REFUSALS.expired]);
  expect(await t.db.model(AttendanceModel).countDocuments({ shiftId: shift })).toBe(0);

  await setNow(t, chinaAt(2, 8, 49));
  const ok = await send(volunteer, 'check-in', { token });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ shiftId: shift, kind: 'checkIn', shortStay: null });
  expect((await send(volunteer, 'check-in', { token })).body).toEqual(ok.body);
});

test('a check-out after a short stay is accepted and flagged on the record and the roster; a full one is not', async () => {
  const before = await codeAt(chinaAt(2, 8, 54));
  expect((await send(partyMember, 'check-in', { code: before.code })).status).toBe(200);
  const { code } = await codeAt(chinaAt(2, 9, 10));
  const out = await send(partyMember, 'check-out', { code });
  expect(out.status).toBe(200);
  // Only the 10 minutes inside the 2-hour shift count: under half of it.
  expect(out.body.shortStay).toEqual({
    minutes: 10,
    neededMinutes: 60,
    reason: '活动期间只在岗 10 分钟，不到班次时长的一半，请核实后再确认时长',
  });
  const stored = await t.db
    .model(AttendanceModel)
    .findOne({ shiftId: shift, personId: uid('partyMember'), kind: 'checkOut' })
    .lean();
  expect(stored?.shortStay).toEqual({ minutes: 10, neededMinutes: 60 });

  const atStart = await codeAt(chinaAt(2, 8, 59));
  expect((await send(resident2, 'check-in', { code: atStart.code })).status).toBe(200);
  const later = await codeAt(chinaAt(2, 10, 30));
  const full = await send(resident2, 'check-out', { code: later.code });
  expect([full.status, full.body.shortStay]).toEqual([200, null]);

  expect((await entryOf('partyMember')).shortStay?.reason).toContain('不到班次时长的一半');
  expect((await entryOf('resident2')).shortStay).toBeNull();
});

test('the volunteer’s hours page lists shifts waiting for confirmation, before the shift has even ended', async () => {
  await setNow(t, chinaAt(2, 10, 40));
  const mine = await myHours(partyMember);
  expect(mine.total).toBe(0);
  expect(mine.pending).toEqual([
    expect.objectContaining({
      shiftId: shift,
      activity: expect.objectContaining({ title: '文明交通引导·签到令牌测试' }),
      minutes: 15,
      shortStay: true,
      checkOutAt: expect.any(String),
      confirmFrom: chinaAt(2, 11),
    }),
  ]);
  const checkedInOnly = await myHours(volunteer);
  expect(checkedInOnly.pending[0]).toMatchObject({ shiftId: shift, checkOutAt: null, minutes: null, shortStay: false });
});

test('the roster says when hours can be confirmed, and confirming before then is refused with the same words', async () => {
  await setNow(t, chinaAt(2, 10, 40));
  const early = await roster();
  expect(early.hoursConfirm.open).toBe(false);
  expect(early.hoursConfirm.reason).toMatch(/^活动结束后才能确认时长（.*11:00 起）$/);
  expect((await entryOf('resident2')).confirm).toMatchObject({ allowed: false, reason: early.hoursConfirm.reason });
  const tooSoon = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('resident2') });
  expect([tooSoon.status, tooSoon.body.code, tooSoon.body.message]).toEqual([
    409,
    'INVALID_TRANSITION',
    early.hoursConfirm.reason,
  ]);

  await setNow(t, chinaAt(2, 11));
  const open = await roster();
  expect(open.hoursConfirm).toMatchObject({ open: true, reason: null });
  expect((await entryOf('resident2')).confirm).toEqual({
    allowed: true,
    needsMinutes: false,
    reason: null,
    suggestedMinutes: 90,
  });
  // The flagged short stay stays listed and can be confirmed.
  expect(await entryOf('partyMember')).toMatchObject({
    shortStay: expect.any(Object),
    confirm: { allowed: true, needsMinutes: false, suggestedMinutes: 15 },
  });
  expect((await entryOf('volunteer')).confirm).toMatchObject({ allowed: true, needsMinutes: true });

  const done = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', staff)
    .send({ personId: uid('resident2') });
  expect([done.status, done.body.minutes]).toEqual([200, 90]);
  expect((await entryOf('resident2')).confirm).toMatchObject({ allowed: false, reason: '服务时长已确认' });
  const hours = await myHours(resident2);
  expect([hours.total, hours.pending]).toEqual([1, []]);
});
