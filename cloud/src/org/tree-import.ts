import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { OrgKind } from '@gongzhi/shared';
import type { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { insertNew } from '../core/insert-new';
import { actorOf, recordEvents, type EventInput } from './events';
import { orgTaker, takeName } from './names';
import { ACTIVE, OrgModel, type Org } from './org.model';
import type { OrgChanges } from './tree-changes';

/**
 * The tree as the org-tree import reads it, by the names a spreadsheet uses: streets and communities
 * by name (county-wide), grids and complexes within their community, buildings within their complex.
 * A complex is found in its community whichever grid it is under: a row naming it under another grid
 * moves it there instead of making a second one.
 */
export class TreeIndex {
  county: Org | null = null;
  readonly byId = new Map<string, Org>();
  readonly streets = new Map<string, Org>();
  readonly communities = new Map<string, Org>();
  readonly grids = new Map<string, Org>();
  readonly complexes = new Map<string, Org>();
  readonly buildings = new Map<string, Org>();

  static async load(db: Db): Promise<TreeIndex> {
    const index = new TreeIndex();
    const orgs = await db
      .model(OrgModel)
      .find({ kind: { $in: ['county', 'street', 'community', 'grid', 'complex', 'building'] }, ...ACTIVE })
      .lean<Org[]>();
    // Parents before children: a node's key names its community or complex.
    for (const o of orgs.sort((a, b) => a.ancestors.length - b.ancestors.length)) index.add(o);
    return index;
  }

  add(o: Org): void {
    this.byId.set(String(o._id), o);
    const community = o.ancestors.map((a) => this.byId.get(String(a))).find((a) => a?.kind === 'community');
    if (o.kind === 'county') this.county = o;
    else if (o.kind === 'street') this.streets.set(o.name, o);
    else if (o.kind === 'community') this.communities.set(o.name, o);
    else if (o.kind === 'grid' && community) this.grids.set(`${community._id}/${o.name}`, o);
    else if (o.kind === 'complex' && community) this.complexes.set(`${community._id}/${o.name}`, o);
    else if (o.kind === 'building') this.buildings.set(`${o.parentId}/${o.name}`, o);
  }

  /** A moved complex: under its new grid, and its buildings' ancestors with it. */
  moved(complex: Org): void {
    this.byId.set(String(complex._id), complex);
    for (const [k, b] of this.buildings)
      if (b.parentId?.equals(complex._id))
        this.buildings.set(k, { ...b, ancestors: [...complex.ancestors, complex._id] });
  }

  streetOf(community: Org): Org | undefined {
    return this.byId.get(String(community.ancestors.at(-1)));
  }
}

/** What a row asks for, by name; flags null where the row does not say. */
export interface TreePath {
  street: string;
  community: string;
  grid: string | null;
  complex: string | null;
  building: string | null;
  old: boolean | null;
  hasProperty: boolean | null;
  location: { lng: number; lat: number } | null;
}

/** A stable id from the parent and the name: two imports of one file at once make one node. */
const importId = (parent: Types.ObjectId, name: string) =>
  new Types.ObjectId(createHash('sha256').update(`gongzhi:orgTree:${parent}/${name}`).digest('hex').slice(0, 24));

/**
 * Writes the nodes of one row that are not there yet (names taken as in the product), moves its
 * complex to the row's grid when it sits under another, and sets the complex's flags the row states.
 * Every creation, move and change is an event (source: import).
 */
export async function writePath(
  db: Db,
  changes: OrgChanges,
  index: TreeIndex,
  user: Principal,
  now: Date,
  p: TreePath,
): Promise<void> {
  const events: EventInput[] = [];
  const ensure = async (
    kind: OrgKind,
    parent: Org,
    name: string,
    existing: Org | undefined,
    extra: Partial<Org> = {},
  ) => {
    if (existing) return existing;
    const _id = importId(parent._id, name);
    await takeName(db, orgTaker(kind, parent, name, _id), now);
    const org: Org = {
      _id,
      kind,
      name,
      parentId: parent._id,
      ancestors: [...parent.ancestors, parent._id],
      active: true,
      ...extra,
    };
    await insertNew(db.model(OrgModel), [org]);
    index.add(org);
    events.push({
      subjectKind: kind,
      subjectId: _id,
      otherId: parent._id,
      action: 'create',
      after: { name, parentId: String(parent._id), parentName: parent.name, ...extra },
      source: 'import',
    });
    return org;
  };
  try {
    const street = await ensure('street', index.county!, p.street, index.streets.get(p.street));
    const community = await ensure('community', street, p.community, index.communities.get(p.community));
    if (!p.grid) return;
    const grid = await ensure('grid', community, p.grid, index.grids.get(`${community._id}/${p.grid}`));
    if (!p.complex) return;
    const flags: Partial<Org> = {};
    if (p.old !== null) flags.old = p.old;
    if (p.hasProperty !== null) flags.hasProperty = p.hasProperty;
    if (p.location) flags.location = p.location;
    const found = index.complexes.get(`${community._id}/${p.complex}`);
    let complex = await ensure('complex', grid, p.complex, found, { old: false, hasProperty: false, ...flags });
    if (found && !found.parentId?.equals(grid._id)) {
      const from = index.byId.get(String(found.parentId));
      complex = await changes.move(found, grid);
      index.moved(complex);
      index.complexes.set(`${community._id}/${p.complex}`, complex);
      events.push({
        subjectKind: 'complex',
        subjectId: complex._id,
        otherId: grid._id,
        action: 'move',
        before: { parentId: String(found.parentId), parentName: from?.name ?? '' },
        after: { parentId: String(grid._id), parentName: grid.name },
        source: 'import',
      });
    }
    if (found) {
      const changed = Object.entries(flags).filter(
        ([k, v]) => JSON.stringify(found[k as keyof Org] ?? null) !== JSON.stringify(v),
      );
      if (changed.length) {
        const set = Object.fromEntries(changed);
        await db.model(OrgModel).updateOne({ _id: complex._id }, { $set: set });
        complex = { ...complex, ...set };
        index.complexes.set(`${community._id}/${p.complex}`, complex);
        index.byId.set(String(complex._id), complex);
        events.push({
          subjectKind: 'complex',
          subjectId: complex._id,
          action: 'update',
          before: Object.fromEntries(changed.map(([k]) => [k, found[k as keyof Org] ?? null])),
          after: set,
          source: 'import',
        });
      }
    }
    if (p.building) await ensure('building', complex, p.building, index.buildings.get(`${complex._id}/${p.building}`));
  } finally {
    if (events.length) await recordEvents(db, actorOf(user), now, events);
  }
}
