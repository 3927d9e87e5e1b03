import type { Types } from 'mongoose';
import type { Db } from '../../core/db';
import { placeKeyOf } from '../../core/place-keys';
import { OrgModel, type Org } from '../../org/org.model';

/**
 * Collections whose records carry a `place` (core/place.ts) and so a complex's grid. A complex
 * corrected to another grid was always in that grid: its records follow, so the new grid's worker
 * sees them and grid figures count them once, in the right grid.
 */
const PLACED = [
  'needs',
  'whistles',
  'activities',
  'resources',
  'bookings',
  'projects',
  'patrolFindings',
  'teams',
  'stations',
];

/**
 * Moves a complex, with its buildings, under another grid of the same community: the minimal
 * "move an org node" the rosters need (the org area's general tree administration may replace it).
 * The node keeps its id, so everything that points at it — residents' homes, party and resident
 * records — stays attached, and every count still finds it once. Street and community are
 * unchanged, so no one's place in the tree (principals) changes.
 */
export async function moveComplexToGrid(db: Db, complex: Org, grid: Org): Promise<void> {
  if (complex.parentId && complex.parentId.equals(grid._id)) return;
  const orgs = db.model(OrgModel);
  const ancestors = [...grid.ancestors, grid._id];
  await orgs.updateOne({ _id: complex._id }, { $set: { parentId: grid._id, ancestors } });
  // Buildings (and anything below them): the path above the complex is replaced, the rest kept.
  const below = await orgs.find({ ancestors: complex._id }, { ancestors: 1 }).lean<Org[]>();
  if (below.length)
    await orgs.bulkWrite(
      below.map((o) => {
        const rest = o.ancestors.slice(o.ancestors.findIndex((a) => a.equals(complex._id)));
        return { updateOne: { filter: { _id: o._id }, update: { $set: { ancestors: [...ancestors, ...rest] } } } };
      }),
      { ordered: false },
    );
  await movePlacedRecords(db, complex._id, complex.parentId, grid._id);
}

async function movePlacedRecords(
  db: Db,
  complexId: Types.ObjectId,
  from: Types.ObjectId | null,
  to: Types.ObjectId,
): Promise<void> {
  for (const name of PLACED) {
    const records = db.connection.collection(name);
    await records.updateMany({ 'place.complexId': complexId }, { $set: { 'place.gridId': to } });
  }
  // Needs are scoped by top-level keys too (needs/need.model placeKeys): swap the grid's key.
  const needs = db.connection.collection('needs');
  const complexKey = placeKeyOf('complex', complexId);
  if (from)
    await needs.updateMany({ placeKeys: complexKey }, { $pull: { placeKeys: placeKeyOf('grid', from) } } as never);
  await needs.updateMany({ placeKeys: complexKey }, { $addToSet: { placeKeys: placeKeyOf('grid', to) } } as never);
}
