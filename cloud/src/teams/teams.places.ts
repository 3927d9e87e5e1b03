import { countPlaced, movePlaced, registerPlaceRecords, writeEach } from '../org/place-records';
import type { PlaceChange, PlaceRecordsContext } from '../org/place-records';
import { StationModel } from './station.model';
import { TeamMembershipModel, TeamModel, type Team, type TeamMembership } from './team.model';

/**
 * How volunteer teams and service stations follow the tree. A community merged into another brings
 * its teams; where the other already has a team of the same kind (one per code and community), the
 * members join that team and the emptied one is removed.
 */
registerPlaceRecords({
  area: 'teams',
  collections: ['stations', 'teams', 'teamMemberships'],
  async count(ctx, node) {
    return [
      { kind: 'stations', count: await countPlaced(ctx, StationModel, node) },
      { kind: 'teams', count: await countPlaced(ctx, TeamModel, node) },
    ];
  },
  async move(ctx, change) {
    await movePlaced(ctx, StationModel, change, { placeId: 'placeId' });
    if (change.from.kind === 'community' && !change.from._id.equals(change.to._id)) await mergeTeams(ctx, change);
    await movePlaced(ctx, TeamModel, change);
  },
});

async function mergeTeams(ctx: PlaceRecordsContext, { from, to }: PlaceChange) {
  const teams = ctx.db.model(TeamModel);
  const memberships = ctx.db.model(TeamMembershipModel);
  const [mine, theirs] = await Promise.all([
    teams.find({ communityId: from._id }).lean<Team[]>(),
    teams.find({ communityId: to._id }).lean<Team[]>(),
  ]);
  for (const team of mine) {
    const twin = theirs.find((t) => t.code === team.code);
    if (!twin) {
      await teams.updateOne({ _id: team._id }, { $set: { communityId: to._id } });
      await memberships.updateMany({ teamId: team._id }, { $set: { communityId: to._id } });
      continue;
    }
    const members = await memberships.find({ teamId: team._id }).lean<TeamMembership[]>();
    const there = new Set(
      (await memberships.find({ teamId: twin._id }, { personId: 1 }).lean<TeamMembership[]>()).map((m) =>
        String(m.personId),
      ),
    );
    await writeEach(
      memberships,
      members
        .filter((m) => !there.has(String(m.personId)))
        .map((m) => ({ _id: m._id, set: { teamId: twin._id, communityId: to._id } })),
    );
    await memberships.deleteMany({ teamId: team._id });
    if (!twin.leaderId && team.leaderId)
      await teams.updateOne({ _id: twin._id }, { $set: { leaderId: team.leaderId } });
    await teams.deleteOne({ _id: team._id });
  }
}
