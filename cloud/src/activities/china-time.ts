import { SHIFT_RULES } from '@gongzhi/shared';

/** Times are shown and days are cut in China time (UTC+8, no daylight saving), whatever the server's zone. */
const OFFSET_MS = 8 * 3_600_000;
const BUCKET_MS = SHIFT_RULES.bucketMinutes * 60_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** 11月27日 09:00 */
export function chinaDateTime(d: Date): string {
  const c = new Date(d.getTime() + OFFSET_MS);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** 11月27日 09:00–11:30 (the end's date is added when it falls on another day). */
export function chinaSpan(start: Date, end: Date): string {
  const a = chinaDateTime(start);
  const b = chinaDateTime(end);
  return a.split(' ')[0] === b.split(' ')[0] ? `${a}–${b.split(' ')[1]}` : `${a}–${b}`;
}

/** The instants bounding a China-time calendar day given as YYYY-MM-DD. */
export function chinaDay(date: string): { from: Date; to: Date } {
  const from = new Date(`${date}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 24 * 3_600_000) };
}

/** The 15-minute buckets a shift covers: [start, end) cut into quarter hours. */
export function quarterBuckets(start: Date, end: Date): Date[] {
  const out: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += BUCKET_MS) out.push(new Date(t));
  return out;
}
