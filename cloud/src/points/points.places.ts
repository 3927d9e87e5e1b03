import { idsBelow, moveFlat, registerPlaceRecords } from '../org/place-records';
import { PointsEntryModel } from './points-entry.model';
import { RedemptionModel, ShopItemModel } from './shop.model';

/**
 * How the 积分超市 and the ledger follow a merged community: its shelf and redemptions, and the
 * community its points were earned in (rankings), go to the community taking over.
 */
registerPlaceRecords({
  area: 'points',
  collections: ['shopItems', 'redemptions', 'pointsEntries'],
  async count(ctx, node) {
    const at = { $in: [node._id, ...(await idsBelow(ctx, node))] };
    return [
      { kind: 'shopItems', count: await ctx.db.model(ShopItemModel).countDocuments({ communityId: at, active: true }) },
    ];
  },
  async move(ctx, change) {
    if (change.from.kind !== 'community') return;
    await moveFlat(ctx, ShopItemModel, change, 'communityId');
    await moveFlat(ctx, RedemptionModel, change, 'communityId');
    await moveFlat(ctx, PointsEntryModel, change, 'communityId');
  },
});
