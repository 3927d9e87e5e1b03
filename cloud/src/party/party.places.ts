import { idsBelow, moveFlat, registerPlaceRecords } from '../org/place-records';
import { BranchModel } from './branch.model';
import { PartyMemberModel } from './party-member.model';
import { EvaluationModel, RegistrationModel, RegistrationPostModel } from './registration.model';
import { StudySessionModel } from './study-session.model';

/**
 * How the party rosters follow the tree: members, branches and study sessions sit at a community
 * (a unit's branch at its street) with the street beside it; 双报到 posts, registrations and their
 * evaluations at a community. A merged unit's branch, registrations and evaluations go to the unit
 * taking over; a unit moved to another street takes its branch along.
 */
registerPlaceRecords({
  area: 'party',
  collections: ['partyMembers', 'branches', 'partyStudySessions', 'registrationPosts', 'registrations', 'evaluations'],
  async count(ctx, node) {
    const at = { $in: [node._id, ...(await idsBelow(ctx, node))] };
    const [members, branches, registrations] = await Promise.all([
      ctx.db.model(PartyMemberModel).countDocuments({ placeId: at, active: true }),
      ctx.db.model(BranchModel).countDocuments({ placeId: at }),
      ctx.db.model(RegistrationModel).countDocuments({ communityId: at }),
    ]);
    return [
      { kind: 'partyMembers', count: members },
      { kind: 'branches', count: branches },
      { kind: 'registrations', count: registrations },
    ];
  },
  async move(ctx, change) {
    const street = { streetId: 'streetId' } as const;
    await moveFlat(ctx, PartyMemberModel, change, 'placeId', street);
    await moveFlat(ctx, BranchModel, change, 'placeId', street);
    await moveFlat(ctx, StudySessionModel, change, 'placeId', street);
    await moveFlat(ctx, RegistrationPostModel, change, 'communityId');
    await moveFlat(ctx, RegistrationModel, change, 'communityId', street);
    await moveFlat(ctx, EvaluationModel, change, 'communityId');
  },
  async countUnit(ctx, unit) {
    const [branches, registrations] = await Promise.all([
      ctx.db.model(BranchModel).countDocuments({ unitId: unit._id }),
      ctx.db.model(RegistrationModel).countDocuments({ unitId: unit._id }),
    ]);
    return [
      { kind: 'branches', count: branches },
      { kind: 'registrations', count: registrations },
    ];
  },
  async moveUnit(ctx, { from, to }) {
    const branches = ctx.db.model(BranchModel);
    // A unit's branch sits at the unit's street.
    await branches.updateMany(
      { unitId: from._id },
      { $set: { unitId: to._id, placeId: to.streetId, streetId: to.streetId } },
    );
    if (from._id.equals(to._id)) return;
    await ctx.db.model(RegistrationModel).updateMany({ unitId: from._id }, { $set: { unitId: to._id } });
    await ctx.db.model(EvaluationModel).updateMany({ unitId: from._id }, { $set: { unitId: to._id } });
  },
});
