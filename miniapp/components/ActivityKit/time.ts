import { SHIFT_RULES, addDays, clockText, isoWeekday, localDateOf, localMinutesOf } from '@gongzhi/shared';

// Shift times are read in China time (UTC+8), whatever the phone's own zone: the server cuts days
// the same way, so a shift listed under 明天 is tomorrow for the organiser too.

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const MINUTE = 60_000;

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

/** 今天 / 明天 / 后天, or `11月28日` further away. */
export function dayName(date: string, now: number = Date.now()): string {
  const today = todayDate(now);
  if (date === today) return '今天';
  if (date === addDays(today, 1)) return '明天';
  if (date === addDays(today, 2)) return '后天';
  return monthDay(date);
}

/** `09:00` of an instant. */
export function timeOf(iso: string): string {
  return clockText(localMinutesOf(iso));
}

/** `11月28日 07:00`. */
export function dateTimeText(iso: string): string {
  return `${monthDay(localDateOf(iso))} ${timeOf(iso)}`;
}

/** `明天 周六 09:00–11:30`; the end's day is added when the shift runs past midnight. */
export function shiftWhen(start: string, end: string, now: number = Date.now()): string {
  const day = localDateOf(start);
  const endDay = localDateOf(end);
  const head = `${dayName(day, now)} ${weekdayText(day)} ${timeOf(start)}`;
  if (endDay === day) return `${head}–${timeOf(end)}`;
  const endMinutes = localMinutesOf(end);
  // A shift ending exactly at midnight ends at 24:00 of its own day, as people say it.
  if (endMinutes === 0 && endDay === addDays(day, 1)) return `${head}–24:00`;
  return `${head}–${dayName(endDay, now)} ${timeOf(end)}`;
}

/** `2 小时 30 分钟`, `45 分钟`, `3 小时`. */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return `${h} 小时 ${m} 分钟`;
  return h ? `${h} 小时` : `${m} 分钟`;
}

/** Hours with at most one decimal: 150 → `2.5`, 120 → `2`. */
export function hoursNumber(minutes: number): string {
  const tenths = Math.round(minutes / 6);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

export interface Window {
  opens: number;
  closes: number;
}

/** When the shift's check-in and check-out are open (the server's rule, for explaining it). */
export function checkInWindow(start: string, end: string): Window {
  return {
    opens: Date.parse(start) - SHIFT_RULES.checkInEarlyMinutes * MINUTE,
    closes: Date.parse(end) + SHIFT_RULES.checkInLateMinutes * MINUTE,
  };
}

export function checkInOpen(start: string, end: string, now: number = Date.now()): boolean {
  const w = checkInWindow(start, end);
  return now >= w.opens && now <= w.closes;
}
