import { countPlaced, moveFlat, movePlaced, registerPlaceRecords } from '../org/place-records';
import { ActivityModel } from './activity.model';
import { ServiceRecordModel } from './attendance.model';

/** Not cancelled and not over (a draft without shifts has no end yet). */
const upcoming = (now: Date) => ({
  status: { $in: ['draft', 'published'] },
  $or: [{ endsAt: null }, { endsAt: { $gt: now } }],
});

/**
 * How activities follow the tree: their place and chosen place (past ones too), and the community
 * of each confirmed service record (community figures). A merged unit's activities go to the unit
 * taking over.
 */
registerPlaceRecords({
  area: 'activities',
  collections: ['activities', 'serviceRecords'],
  async count(ctx, node) {
    return [
      { kind: 'upcomingActivities', count: await countPlaced(ctx, ActivityModel, node, { where: upcoming(ctx.now) }) },
    ];
  },
  async move(ctx, change) {
    await movePlaced(ctx, ActivityModel, change, { placeId: 'placeId' });
    if (change.from.kind === 'community') await moveFlat(ctx, ServiceRecordModel, change, 'communityId');
  },
  async countUnit(ctx, unit) {
    const count = await ctx.db.model(ActivityModel).countDocuments({ organiserUnitId: unit._id, ...upcoming(ctx.now) });
    return [{ kind: 'upcomingActivities', count }];
  },
  async moveUnit(ctx, { from, to }) {
    if (from._id.equals(to._id)) return;
    await ctx.db.model(ActivityModel).updateMany({ organiserUnitId: from._id }, { $set: { organiserUnitId: to._id } });
  },
});
