import { idsBelow, moveFlat, registerPlaceRecords } from '../org/place-records';
import { NoticeModel } from './notice.model';

/** How community notices follow the tree: their community (merged) and street (moved or merged). */
registerPlaceRecords({
  area: 'notices',
  collections: ['notices'],
  async count(ctx, node) {
    const at = { $in: [node._id, ...(await idsBelow(ctx, node))] };
    return [
      {
        kind: 'notices',
        count: await ctx.db.model(NoticeModel).countDocuments({ communityId: at, withdrawnAt: null }),
      },
    ];
  },
  async move(ctx, change) {
    await moveFlat(ctx, NoticeModel, change, 'communityId', { streetId: 'streetId' });
  },
});
