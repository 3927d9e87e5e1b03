import { idsBelow, moveFlat, registerPlaceRecords } from '../org/place-records';
import { StaffMemberModel } from './staff-member.model';
import { UserModel, type User } from './user.model';

/**
 * How people follow the tree: where residents live (`orgId`, and the community derived from it) and
 * the 两委 roster (a community, with its street beside it). Closed accounts live nowhere.
 */
registerPlaceRecords({
  area: 'people',
  collections: ['users', 'staffMembers'],
  async count(ctx, node) {
    const at = { $in: [node._id, ...(await idsBelow(ctx, node))] };
    const homes = await ctx.db
      .model(UserModel)
      .find({ orgId: at }, { erasedAt: 1, mergedInto: 1, disabledAt: 1 })
      .lean<User[]>();
    const residents = homes.filter((u) => !u.erasedAt && !u.mergedInto).length;
    const staff = await ctx.db.model(StaffMemberModel).countDocuments({ placeId: at, active: true });
    return [
      { kind: 'residents', count: residents },
      { kind: 'staffMembers', count: staff },
    ];
  },
  async move(ctx, change) {
    await moveFlat(ctx, UserModel, change, 'orgId', { communityId: 'communityId' });
    await moveFlat(ctx, StaffMemberModel, change, 'placeId', { streetId: 'streetId' });
  },
});
