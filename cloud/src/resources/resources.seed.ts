import { Types } from 'mongoose';
import {
  RELEASED_BOOKING_STATUSES,
  addDays,
  isoWeekday,
  localDateOf,
  localInstant,
  clockMinutes,
  isBookableKind,
  slotCells,
  slotRun,
  type BookingStatus,
} from '@gongzhi/shared';
import type { Db } from '../core/db';
import { insertNew } from '../core/insert-new';
import { seedId } from '../core/stable-id';
import { UserModel, type User } from '../people/user.model';
import { BookingEventModel, type BookingEvent } from './booking-event.model';
import { BookingSlotModel, type BookingSlot } from './booking-slot.model';
import { BookingModel, type Booking } from './booking.model';
import { ResourceModel, type Resource } from './resource.model';
import { DEMO_BOOKINGS, DEMO_RESOURCES, PEOPLE_WITH_ACCOUNTS, type DemoBooking } from './resources.seed-data';

/** The demo resources list and bookings. Safe to run again: ids are deterministic and inserts ignore duplicates. */
export async function seedResources(db: Db): Promise<void> {
  const now = new Date();
  const resources: Resource[] = DEMO_RESOURCES.map(({ key, ...r }) => {
    const bookable = isBookableKind(r.kind);
    return {
      ...r,
      _id: seedId(`resource:${key}`),
      description: r.description ?? '',
      skills: r.skills ?? [],
      bookable,
      slotMinutes: r.slotMinutes ?? null,
      capacity: r.capacity ?? null,
      personId: PEOPLE_WITH_ACCOUNTS[key] ? seedId(`user:${PEOPLE_WITH_ACCOUNTS[key]}`) : null,
      active: true,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  await insertNew(db.model(ResourceModel), resources);
  for (const b of DEMO_BOOKINGS) await seedBooking(db, b, now);
}

const AFTER = { approve: 'approved', reject: 'rejected', cancel: 'cancelled' } as const;

async function seedBooking(db: Db, def: DemoBooking, now: Date): Promise<void> {
  const _id = seedId(`booking:${def.key}`);
  const r = await db
    .model(ResourceModel)
    .findById(seedId(`resource:${def.resource}`))
    .lean<Resource>();
  const booker = await db
    .model(UserModel)
    .findById(seedId(`user:${def.booker}`))
    .lean<User>();
  if (!r || !booker || !r.slotMinutes || (await db.model(BookingModel).exists({ _id }))) return;

  let date = addDays(localDateOf(now), def.inDays);
  while (!r.hours.some((h) => h.weekday === isoWeekday(date))) date = addDays(date, 1);
  const start = localInstant(date, clockMinutes(def.at));
  const run = slotRun(r.hours, r.slotMinutes, start, def.slots);
  if (!run) throw new Error(`demo booking ${def.key} is not on ${def.resource}'s slots`);
  const end = new Date(run[run.length - 1].end);
  const last = def.then[def.then.length - 1];
  const status: BookingStatus = last ? AFTER[last.action] : 'pending';

  if (!RELEASED_BOOKING_STATUSES.includes(status)) {
    // Deterministic hold ids: two seeds at once insert the same documents. A cell somebody really
    // booked meanwhile belongs to them: then this demo booking is left out.
    const cells = slotCells(start, end);
    const holds = cells.map((cell, i) => ({
      _id: seedId(`bookingSlot:${def.key}:${i}`),
      resourceId: r._id,
      start: cell,
      bookingId: _id,
      createdAt: now,
    }));
    await insertNew(db.model(BookingSlotModel), holds);
    const held = await db
      .model(BookingSlotModel)
      .find({ resourceId: r._id, start: { $in: cells } })
      .lean<BookingSlot[]>();
    if (held.length !== cells.length || held.some((h) => !h.bookingId.equals(_id))) {
      await db.model(BookingSlotModel).deleteMany({ _id: { $in: holds.map((h) => h._id) } });
      return;
    }
  }

  const events: BookingEvent[] = [
    {
      _id: seedId(`bookingEvent:${def.key}:0`),
      bookingId: _id,
      seq: 0,
      action: 'create',
      from: null,
      to: 'pending',
      actorId: booker._id,
      actorRole: 'resident',
      note: null,
      at: now,
    },
  ];
  let from: BookingStatus = 'pending';
  def.then.forEach((e, i) => {
    const to = AFTER[e.action];
    events.push({
      _id: seedId(`bookingEvent:${def.key}:${i + 1}`),
      bookingId: _id,
      seq: i + 1,
      action: e.action,
      from,
      to,
      actorId: seedId(`user:${e.by}`),
      actorRole: e.role,
      note: e.note,
      at: now,
    });
    from = to;
  });
  await insertNew(db.model(BookingEventModel), events);
  const booking: Booking = {
    _id,
    resourceId: r._id,
    resourceName: r.name,
    resourceKind: r.kind,
    unitId: r.unitId,
    place: r.place,
    bookerId: booker._id,
    bookerName: booker.name,
    start,
    end,
    slots: def.slots,
    purpose: def.purpose,
    attendees: def.attendees,
    status,
    seq: def.then.length,
    reason: last && last.action !== 'approve' ? last.note : null,
    createdAt: now,
    updatedAt: now,
  };
  await insertNew(db.model(BookingModel), [booking]);
}

/** Ids other seeds and tests may refer to. */
export const demoResourceId = (key: string): Types.ObjectId => seedId(`resource:${key}`);
