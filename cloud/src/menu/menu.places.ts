import { idsBelow, moveFlat, registerPlaceRecords } from '../org/place-records';
import { MenuItemModel } from './menu-item.model';
import { MenuOverrideModel, type MenuOverride } from './menu-override.model';

/**
 * How a merged community's menu follows: its own items go to the community taking over; its
 * "本社区不提供" choices too, except where that community already made the same choice.
 */
registerPlaceRecords({
  area: 'menu',
  collections: ['menuItems', 'menuOverrides'],
  async count(ctx, node) {
    const at = { $in: [node._id, ...(await idsBelow(ctx, node))] };
    return [
      { kind: 'menuItems', count: await ctx.db.model(MenuItemModel).countDocuments({ communityId: at, active: true }) },
    ];
  },
  async move(ctx, change) {
    const { from, to } = change;
    if (from.kind !== 'community' || from._id.equals(to._id)) return;
    await moveFlat(ctx, MenuItemModel, change, 'communityId');
    const overrides = ctx.db.model(MenuOverrideModel);
    const theirs = await overrides.find({ communityId: to._id }, { menuItemId: 1 }).lean<MenuOverride[]>();
    const hidden = new Set(theirs.map((o) => String(o.menuItemId)));
    const mine = await overrides.find({ communityId: from._id }).lean<MenuOverride[]>();
    const clash = mine.filter((o) => hidden.has(String(o.menuItemId))).map((o) => o._id);
    if (clash.length) await overrides.deleteMany({ _id: { $in: clash } });
    await overrides.updateMany({ communityId: from._id }, { $set: { communityId: to._id } });
  },
});
