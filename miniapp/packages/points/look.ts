/** Shared by the points pages: numbers and dates as a resident reads them. */

const pad = (n: number) => String(n).padStart(2, '0');

/** 11月26日 14:05 in China time. */
export function whenText(iso: string): string {
  const c = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** 2026年11月26日 */
export function dateText(iso: string): string {
  const c = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
}

/** 2.5 (hours, one decimal, no trailing .0). */
export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 10) / 10);
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
