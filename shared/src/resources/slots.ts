/**
 * Booking slots of venues and equipment, computed the same way by the API and by the
 * mini-program's calendar. Times people read are China time (see china-time); instants are stored in UTC.
 */
import { clockMinutes, clockText, isoWeekday, localDateOf, localInstant, localMinutesOf } from '../china-time';

/** Lengths a venue or device may be booked in. */
export const SLOT_MINUTES = [30, 60, 120] as const;
export type SlotMinutes = (typeof SLOT_MINUTES)[number];
/**
 * Bookings hold half-hour cells, whatever the resource's slot length: every slot length and every
 * opening time is a multiple of it, so a later change of slot length can never let two bookings overlap.
 */
export const SLOT_CELL_MINUTES = 30;
/** At most this many consecutive slots in one booking. */
export const MAX_BOOKING_SLOTS = 8;
/** Bookings open this many days ahead. */
export const BOOKING_HORIZON_DAYS = 60;

/** One opening (or availability) range of a weekday: 1 = Monday … 7 = Sunday, times `HH:mm`. */
export interface OpeningRange {
  weekday: number;
  open: string;
  close: string;
}

export interface DaySlot {
  /** UTC instants, ISO 8601. */
  start: string;
  end: string;
  /** Local time as people read it: `19:00–20:00`. */
  label: string;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** The ranges of one weekday, earliest first. */
export function rangesOn(hours: readonly OpeningRange[], weekday: number): OpeningRange[] {
  return hours.filter((r) => r.weekday === weekday).sort((a, b) => clockMinutes(a.open) - clockMinutes(b.open));
}

/**
 * Start minutes of the slots in one opening range: back to back, either from opening time or from
 * the first full hour after it, whichever fits more slots (the full hour when equal), as many as end
 * by closing. So 08:30–21:00 in 60-minute slots is 09:00–10:00 … 20:00–21:00, as people expect,
 * while 16:30–18:30 in 120-minute slots is still one slot.
 */
export function rangeSlotStarts(range: Pick<OpeningRange, 'open' | 'close'>, slotMinutes: number): number[] {
  const open = clockMinutes(range.open);
  const close = clockMinutes(range.close);
  const from = (first: number) => {
    const starts: number[] = [];
    for (let m = first; m + slotMinutes <= close; m += slotMinutes) starts.push(m);
    return starts;
  };
  const onTheHour = from(Math.ceil(open / 60) * 60);
  const fromOpening = from(open);
  return fromOpening.length > onTheHour.length ? fromOpening : onTheHour;
}

/** The bookable slots of a day (see rangeSlotStarts). A day without opening hours has none. */
export function daySlots(hours: readonly OpeningRange[], slotMinutes: number, date: string): DaySlot[] {
  const slots: DaySlot[] = [];
  for (const range of rangesOn(hours, isoWeekday(date))) {
    for (const m of rangeSlotStarts(range, slotMinutes)) {
      slots.push({
        start: localInstant(date, m).toISOString(),
        end: localInstant(date, m + slotMinutes).toISOString(),
        label: `${clockText(m)}–${clockText(m + slotMinutes)}`,
      });
    }
  }
  return slots;
}

/**
 * `count` consecutive slots starting exactly at `start`, or null when `start` is not the start of
 * a slot, or the run would leave the opening range (past closing, across a lunch break or midnight).
 */
export function slotRun(
  hours: readonly OpeningRange[],
  slotMinutes: number,
  start: Date | string,
  count: number,
): DaySlot[] | null {
  const slots = daySlots(hours, slotMinutes, localDateOf(start));
  const first = slots.findIndex((s) => s.start === new Date(start).toISOString());
  if (first < 0 || first + count > slots.length) return null;
  const run = slots.slice(first, first + count);
  for (let i = 1; i < run.length; i++) if (run[i].start !== run[i - 1].end) return null;
  return run;
}

/** The half-hour cells an interval covers (see SLOT_CELL_MINUTES). */
export function slotCells(start: Date | string, end: Date | string): Date[] {
  const cells: Date[] = [];
  const to = new Date(end).getTime();
  for (let t = new Date(start).getTime(); t < to; t += SLOT_CELL_MINUTES * MINUTE) cells.push(new Date(t));
  return cells;
}

/** True when [start, end) lies inside one opening (or availability) range of its local day. */
export function isWithinHours(hours: readonly OpeningRange[], start: Date | string, end: Date | string): boolean {
  const date = localDateOf(start);
  const from = localMinutesOf(start);
  const minutes = Math.round((new Date(end).getTime() - new Date(start).getTime()) / MINUTE);
  if (minutes <= 0 || from + minutes > DAY_MINUTES) return false;
  return rangesOn(hours, isoWeekday(date)).some(
    (r) => clockMinutes(r.open) <= from && from + minutes <= clockMinutes(r.close),
  );
}

/** How people read a booked time: `11月5日 19:00–20:00`. */
export function formatSlotTime(start: Date | string, end: Date | string): string {
  const [, m, d] = localDateOf(start).split('-').map(Number);
  const endMinutes = localMinutesOf(end);
  const endText = endMinutes === 0 && localDateOf(end) !== localDateOf(start) ? '24:00' : clockText(endMinutes);
  return `${m}月${d}日 ${clockText(localMinutesOf(start))}–${endText}`;
}
