import type { Types } from 'mongoose';
import { countPlaced, idsBelow, moveFlat, movePlaced, registerPlaceRecords, writeEach } from '../org/place-records';
import type { PlaceChange, PlaceRecordsContext } from '../org/place-records';
import { FindingModel } from './finding.model';
import { GridMemberModel, type GridMember } from './grid-member.model';
import { PatrolModel, type Patrol } from './patrol.model';

/**
 * How grids' records follow the tree: team members (their grid, community and street), patrols and
 * findings (past ones too; a patrol's visited places follow a merged complex or building). A merged
 * unit's "X" members go to the unit taking over.
 */
registerPlaceRecords({
  area: 'grids',
  collections: ['gridMembers', 'patrols', 'patrolFindings'],
  async count(ctx, node) {
    const ids = [node._id, ...(await idsBelow(ctx, node))];
    const members = await ctx.db.model(GridMemberModel).countDocuments({ gridId: { $in: ids } });
    const findings = await countPlaced(ctx, FindingModel, node, { where: { status: 'open' } });
    return [
      { kind: 'gridMembers', count: members },
      { kind: 'openFindings', count: findings },
    ];
  },
  async move(ctx, change) {
    if (change.from.kind === 'grid' && !change.from._id.equals(change.to._id)) await mergeTeams(ctx, change);
    await moveFlat(ctx, GridMemberModel, change, 'gridId', { communityId: 'communityId', streetId: 'streetId' });
    await movePlaced(ctx, PatrolModel, change);
    await movePlaced(ctx, FindingModel, change, { placeId: 'placeId' });
    if (!change.from._id.equals(change.to._id)) await moveVisited(ctx, change);
  },
  async countUnit(ctx, unit) {
    return [{ kind: 'gridMembers', count: await ctx.db.model(GridMemberModel).countDocuments({ unitId: unit._id }) }];
  },
  async moveUnit(ctx, { from, to }) {
    if (from._id.equals(to._id)) return;
    await ctx.db.model(GridMemberModel).updateMany({ unitId: from._id }, { $set: { unitId: to._id } });
  },
});

/**
 * A grid merged into another: its team joins the other's. The "1+1" holds one chief and one worker
 * per grid and a person sits on a team once (unique indexes): a member whose seat or person the
 * other team already has stays with that team's own member, and the extra record is dropped.
 */
async function mergeTeams(ctx: PlaceRecordsContext, { from, to }: PlaceChange) {
  const model = ctx.db.model(GridMemberModel);
  const [mine, theirs] = await Promise.all([
    model.find({ gridId: from._id }).lean<GridMember[]>(),
    model.find({ gridId: to._id }, { slot: 1, personKey: 1 }).lean<GridMember[]>(),
  ]);
  const slots = new Set(theirs.map((m) => m.slot));
  const people = new Set(theirs.map((m) => m.personKey));
  const drop: Types.ObjectId[] = [];
  for (const m of mine) {
    if (slots.has(m.slot) || people.has(m.personKey)) drop.push(m._id);
    else {
      slots.add(m.slot);
      people.add(m.personKey);
    }
  }
  if (drop.length) await model.deleteMany({ _id: { $in: drop } });
}

/** Patrols list the complexes and buildings visited: a merged one is named by the one taking over. */
async function moveVisited(ctx: PlaceRecordsContext, { from, to }: PlaceChange) {
  if (from.kind !== 'complex' && from.kind !== 'building') return;
  const model = ctx.db.model(PatrolModel);
  const docs = await model.find({ placeIds: from._id }, { placeIds: 1 }).lean<Patrol[]>();
  await writeEach(
    model,
    docs.map((p) => ({ _id: p._id, set: { placeIds: p.placeIds.map((id) => (id.equals(from._id) ? to._id : id)) } })),
  );
}
