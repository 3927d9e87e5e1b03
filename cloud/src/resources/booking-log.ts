import type { Db } from '../core/db';
import { EventLog } from '../core/event-log';
import { BookingEventModel, type BookingEvent } from './booking-event.model';
import { BookingModel, type Booking } from './booking.model';

/** The status fields of a booking folded from its events (in seq order, at least one). */
export function bookingOfEvents(booking: Booking, events: readonly BookingEvent[]): Partial<Booking> {
  const last = events[events.length - 1];
  const closing = [...events].reverse().find((e) => e.action === 'reject' || e.action === 'cancel');
  return { status: last.to, seq: last.seq, reason: closing ? closing.note : booking.reason, updatedAt: last.at };
}

/** A booking's timeline: one seq chain per booking (the create event is seq 0), its status the projection. */
export const bookingLog = (db: Db) =>
  new EventLog<BookingEvent, Booking>(db, {
    events: BookingEventModel,
    entities: BookingModel,
    entityKey: 'bookingId',
    project: bookingOfEvents,
    version: 'seq',
    conflict: '这个预约刚刚被其他人处理过，请刷新后再看',
  });
