import {
  CHECKIN_WORDS,
  hoursConfirmation,
  readCheckInToken,
  shortStayOf,
  shortStayReason,
  suggestedMinutes,
} from '@gongzhi/shared';

// The rules the check-in pages explain and the server enforces (shared/src/activities/checkin.ts,
// shared/src/hours/confirmation.ts).
const at = (hhmm: string) => `2026-12-10T${hhmm}:00+08:00`;
const shift = { start: at('16:00'), end: at('17:30') };

test('a stay under half the shift (or under 15 minutes) is short; only time inside the shift counts', () => {
  // The case: in 15:39, out 15:40 for 16:00–17:30.
  expect(shortStayOf(shift, at('15:39'), at('15:40'))).toEqual({ minutes: 0, neededMinutes: 45 });
  expect(shortStayOf(shift, at('15:30'), at('16:30'))).toEqual({ minutes: 30, neededMinutes: 45 });
  expect(shortStayOf(shift, at('16:00'), at('16:45'))).toBeNull();
  const half = { start: at('09:00'), end: at('09:30') };
  expect(shortStayOf(half, at('09:00'), at('09:14'))).toEqual({ minutes: 14, neededMinutes: 15 });
  expect(shortStayReason({ minutes: 14, neededMinutes: 15 })).toBe(
    '活动期间只在岗 14 分钟，不到 15 分钟，请核实后再确认时长',
  );
  expect(shortStayReason({ minutes: 30, neededMinutes: 45 })).toContain('不到班次时长的一半');
});

test('hours can be confirmed from the end of the shift; without a usable check-out the minutes must be typed', () => {
  const base = { shift, seated: true, confirmed: false, checkInAt: at('15:50'), checkOutAt: at('17:20') };
  expect(hoursConfirmation({ ...base, now: at('17:29') })).toMatchObject({
    allowed: false,
    reason: '活动结束后才能确认时长（12月10日 17:30 起）',
  });
  expect(hoursConfirmation({ ...base, now: at('17:30') })).toEqual({
    allowed: true,
    needsMinutes: false,
    reason: null,
    suggestedMinutes: 90,
  });
  expect(hoursConfirmation({ ...base, now: at('18:00'), checkOutAt: null })).toMatchObject({ needsMinutes: true });
  expect(suggestedMinutes(shift, at('16:00'), at('16:14'))).toBeNull();
});

test('a token is read without trusting it: its shift and expiry; anything else is not ours', () => {
  const bytes = Buffer.alloc(32, 7);
  Buffer.from('5f1d7c3e9a1b2c3d4e5f6a7b', 'hex').copy(bytes);
  bytes.writeUInt32BE(1_800_000_000, 12);
  const read = readCheckInToken(`gzqd1.${bytes.toString('base64url')}`);
  expect(read?.shiftId).toBe('5f1d7c3e9a1b2c3d4e5f6a7b');
  expect(read?.expiresAt.toISOString()).toBe(new Date(1_800_000_000_000).toISOString());
  expect(Buffer.from(read!.mac)).toEqual(Buffer.alloc(16, 7));
  expect(readCheckInToken('gz:checkin:5f1d7c3e9a1b2c3d4e5f6a7b:123456')).toBeNull();
  expect(readCheckInToken('gzqd1.!!!')).toBeNull();
  expect(CHECKIN_WORDS.rule).toBe('活动开始前 30 分钟起可签到，开始后才能签退，结束后 30 分钟停止');
});
