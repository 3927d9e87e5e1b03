import type { Model, Types } from 'mongoose';
import type { Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { placeKeyOf, registerPlaceRecords, writeEach, type PlaceRecordsContext } from '../org/place-records';
import { GrantModel, type Grant } from './grant.model';
import { InvitationModel } from './invitation.model';

type Placed = Pick<Grant, '_id' | 'placeKind' | 'placeId'>;

/**
 * Grants and invitations name their place (`placeId`) and keep what lies above it denormalised
 * (`placeKeys`, `streetId`, `communityId`) so scoping needs no lookup. After a place moved, merged or
 * closed into another, `replaceAll(from, to)` points those at `from` to `to` and recomputes the
 * denormalised fields of everything at or below it from the tree as it is now. A merge that leaves
 * someone holding the same post twice at the place taking over revokes the moved one.
 */
export async function replaceAll(
  ctx: PlaceRecordsContext,
  from: { key: string; id: Types.ObjectId },
  to: { id: Types.ObjectId },
): Promise<void> {
  const merged = !from.id.equals(to.id);
  // Invitations keep only the keys; grants also the street and community.
  const models: [Model<any>, boolean][] = [
    [ctx.db.model(GrantModel), true],
    [ctx.db.model(InvitationModel), false],
  ];
  for (const [model, withIds] of models) {
    const docs = await model.find({ placeKeys: from.key }, { placeKind: 1, placeId: 1 }).lean<Placed[]>();
    const sets: { _id: unknown; set: Record<string, unknown> }[] = [];
    for (const doc of docs) {
      const placeId = merged && doc.placeId.equals(from.id) ? to.id : doc.placeId;
      const place = await placeOf(ctx, doc.placeKind, placeId);
      if (!place) continue;
      const set = withIds ? { placeId, ...place } : { placeId, placeKeys: place.placeKeys };
      sets.push({ _id: doc._id, set });
    }
    await writeEach(model, sets);
  }
  if (merged) await revokeTwins(ctx, to.id);
}

/** The denormalised fields of a grant's place, read from the tree (a unit: from its street). */
async function placeOf(ctx: PlaceRecordsContext, kind: Grant['placeKind'], placeId: Types.ObjectId) {
  if (kind === 'unit') {
    const unit = await ctx.db.model(UnitModel).findById(placeId, { streetId: 1 }).lean<Unit>();
    if (!unit) return null;
    const keys = await ctx.places.keysOf(unit.streetId);
    return { streetId: unit.streetId, communityId: null, placeKeys: [...keys, `unit:${String(placeId)}`] };
  }
  const ids = await ctx.places.placeOf(placeId);
  const keys = await ctx.places.keysOf(placeId);
  if (!keys.length) return null;
  return { streetId: ids.streetId, communityId: ids.communityId, placeKeys: keys };
}

/** A person with two active grants of one role at one place after a merge keeps the older. */
async function revokeTwins(ctx: PlaceRecordsContext, placeId: Types.ObjectId) {
  const grants = await ctx.db
    .model(GrantModel)
    .find({ placeId, revokedAt: null })
    .sort({ grantedAt: 1, _id: 1 })
    .lean<Grant[]>();
  const seen = new Set<string>();
  const twins: Types.ObjectId[] = [];
  for (const g of grants) {
    if (g.until && g.until <= ctx.now) continue;
    const key = `${String(g.personId)}:${g.role}`;
    if (seen.has(key)) twins.push(g._id);
    else seen.add(key);
  }
  if (twins.length)
    await ctx.db
      .model(GrantModel)
      .updateMany(
        { _id: { $in: twins } },
        { $set: { revokedAt: ctx.now, revokedBy: null, revokeReason: '所在地合并后与已有的同一岗位重复' } },
      );
}

const activeGrant = (now: Date) => ({ revokedAt: null, $or: [{ until: null }, { until: { $gt: now } }] });
const openInvitation = (now: Date) => ({ acceptedAt: null, cancelledAt: null, expiresAt: { $gt: now } });

async function counts(ctx: PlaceRecordsContext, key: string) {
  const [grants, invitations] = await Promise.all([
    ctx.db.model(GrantModel).countDocuments({ placeKeys: key, ...activeGrant(ctx.now) }),
    ctx.db.model(InvitationModel).countDocuments({ placeKeys: key, ...openInvitation(ctx.now) }),
  ]);
  return [
    { kind: 'grants' as const, count: grants },
    { kind: 'invitations' as const, count: invitations },
  ];
}

registerPlaceRecords({
  area: 'grants',
  collections: ['grants', 'invitations'],
  count: (ctx, node: Org) => counts(ctx, placeKeyOf(node)),
  move: (ctx, { from, to }) => replaceAll(ctx, { key: placeKeyOf(from), id: from._id }, { id: to._id }),
  countUnit: (ctx, unit) => counts(ctx, `unit:${String(unit._id)}`),
  moveUnit: (ctx, { from, to }) => replaceAll(ctx, { key: `unit:${String(from._id)}`, id: from._id }, { id: to._id }),
});
