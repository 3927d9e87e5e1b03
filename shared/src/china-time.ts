/**
 * China time, the one place it is computed. People in the county read times and count days, weeks
 * and years in China time (Asia/Shanghai, UTC+8 all year, no daylight saving since 1991), whatever
 * the server's or the phone's zone, so local time is plain arithmetic on the instant. Instants are
 * stored in UTC; "local" below always means China time.
 */

export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant moved by the offset: its UTC fields (getUTCHours…) read the China wall clock. */
export function chinaWall(instant: Date | string | number): Date {
  return new Date(new Date(instant).getTime() + CHINA_OFFSET_MS);
}

/** `08:30` → 510; `24:00` → 1440. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** 510 → `08:30`. */
export function clockText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Year, month, day of a `YYYY-MM-DD` calendar date, or null when it is not a real date. */
export function parseLocalDate(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** The UTC instant of a local date and minute of that day. */
export function localInstant(date: string, minutes: number): Date {
  const p = parseLocalDate(date);
  if (!p) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d) + minutes * 60_000 - CHINA_OFFSET_MS);
}

/** The local calendar date of an instant: `2026-11-05`. */
export function localDateOf(instant: Date | string | number): string {
  return chinaWall(instant).toISOString().slice(0, 10);
}

/** The local minute of the day of an instant. */
export function localMinutesOf(instant: Date | string | number): number {
  const s = chinaWall(instant);
  return s.getUTCHours() * 60 + s.getUTCMinutes();
}

/** The local year an instant falls in: yearly totals and caps are counted per calendar year. */
export function chinaYearOf(instant: Date | string | number): number {
  return chinaWall(instant).getUTCFullYear();
}

/** The local month an instant falls in, `2026-11`: the key stored beside a date so a range can be read month by month. */
export function chinaMonthOf(instant: Date | string | number): string {
  return chinaWall(instant).toISOString().slice(0, 7);
}

/**
 * The local months `[from, to)` touches, oldest first: `2026-09-15`–`2026-11-02` → 2026-09, 2026-10, 2026-11.
 * Empty when `to` is not after `from`.
 */
export function chinaMonthsBetween(from: Date, to: Date): string[] {
  if (!(to.getTime() > from.getTime())) return [];
  const last = chinaMonthOf(to.getTime() - 1);
  const months: string[] = [];
  let [y, m] = chinaMonthOf(from).split('-').map(Number);
  for (;;) {
    const month = `${y}-${pad(m)}`;
    months.push(month);
    if (month >= last) return months;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const p = parseLocalDate(date);
  if (!p) throw new Error(`not a date: ${date}`);
  const day = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Adds days to a local date: `addDays('2026-11-05', 1)` → `2026-11-06`. */
export function addDays(date: string, days: number): string {
  const p = parseLocalDate(date);
  if (!p) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d + days)).toISOString().slice(0, 10);
}

/** The instants bounding a local calendar day `YYYY-MM-DD`: [00:00, next 00:00). Invalid Dates for a malformed date. */
export function chinaDay(date: string): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/** `11月27日 09:00` */
export function chinaDateTime(instant: Date | string | number): string {
  const c = chinaWall(instant);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** `11月27日 09:00–11:30` (the end's date is added when it falls on another day). */
export function chinaSpan(start: Date | string, end: Date | string): string {
  const a = chinaDateTime(start);
  const b = chinaDateTime(end);
  return a.split(' ')[0] === b.split(' ')[0] ? `${a}–${b.split(' ')[1]}` : `${a}–${b}`;
}

/** The ISO instant with China's offset the API takes, from a local date and a clock (`09:15` or 555): `2026-11-27T09:15:00+08:00`. */
export function chinaIso(date: string, time: string | number): string {
  return `${date}T${typeof time === 'number' ? clockText(time) : time}:00+08:00`;
}
