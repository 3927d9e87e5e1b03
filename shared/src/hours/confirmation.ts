import { chinaDateTime } from '../china-time';
import { SHIFT_RULES } from '../activities/schemas';
import { shiftMinutesOf } from '../activities/checkin';

// When an organiser can confirm a volunteer's hours (确认服务时长), and what confirming without typed
// minutes gives. The server enforces this; the roster shows it before anyone tries.

type Instant = Date | string;
const ms = (t: Instant) => (typeof t === 'string' ? Date.parse(t) : t.getTime());
const QUARTER_MS = SHIFT_RULES.bucketMinutes * 60_000;

export const HOURS_WORDS = {
  /** What a volunteer sees next to hours that wait for the organiser. */
  waiting: '等社区确认',
  noMarks: '没有完整的签到签退记录，请填写服务时长',
  tooShort: `签到到签退不足 ${SHIFT_RULES.bucketMinutes} 分钟，请填写服务时长`,
  confirmed: '服务时长已确认',
  waitlisted: '候补人员没有服务时长',
} as const;

/** Hours are known once the shift is over: they can be confirmed from its end. */
export function hoursConfirmOpensAt(shift: { end: Instant }): Date {
  return new Date(ms(shift.end));
}

export function hoursNotYetReason(shift: { end: Instant }): string {
  return `活动结束后才能确认时长（${chinaDateTime(hoursConfirmOpensAt(shift))} 起）`;
}

/** Check-out minus check-in, rounded down to 15 minutes, at most the shift's length; null below 15 minutes. */
export function suggestedMinutes(shift: { start: Instant; end: Instant }, checkIn: Instant, checkOut: Instant) {
  const worked = Math.floor((ms(checkOut) - ms(checkIn)) / QUARTER_MS) * SHIFT_RULES.bucketMinutes;
  const minutes = Math.min(worked, shiftMinutesOf(shift));
  return minutes < SHIFT_RULES.bucketMinutes ? null : minutes;
}

export interface HoursConfirmation {
  allowed: boolean;
  needsMinutes: boolean;
  reason: string | null;
  suggestedMinutes: number | null;
}

/** Whether one person's hours on a shift can be confirmed now, and how. */
export function hoursConfirmation(input: {
  shift: { start: Instant; end: Instant };
  now: Instant;
  seated: boolean;
  confirmed: boolean;
  checkInAt: Instant | null;
  checkOutAt: Instant | null;
}): HoursConfirmation {
  const no = (reason: string) => ({ allowed: false, needsMinutes: false, reason, suggestedMinutes: null });
  if (input.confirmed) return no(HOURS_WORDS.confirmed);
  if (!input.seated) return no(HOURS_WORDS.waitlisted);
  if (ms(input.now) < hoursConfirmOpensAt(input.shift).getTime()) return no(hoursNotYetReason(input.shift));
  if (!input.checkInAt || !input.checkOutAt) {
    return { allowed: true, needsMinutes: true, reason: HOURS_WORDS.noMarks, suggestedMinutes: null };
  }
  const suggested = suggestedMinutes(input.shift, input.checkInAt, input.checkOutAt);
  if (suggested === null)
    return { allowed: true, needsMinutes: true, reason: HOURS_WORDS.tooShort, suggestedMinutes: null };
  return { allowed: true, needsMinutes: false, reason: null, suggestedMinutes: suggested };
}
