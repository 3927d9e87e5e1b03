import { countPlaced, movePlaced, registerPlaceRecords } from '../org/place-records';
import { BookingModel } from './booking.model';
import { ResourceModel } from './resource.model';

/** A booking that still takes a slot: waiting for approval, or approved and not yet over. */
const pendingBooking = (now: Date) => ({ status: { $in: ['pending', 'approved'] }, end: { $gt: now } });

/**
 * How resources and bookings follow the tree (their place, inactive and past ones too), and how a
 * merged unit's resources and bookings go to the unit taking over. A unit moved to another street
 * keeps its resources where they are: a venue does not move with its owner.
 */
registerPlaceRecords({
  area: 'resources',
  collections: ['resources', 'bookings'],
  async count(ctx, node) {
    return [
      { kind: 'resources', count: await countPlaced(ctx, ResourceModel, node, { where: { active: true } }) },
      {
        kind: 'pendingBookings',
        count: await countPlaced(ctx, BookingModel, node, { where: pendingBooking(ctx.now) }),
      },
    ];
  },
  async move(ctx, change) {
    await movePlaced(ctx, ResourceModel, change);
    await movePlaced(ctx, BookingModel, change);
  },
  async countUnit(ctx, unit) {
    const [resources, bookings] = await Promise.all([
      ctx.db.model(ResourceModel).countDocuments({ unitId: unit._id, active: true }),
      ctx.db.model(BookingModel).countDocuments({ unitId: unit._id, ...pendingBooking(ctx.now) }),
    ]);
    return [
      { kind: 'resources', count: resources },
      { kind: 'pendingBookings', count: bookings },
    ];
  },
  async moveUnit(ctx, { from, to }) {
    if (from._id.equals(to._id)) return;
    await ctx.db.model(ResourceModel).updateMany({ unitId: from._id }, { $set: { unitId: to._id } });
    await ctx.db.model(BookingModel).updateMany({ unitId: from._id }, { $set: { unitId: to._id } });
  },
});
