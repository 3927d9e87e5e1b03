import { ERASED_NAME, reassign, registerPersonalData } from '../people/personal-data';
import { BookingEventModel } from './booking-event.model';
import { BookingModel, type Booking } from './booking.model';

// Venue and device bookings. On erasure they stay (a venue's use is counted) without the booker's name or purpose.
registerPersonalData({
  area: 'bookings',
  collections: ['bookings', 'bookingEvents'],
  async exportFor({ db }, userId) {
    const bookings = await db.model(BookingModel).find({ bookerId: userId }).sort({ start: -1 }).lean<Booking[]>();
    return bookings.map((b) => ({
      id: String(b._id),
      resource: b.resourceName,
      start: b.start,
      end: b.end,
      purpose: b.purpose,
      attendees: b.attendees,
      status: b.status,
      reason: b.reason,
      createdAt: b.createdAt,
    }));
  },
  async eraseFor({ db }, userId) {
    await db
      .model(BookingModel)
      .updateMany({ bookerId: userId }, { $set: { bookerName: ERASED_NAME, purpose: '（账号已注销）' } });
    // What the booker wrote on their own steps (a cancellation's reason); staff steps stay.
    await db.model(BookingEventModel).updateMany({ actorId: userId }, { $set: { note: null } });
  },
  async mergeInto({ db }, from, to) {
    await reassign(db.model(BookingModel), 'bookerId', from, to);
  },
});
