import { z } from '../validation';
import { CHINA_OFFSET_MS, chinaWall } from '../china-time';

/**
 * Patrol weeks are ISO weeks (Monday to Sunday) in China time (UTC+8, no daylight saving), whatever
 * the server's or the phone's zone: "this week" on the admin tab is the week people in the county live in.
 */
const DAY_MS = 24 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Monday 00:00 of ISO week 1 of `year`, as a UTC timestamp of the China wall clock. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * DAY_MS;
}

/** 52 or 53: a year has 53 ISO weeks when it starts on a Thursday (or on a Wednesday in a leap year). */
export function isoWeeksInYear(year: number): number {
  const p = (y: number) => (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
  return p(year) === 4 || p(year - 1) === 3 ? 53 : 52;
}

/** The ISO week an instant falls in, in China time: `2026-W48`. */
export function isoWeekOf(at: Date | string): string {
  const wall = chinaWall(at);
  const weekday = (wall.getUTCDay() + 6) % 7;
  // The week belongs to the year its Thursday is in.
  const thursday = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() - weekday + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - 3 * DAY_MS - week1Monday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${pad(week)}`;
}

/** The instants bounding an ISO week in China time: [Monday 00:00, next Monday 00:00). */
export function isoWeekRange(week: string): { from: Date; to: Date } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const monday = week1Monday(Number(m[1])) + (Number(m[2]) - 1) * 7 * DAY_MS;
  const from = new Date(monday - CHINA_OFFSET_MS);
  return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
}

/** The week before (or `n` weeks before) a given one. */
export function previousIsoWeek(week: string, n = 1): string {
  return isoWeekOf(new Date(isoWeekRange(week).from.getTime() - (n - 1) * 7 * DAY_MS - 1));
}

/** `2026-W48`: a real ISO week (W53 only in years that have one). */
export const isoWeek = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周的格式应为 YYYY-Www，例如 2026-W48')
  .refine((w) => Number(w.slice(6)) <= isoWeeksInYear(Number(w.slice(0, 4))), '这一年没有第 53 周');
