import { Types } from 'mongoose';
import { RELEASED_BOOKING_STATUSES } from '@gongzhi/shared';
import { type Db, isDuplicateKey } from '../core/db';
import { BookingEventModel } from './booking-event.model';
import { BookingSlotModel, type BookingSlot } from './booking-slot.model';
import { BookingModel, type Booking } from './booking.model';

/**
 * A hold whose booking was never written (the process died between the two inserts) blocks its
 * cell until it is this old; a live request writes its booking within milliseconds of the hold.
 */
export const ORPHAN_HOLD_MS = 10 * 60_000;

export type HoldResult = { ok: true } | { ok: false; cell: Date };

/** How many times a cell is tried again while its holder's booking is still being written. */
const IN_FLIGHT_RETRIES = 4;
const IN_FLIGHT_WAIT_MS = 20;

/**
 * Holds the cells for a booking, earliest first, one insert each against the unique index
 * (resourceId, start). On a collision the cells this booking already holds are deleted again and
 * the colliding cell is reported: a slot is never held by two bookings. A holder whose booking is
 * not written yet may be a rival that is about to lose elsewhere and let go, so such a cell is
 * tried again a few times before giving up; a stale holder is cleared (see staleHolds).
 */
export async function holdCells(
  db: Db,
  resourceId: Types.ObjectId,
  bookingId: Types.ObjectId,
  cells: Date[],
): Promise<HoldResult> {
  const slots = db.model(BookingSlotModel);
  try {
    for (const cell of cells) {
      for (let attempt = 0; ; attempt++) {
        try {
          await slots.create({ resourceId, start: cell, bookingId, createdAt: new Date() });
          break;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          const holder = attempt < IN_FLIGHT_RETRIES ? await inspectHold(db, resourceId, cell, bookingId) : 'live';
          if (holder === 'ours') break;
          if (holder === 'live') {
            await releaseCells(db, bookingId);
            return { ok: false, cell };
          }
          if (holder === 'inFlight') await new Promise((r) => setTimeout(r, IN_FLIGHT_WAIT_MS * (attempt + 1)));
        }
      }
    }
  } catch (err) {
    await releaseCells(db, bookingId).catch(() => undefined);
    throw err;
  }
  return { ok: true };
}

/** Frees every cell a booking holds (rejection, cancellation, or a failed attempt). */
export async function releaseCells(db: Db, bookingId: Types.ObjectId): Promise<void> {
  await db.model(BookingSlotModel).deleteMany({ bookingId });
}

/**
 * Which of these holds no longer count: their booking was rejected or cancelled (the release may
 * have been cut short), or their booking was never written and the hold is older than ORPHAN_HOLD_MS.
 * Terminal events are looked up too, because the booking's status is only a projection of them.
 */
export async function staleHolds(db: Db, holds: BookingSlot[]): Promise<Set<string>> {
  const ids = [...new Set(holds.map((h) => String(h.bookingId)))].map((id) => new Types.ObjectId(id));
  if (!ids.length) return new Set();
  const [bookings, ended] = await Promise.all([
    db
      .model(BookingModel)
      .find({ _id: { $in: ids } }, { status: 1 })
      .lean<Pick<Booking, '_id' | 'status'>[]>(),
    db
      .model(BookingEventModel)
      .find({ bookingId: { $in: ids }, to: { $in: RELEASED_BOOKING_STATUSES } }, { bookingId: 1 })
      .lean(),
  ]);
  const existing = new Map(bookings.map((b) => [String(b._id), b.status]));
  const endedIds = new Set(ended.map((e) => String(e.bookingId)));
  const now = Date.now();
  const stale = new Set<string>();
  for (const h of holds) {
    const id = String(h.bookingId);
    const status = existing.get(id);
    const orphan = status === undefined && now - new Date(h.createdAt).getTime() > ORPHAN_HOLD_MS;
    if (orphan || endedIds.has(id) || (status && RELEASED_BOOKING_STATUSES.includes(status))) stale.add(String(h._id));
  }
  return stale;
}

/**
 * Who holds a cell: nobody any more (`free`, after deleting a stale hold), this same booking (`ours`:
 * an earlier attempt of the same Idempotency-Key died after holding it), a booking that counts
 * (`live`), or a request whose booking is not written yet (`inFlight`).
 */
async function inspectHold(
  db: Db,
  resourceId: Types.ObjectId,
  cell: Date,
  bookingId: Types.ObjectId,
): Promise<'free' | 'ours' | 'live' | 'inFlight'> {
  const hold = await db.model(BookingSlotModel).findOne({ resourceId, start: cell }).lean<BookingSlot>();
  if (!hold) return 'free'; // released in the meantime
  if (hold.bookingId.equals(bookingId)) return 'ours';
  if ((await staleHolds(db, [hold])).has(String(hold._id))) {
    // By _id: a newer hold on the same cell is a different document and stays.
    await db.model(BookingSlotModel).deleteOne({ _id: hold._id });
    return 'free';
  }
  return (await db.model(BookingModel).exists({ _id: hold.bookingId })) ? 'live' : 'inFlight';
}

/** The cells of a resource held by live bookings in [from, to). */
export async function heldCells(db: Db, resourceId: Types.ObjectId, from: Date, to: Date): Promise<Set<number>> {
  const holds = await db
    .model(BookingSlotModel)
    .find({ resourceId, start: { $gte: from, $lt: to } })
    .lean<BookingSlot[]>();
  const stale = await staleHolds(db, holds);
  return new Set(holds.filter((h) => !stale.has(String(h._id))).map((h) => new Date(h.start).getTime()));
}
