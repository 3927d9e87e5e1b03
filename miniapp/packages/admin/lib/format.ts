import { chinaWall as china, localDateOf } from '@gongzhi/shared';

// Dates as people in the county read them: China time (see shared china-time), whatever the
// phone's own time zone.

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-27` in China time. */
export function chinaDate(iso: string | Date = new Date()): string {
  return localDateOf(iso);
}

/** `14:30` in China time. */
export function clock(iso: string | Date): string {
  const d = china(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `11月27日 周五` */
export function dayLabel(iso: string | Date): string {
  const d = china(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`;
}

/** `11月27日 14:30`, with the year only when it is not this year. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = china(iso);
  const thisYear = china(new Date()).getUTCFullYear();
  const year = d.getUTCFullYear() === thisYear ? '' : `${d.getUTCFullYear()}年`;
  return `${year}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${clock(iso)}`;
}

/** `11月27日 14:00–16:00` */
export function timeRange(start: string, end: string): string {
  return `${dateTime(start)}–${clock(end)}`;
}

/** How long until (or since) a moment, in words: `还剩 3 小时`, `已超 2 天`. */
export function dueText(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const span =
    hours >= 48
      ? `${Math.floor(hours / 24)} 天`
      : hours >= 1
        ? `${hours} 小时`
        : `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
  return ms >= 0 ? `还剩 ${span}` : `已超 ${span}`;
}

/** An ISO instant with China's offset from a China-time date and clock: `2026-11-27T09:15:00+08:00`. */
export { chinaIso } from '@gongzhi/shared';

/** 90 → `1 小时 30 分钟` */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return `${h} 小时 ${m} 分钟`;
  return h ? `${h} 小时` : `${m} 分钟`;
}

/** Every quarter hour of a day: 00:00, 00:15, … 23:45 (shift times sit on quarter hours). */
export const QUARTER_TIMES: readonly string[] = Array.from(
  { length: 96 },
  (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`,
);

/** Yuan typed by a person → integer fen, or null when it is not a money amount. */
export function yuanToFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [y, f = ''] = t.split('.');
  return Number(y) * 100 + Number(f.padEnd(2, '0'));
}

export function fenToYuanText(fen: number): string {
  const y = Math.floor(fen / 100);
  const f = fen % 100;
  return f ? `${y}.${String(f).padStart(2, '0')}` : String(y);
}
