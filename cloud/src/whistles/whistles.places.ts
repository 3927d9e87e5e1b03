import type { Types } from 'mongoose';
import { countPlaced, movePlaced, placeFilter, registerPlaceRecords, writeEach } from '../org/place-records';
import type { Org } from '../org/org.model';
import type { PlaceRecordsContext, PlaceChange } from '../org/place-records';
import { WhistleEscalationModel } from './whistle-escalation.model';
import { WhistleEventModel } from './whistle-event.model';
import { WhistleModel, targetKeyOf, type Whistle, type WhistleTarget } from './whistle.model';

const OPEN = { status: { $ne: 'closed' } };
/** Target kinds that name an org node, by the node's kind (party members are a community's). */
const TARGET_KIND: Partial<Record<Org['kind'], WhistleTarget['kind']>> = {
  street: 'street',
  department: 'department',
  community: 'partyMembers',
};

/**
 * How whistles follow the tree: their place (closed ones too), their origin, and the targets that
 * must report — a merged street's, department's or community's targets go to the one taking over,
 * with their timeline (the events are keyed by the target).
 */
registerPlaceRecords({
  area: 'whistles',
  collections: ['whistles', 'whistleEvents', 'whistleEscalations'],
  async count(ctx, node) {
    const placed = await countPlaced(ctx, WhistleModel, node, { where: OPEN });
    const kind = TARGET_KIND[node.kind];
    const here = placeFilter(node);
    // Whistles addressed to the node but blown elsewhere (to a department, or from another street).
    const addressed = kind
      ? await ctx.db.model(WhistleModel).countDocuments({
          targetKeys: `${kind}:${String(node._id)}`,
          ...OPEN,
          ...(here ? { [Object.keys(here)[0]]: { $ne: node._id } } : {}),
        })
      : 0;
    return [{ kind: 'openWhistles', count: placed + addressed }];
  },
  async move(ctx, change) {
    await movePlaced(ctx, WhistleModel, change);
    if (!change.from._id.equals(change.to._id)) await moveTargets(ctx, change);
  },
});

async function moveTargets(ctx: PlaceRecordsContext, { from, to }: PlaceChange) {
  const model = ctx.db.model(WhistleModel);
  const sets: { _id: Types.ObjectId; set: Record<string, unknown> }[] = [];
  const origins = await model.find({ 'origin.refId': from._id }, { origin: 1 }).lean<Whistle[]>();
  for (const w of origins) sets.push({ _id: w._id, set: { origin: { ...w.origin, refId: to._id, name: to.name } } });
  await writeEach(model, sets);
  const kind = TARGET_KIND[from.kind];
  if (!kind) return;
  const oldKey = `${kind}:${String(from._id)}`;
  const newKey = `${kind}:${String(to._id)}`;
  const addressed = await model.find({ targetKeys: oldKey }, { targets: 1, targetKeys: 1 }).lean<Whistle[]>();
  for (const w of addressed) {
    // Addressed to both: the two targets keep their own timelines (one is answered by the other's people).
    if (w.targetKeys.includes(newKey)) continue;
    // Events first: a stop after this leaves the projection to be redone, never a target without its timeline.
    const keyed = { whistleId: w._id, targetKey: oldKey };
    await ctx.db.model(WhistleEventModel).updateMany(keyed, { $set: { targetKey: newKey } });
    await ctx.db.model(WhistleEscalationModel).updateMany(keyed, { $set: { targetKey: newKey } });
    const targets = w.targets.map((t) => (targetKeyOf(t) === oldKey ? { ...t, orgId: to._id, name: to.name } : t));
    await model.updateOne(
      { _id: w._id },
      { $set: { targets, targetKeys: w.targetKeys.map((k) => (k === oldKey ? newKey : k)) } },
    );
  }
}
