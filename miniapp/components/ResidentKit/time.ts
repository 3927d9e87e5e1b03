import { addDays, clockText, isoWeekday, localDateOf, localMinutesOf } from '@gongzhi/shared';

// Times people read are China time (UTC+8), whatever the phone's own zone: the server cuts days the
// same way, so 今天 on the phone is 今天 at the community office.

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** Today's China-time date, `2026-11-27`. */
export function todayDate(now: number = Date.now()): string {
  return localDateOf(new Date(now));
}

/** `周六` for a `YYYY-MM-DD` date. */
export function weekdayText(date: string): string {
  return `周${WEEKDAYS[isoWeekday(date) - 1]}`;
}

/** `11月28日` for a `YYYY-MM-DD` date. */
export function monthDay(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

/** 今天 / 明天 / 昨天, or `11月28日`; the year is added when it is not this year. */
export function dayName(date: string, now: number = Date.now()): string {
  const today = todayDate(now);
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  if (date === addDays(today, -1)) return '昨天';
  const text = monthDay(date);
  return date.slice(0, 4) === today.slice(0, 4) ? text : `${date.slice(0, 4)}年${text}`;
}

/** `09:00` of an instant. */
export function timeOf(iso: string): string {
  return clockText(localMinutesOf(iso));
}

/** `今天 14:30`, `11月28日 07:00`. */
export function whenText(iso: string, now: number = Date.now()): string {
  return `${dayName(localDateOf(iso), now)} ${timeOf(iso)}`;
}

/** `2026年11月28日 07:00`: for records that must be unambiguous. */
export function fullDateTime(iso: string): string {
  const date = localDateOf(iso);
  return `${date.slice(0, 4)}年${monthDay(date)} ${timeOf(iso)}`;
}

/** `YYYY-MM-DDTHH:mm:00+08:00` for a China-time date and minute of the day (what the API takes). */
export { chinaIso } from '@gongzhi/shared';
