import { Types, type Model } from 'mongoose';
import type { HangingCount } from '@gongzhi/shared';
import type { Db, ModelDef } from '../core/db';
import { placeKeysOf } from '../core/place-keys';
import { OrgModel, type Org } from './org.model';
import type { Unit } from './unit.model';

/**
 * A change of the tree that records follow. Merge or close with a target: `from` is the node going
 * away and `to` the one taking over (its children are already re-parented under `to`). Move: both are
 * the node itself, already under its new parent, so only the places above it change.
 */
export interface PlaceChange {
  from: Org;
  to: Org;
}

/** A unit merged into another (`from` → `to`), or moved to another street (both the unit, with its new street). */
export interface UnitChange {
  from: Unit;
  to: Unit;
}

export interface PlaceRecordsContext {
  db: Db;
  now: Date;
  /** Places as the tree is now (after the change), cached for one change. */
  places: PlaceResolver;
}

/**
 * How one area's records follow the tree. Each area declares it in its own `<area>.places.ts`, which
 * the app loads with every other file under cloud/src: a new area plugs in with that one file.
 * - `count`: what is still open or living at the node or below it (the impact of closing it);
 *   closed history is not counted: it may stay where it happened.
 * - `move`: every record at the node or below it (history included, so no figure counts a place
 *   twice or loses one) follows the change. Must be safe to run again: a change that crashed halfway
 *   is completed by running it again.
 */
export interface PlaceRecords {
  area: string;
  /** Every collection of the area whose records name a place or a unit (a unit test holds this list complete). */
  collections: readonly string[];
  count?(ctx: PlaceRecordsContext, node: Org): Promise<HangingCount[]>;
  move?(ctx: PlaceRecordsContext, change: PlaceChange): Promise<void>;
  countUnit?(ctx: PlaceRecordsContext, unit: Unit): Promise<HangingCount[]>;
  moveUnit?(ctx: PlaceRecordsContext, change: UnitChange): Promise<void>;
}

const registry = new Map<string, PlaceRecords>();

export function registerPlaceRecords(records: PlaceRecords): void {
  registry.set(records.area, records);
}

export function placeRecords(): PlaceRecords[] {
  return [...registry.values()];
}

/** The ids of a place by kind (null where the place does not go that deep). */
export interface PlaceIds {
  streetId: Types.ObjectId | null;
  communityId: Types.ObjectId | null;
  gridId: Types.ObjectId | null;
  complexId: Types.ObjectId | null;
  buildingId: Types.ObjectId | null;
}

const FIELD_OF = {
  street: 'streetId',
  community: 'communityId',
  grid: 'gridId',
  complex: 'complexId',
  building: 'buildingId',
} as const;
type PlaceKind = keyof typeof FIELD_OF;
export const isPlaceKind = (kind: string): kind is PlaceKind => kind in FIELD_OF;

/** Nodes by id with their chain of ancestors, read once per change. */
export class PlaceResolver {
  private nodes = new Map<string, Org>();

  constructor(private readonly db: Db) {}

  /** Reads a node's subtree and ancestors at once (a change touches mostly those). */
  async preload(root: Org): Promise<void> {
    const model = this.db.model(OrgModel);
    const [below, above] = await Promise.all([
      model.find({ ancestors: root._id }).lean<Org[]>(),
      model.find({ _id: { $in: root.ancestors } }).lean<Org[]>(),
    ]);
    for (const o of [root, ...below, ...above]) this.nodes.set(String(o._id), o);
  }

  async node(id: Types.ObjectId | string): Promise<Org | null> {
    const hit = this.nodes.get(String(id));
    if (hit) return hit;
    const org = await this.db.model(OrgModel).findById(id).lean<Org>();
    if (org) this.nodes.set(String(id), org);
    return org;
  }

  /** The node and every node above it, county first. */
  async chain(id: Types.ObjectId | string): Promise<Org[]> {
    const org = await this.node(id);
    if (!org) return [];
    const above = await Promise.all(org.ancestors.map((a) => this.node(a)));
    return [...above.filter((o): o is Org => !!o), org];
  }

  async placeOf(id: Types.ObjectId | string): Promise<PlaceIds> {
    const chain = await this.chain(id);
    const find = (kind: PlaceKind) => chain.find((o) => o.kind === kind)?._id ?? null;
    return {
      streetId: find('street'),
      communityId: find('community'),
      gridId: find('grid'),
      complexId: find('complex'),
      buildingId: find('building'),
    };
  }

  /** `<kind>:<id>` of the node and everything above it (the grants' and invitations' placeKeys). */
  async keysOf(id: Types.ObjectId | string): Promise<string[]> {
    return (await this.chain(id)).map((o) => `${o.kind}:${String(o._id)}`);
  }
}

/** `{ 'place.communityId': id }`: records whose place lies at or under a node; null for kinds a place never names. */
export function placeFilter(node: Pick<Org, '_id' | 'kind'>, field = 'place'): Record<string, Types.ObjectId> | null {
  return isPlaceKind(node.kind) ? { [`${field}.${FIELD_OF[node.kind]}`]: node._id } : null;
}

/** The same as one top-level key, for records carrying `placeKeys` (pushed down to PostgreSQL). */
export const placeKeyOf = (node: Pick<Org, '_id' | 'kind'>) => `${node.kind}:${String(node._id)}`;

/** The most precise node a place names, with the node going away replaced by the one taking over. */
export function deepestAfter(place: Partial<PlaceIds>, change: PlaceChange): Types.ObjectId | null {
  const deepest = place.buildingId ?? place.complexId ?? place.gridId ?? place.communityId ?? place.streetId ?? null;
  if (!deepest) return null;
  return deepest.equals(change.from._id) ? change.to._id : deepest;
}

/** Whether a record already holds what would be set (a moved node's records often keep their ids). */
function same(doc: Record<string, unknown>, set: Record<string, unknown>): boolean {
  return Object.entries(set).every(
    ([k, v]) => k === 'placeKeys' || JSON.stringify(doc[k] ?? null) === JSON.stringify(v ?? null),
  );
}

/**
 * Updates per bulkWrite: FerretDB 1.24 on PostgreSQL hung on large bulk writes (core/backfill.ts).
 */
const BATCH = 10;

export async function writeEach(model: Model<any>, sets: { _id: unknown; set: Record<string, unknown> }[]) {
  for (let i = 0; i < sets.length; i += BATCH) {
    const ops = sets
      .slice(i, i + BATCH)
      .map((s) => ({ updateOne: { filter: { _id: s._id }, update: { $set: s.set } } }));
    await model.bulkWrite(ops as never[], { ordered: false });
  }
}

interface PlacedOptions {
  /** The place field: a Place (core/place.ts) or a whistle's place. */
  field?: string;
  /** The records also carry `placeKeys` (core/place-keys.ts): they are found by it and it is recomputed. */
  placeKeys?: boolean;
  /** A flat id of the most precise node kept beside the place (activities' and stations' `placeId`). */
  placeId?: string;
  /** Only these records (e.g. open ones for a count). */
  where?: Record<string, unknown>;
}

/** The filter of records with a place at or under `node`; null when no place names that kind. */
export function placedFilter(node: Org, o: PlacedOptions = {}): Record<string, unknown> | null {
  const at = o.placeKeys
    ? isPlaceKind(node.kind)
      ? { placeKeys: placeKeyOf(node) }
      : null
    : placeFilter(node, o.field);
  return at ? { ...at, ...o.where } : null;
}

/** Counts records with a place at or under `node`. */
export async function countPlaced<T>(ctx: PlaceRecordsContext, def: ModelDef<T>, node: Org, o: PlacedOptions = {}) {
  const filter = placedFilter(node, o);
  return filter ? ctx.db.model(def).countDocuments(filter as never) : 0;
}

/**
 * Makes records with a place follow a change: each record's most precise node (the one going away
 * replaced by the one taking over) is resolved again against the tree as it is now, and the place,
 * its `placeKeys` and `placeId` are rewritten from it. Running it twice changes nothing more.
 */
export async function movePlaced<T>(
  ctx: PlaceRecordsContext,
  def: ModelDef<T>,
  change: PlaceChange,
  o: PlacedOptions = {},
): Promise<number> {
  const field = o.field ?? 'place';
  const filter = placedFilter(change.from, o);
  if (!filter) return 0;
  const model = ctx.db.model(def);
  const projection: Record<string, 1> = { [field]: 1, ...(o.placeId ? { [o.placeId]: 1 } : {}) };
  // Read first, then write: the writes take the records out of the filter (a cursor could skip some).
  const docs = await model.find(filter as never, projection).lean<Record<string, any>[]>();
  const sets: { _id: unknown; set: Record<string, unknown> }[] = [];
  for (const doc of docs) {
    const place = doc[field] as PlaceIds | null;
    if (!place) continue;
    const deepest = deepestAfter(place, change);
    if (!deepest) continue;
    const ids = await ctx.places.placeOf(deepest);
    const next = { ...place, ...ids };
    const set: Record<string, unknown> = { [field]: next };
    if (o.placeKeys) set.placeKeys = placeKeysOf(next);
    if (o.placeId && doc[o.placeId] && new Types.ObjectId(String(doc[o.placeId])).equals(change.from._id))
      set[o.placeId] = change.to._id;
    if (!same(doc, set)) sets.push({ _id: doc._id, set });
  }
  await writeEach(model, sets);
  return sets.length;
}

/** Ids of every node under `root` (not `root` itself). */
export async function idsBelow(ctx: PlaceRecordsContext, root: Pick<Org, '_id'>): Promise<Types.ObjectId[]> {
  const below = await ctx.db.model(OrgModel).find({ ancestors: root._id }, { _id: 1 }).lean<Org[]>();
  return below.map((b) => b._id);
}

/**
 * Records keyed by one flat node id (`placeId`, `communityId`, `gridId`…), maybe with ids above it
 * denormalised beside it (`denorm`: field → which id of the place, e.g. `{ streetId: 'streetId' }`):
 * the id moves from `from` to `to`, and the denormalised ids follow the node. Found by the id (for a
 * moved node, the id of anything under it too) or, for a merge, by a denormalised id naming `from`.
 */
export async function moveFlat<T>(
  ctx: PlaceRecordsContext,
  def: ModelDef<T>,
  change: PlaceChange,
  idField: string,
  denorm: Record<string, keyof PlaceIds> = {},
): Promise<number> {
  const { from, to } = change;
  const moved = from._id.equals(to._id);
  const or: Record<string, unknown>[] = [{ [idField]: from._id }];
  const fields = Object.entries(denorm);
  if (moved && fields.length) {
    const below = await idsBelow(ctx, from);
    if (below.length) or.push({ [idField]: { $in: below } });
  }
  if (!moved) for (const [f, k] of fields) if (k === `${from.kind}Id`) or.push({ [f]: from._id });
  const model = ctx.db.model(def);
  const projection = Object.fromEntries([idField, ...fields.map(([f]) => f)].map((f) => [f, 1]));
  const docs = await model
    .find((or.length === 1 ? or[0] : { $or: or }) as never, projection)
    .lean<Record<string, any>[]>();
  const sets: { _id: unknown; set: Record<string, unknown> }[] = [];
  for (const doc of docs) {
    const at = doc[idField] as Types.ObjectId | null;
    if (!at) continue;
    const nodeId = at.equals(from._id) ? to._id : at;
    const set: Record<string, unknown> = { [idField]: nodeId };
    if (fields.length) {
      const place = await ctx.places.placeOf(nodeId);
      for (const [f, k] of fields) set[f] = place[k] ?? doc[f];
    }
    if (!same(doc, set)) sets.push({ _id: doc._id, set });
  }
  await writeEach(model, sets);
  return sets.length;
}
