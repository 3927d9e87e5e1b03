import { WEEKDAY_LABELS, type BookingStatus, type OpeningRange, type ResourceKind } from '@gongzhi/shared';
import type { Tone } from '../../components/ResidentKit';

export const KIND_ICONS: Partial<Record<ResourceKind, string>> = { venue: '🏢', equipment: '🎤' };

export const BOOKING_TONES: Record<BookingStatus, Tone> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
  cancelled: 'grey',
};

function daysText(days: number[]): string {
  if (days.length === 7) return '每天';
  const contiguous = days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  if (contiguous && days.length >= 3) return `${WEEKDAY_LABELS[days[0]]}至${WEEKDAY_LABELS[days[days.length - 1]]}`;
  return days.map((d) => WEEKDAY_LABELS[d]).join('、');
}

/** Opening hours in a line: `每天 08:30–21:00`, `周二至周日 09:00–12:00、14:00–18:00`. */
export function hoursText(hours: readonly OpeningRange[]): string {
  const byDay = new Map<number, string[]>();
  for (const h of [...hours].sort((a, b) => a.open.localeCompare(b.open))) {
    byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), `${h.open}–${h.close}`]);
  }
  const groups = new Map<string, number[]>();
  for (const [day, ranges] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    const key = ranges.join('、');
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  if (!groups.size) return '暂未开放预约';
  return [...groups.entries()].map(([ranges, days]) => `${daysText(days)} ${ranges}`).join('；');
}
