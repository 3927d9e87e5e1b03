import { NEED_OPEN_STATUSES } from '@gongzhi/shared';
import { countPlaced, movePlaced, registerPlaceRecords } from '../org/place-records';
import { NeedModel } from './need.model';

/**
 * How needs follow the tree: every need at or under a moved or merged place gets its place and
 * placeKeys from the tree as it is now (closed ones too, so no figure counts a place twice); open
 * needs routed to a merged department (a whistle route) go to the department taking over.
 */
registerPlaceRecords({
  area: 'needs',
  collections: ['needs'],
  async count(ctx, node) {
    const open = { status: { $in: NEED_OPEN_STATUSES } };
    const model = ctx.db.model(NeedModel);
    const count =
      node.kind === 'department'
        ? await model.countDocuments({ 'route.kind': 'whistle', 'route.targetId': node._id, ...open })
        : await countPlaced(ctx, NeedModel, node, { placeKeys: true, where: open });
    return [{ kind: 'openNeeds', count }];
  },
  async move(ctx, change) {
    if (change.from.kind === 'department') {
      if (change.from._id.equals(change.to._id)) return;
      await ctx.db
        .model(NeedModel)
        .updateMany(
          { 'route.kind': 'whistle', 'route.targetId': change.from._id, status: { $in: NEED_OPEN_STATUSES } },
          { $set: { 'route.targetId': change.to._id } },
        );
      return;
    }
    await movePlaced(ctx, NeedModel, change, { placeKeys: true });
  },
});
