import { Inject, Provide } from '@midwayjs/core';
import type { Types } from 'mongoose';
import { HANGING_KINDS, type HangingCount, type HangingKind, type OrgKind } from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { PRINCIPAL_SOURCE } from '../core/principal';
import type { Principals } from '../grants/principals';
import { recordEvents, type Actor, type EventInput } from './events';
import { orgNameKey, orgTaker, releaseName, takeName, unitNameKey, unitTaker } from './names';
import { ACTIVE, OrgModel, type Org } from './org.model';
import { PlaceResolver, placeRecords, writeEach, type PlaceChange, type PlaceRecordsContext } from './place-records';
import { UnitModel, type Unit } from './unit.model';

const CHILD_COUNT_KIND: Partial<Record<OrgKind, HangingKind>> = {
  street: 'streets',
  community: 'communities',
  grid: 'grids',
  complex: 'complexes',
  building: 'buildings',
};

/** A child renamed because its name is taken under the node it moves to. */
export interface Rename {
  id: Types.ObjectId;
  kind: OrgKind | 'unit';
  from: string;
  to: string;
}

/**
 * The mechanics of changing the tree (the use cases in tree.service.ts check who and what first).
 * Nothing here is a transaction: each step is safe to run again, so a change that stopped halfway
 * (a crash, a lost database) is completed by asking for it again.
 */
@Provide()
export class OrgChanges {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject(PRINCIPAL_SOURCE)
  principals!: Principals;

  context(): PlaceRecordsContext {
    return { db: this.db, now: this.clock.now(), places: new PlaceResolver(this.db) };
  }

  /** What still hangs on a node: active nodes below it by kind, a street's units, then every area's open records. */
  async hanging(node: Org): Promise<HangingCount[]> {
    const below = await this.db
      .model(OrgModel)
      .find({ ancestors: node._id, ...ACTIVE }, { kind: 1 })
      .lean<Org[]>();
    const counts = new Map<HangingKind, number>();
    const add = (kind: HangingKind, n: number) => n && counts.set(kind, (counts.get(kind) ?? 0) + n);
    for (const o of below) if (CHILD_COUNT_KIND[o.kind]) add(CHILD_COUNT_KIND[o.kind]!, 1);
    if (node.kind === 'street')
      add('units', await this.db.model(UnitModel).countDocuments({ streetId: node._id, ...ACTIVE }));
    const ctx = this.context();
    for (const r of placeRecords()) for (const c of (await r.count?.(ctx, node)) ?? []) add(c.kind, c.count);
    return HANGING_KINDS.filter((k) => counts.get(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
  }

  /** Direct children of `from` (and a street's units) whose name is taken under `to`, with the name they get. */
  async renamesFor(from: Org, to: Org): Promise<Rename[]> {
    const out: Rename[] = [];
    const children = await this.db
      .model(OrgModel)
      .find({ parentId: from._id, ...ACTIVE })
      .lean<Org[]>();
    const siblings = await this.db
      .model(OrgModel)
      .find({ parentId: to._id, ...ACTIVE }, { name: 1 })
      .lean<Org[]>();
    const taken = new Set(siblings.map((s) => s.name));
    for (const c of children) {
      // Community names are county-wide: moving between streets never clashes.
      if (c.kind === 'community' || !taken.has(c.name)) continue;
      const name = freeName(c.name, from.name, taken);
      taken.add(name);
      out.push({ id: c._id, kind: c.kind, from: c.name, to: name });
    }
    if (from.kind === 'street') {
      const units = await this.db
        .model(UnitModel)
        .find({ streetId: from._id, ...ACTIVE })
        .lean<Unit[]>();
      const there = await this.db
        .model(UnitModel)
        .find({ streetId: to._id, ...ACTIVE }, { name: 1 })
        .lean<Unit[]>();
      const names = new Set(there.map((u) => u.name));
      for (const u of units) {
        if (!names.has(u.name)) continue;
        const name = freeName(u.name, from.name, names);
        names.add(name);
        out.push({ id: u._id, kind: 'unit', from: u.name, to: name });
      }
    }
    return out;
  }

  /**
   * Puts `node` under `parent` (optionally renamed): its name key, parent and ancestors, then the
   * ancestors of everything below it. The name under the new parent is taken before anything moves.
   */
  async reparent(node: Org, parent: Org, name = node.name): Promise<Org> {
    const now = this.clock.now();
    const model = this.db.model(OrgModel);
    const oldKey = orgNameKey(node);
    const newKey = orgTaker(node.kind, parent, name, node._id).key;
    if (newKey !== oldKey || node.active === false)
      await takeName(this.db, orgTaker(node.kind, parent, name, node._id), now);
    const ancestors = [...parent.ancestors, parent._id];
    await model.updateOne({ _id: node._id }, { $set: { parentId: parent._id, ancestors, name } });
    const below = await model.find({ ancestors: node._id }, { ancestors: 1 }).lean<Org[]>();
    await writeEach(
      model,
      below.map((d) => {
        const at = d.ancestors.findIndex((a) => a.equals(node._id));
        return { _id: d._id, set: { ancestors: [...ancestors, node._id, ...d.ancestors.slice(at + 1)] } };
      }),
    );
    if (newKey !== oldKey) await releaseName(this.db, oldKey, node._id);
    return { ...node, parentId: parent._id, ancestors, name };
  }

  /** Every area's records follow a change (registered in `<area>.places.ts`). */
  async followRecords(change: PlaceChange): Promise<void> {
    const ctx = this.context();
    await ctx.places.preload(change.to);
    for (const r of placeRecords()) await r.move?.(ctx, change);
  }

  /** Moves a node (with everything below it and every record there) under a new parent. */
  async move(node: Org, parent: Org): Promise<Org> {
    const moved = await this.reparent(node, parent);
    await this.followRecords({ from: moved, to: moved });
    await this.principals.changedAll();
    return moved;
  }

  /**
   * Everything under and at `from` goes to `to` (same kind): its children (renamed when their name
   * is taken there), a street's units, and every area's records; then `from` is closed. Renamed
   * and moved children get their own events.
   */
  async mergeInto(from: Org, to: Org, actor: Actor, reason: string | null): Promise<Rename[]> {
    const renames = await this.renamesFor(from, to);
    const newName = new Map(renames.map((r) => [String(r.id), r.to]));
    const events: EventInput[] = [];
    const children = await this.db
      .model(OrgModel)
      .find({ parentId: from._id, ...ACTIVE })
      .lean<Org[]>();
    for (const c of children) {
      const name = newName.get(String(c._id)) ?? c.name;
      await this.reparent(c, to, name);
      events.push({
        subjectKind: c.kind,
        subjectId: c._id,
        otherId: to._id,
        action: 'move',
        before: { parentId: String(from._id), parentName: from.name, ...(name !== c.name ? { name: c.name } : {}) },
        after: { parentId: String(to._id), parentName: to.name, ...(name !== c.name ? { name } : {}) },
        reason: `随「${from.name}」并入「${to.name}」`,
      });
    }
    if (from.kind === 'street') events.push(...(await this.moveUnits(from, to, newName)));
    await this.followRecords({ from, to });
    await this.close(from, to);
    await recordEvents(
      this.db,
      actor,
      this.clock.now(),
      events.map((e) => ({ ...e, reason: e.reason ?? reason })),
    );
    return renames;
  }

  /** A street's units go to another street (renamed where the name is taken there). */
  private async moveUnits(from: Org, to: Org, newName: Map<string, string>): Promise<EventInput[]> {
    const model = this.db.model(UnitModel);
    const events: EventInput[] = [];
    for (const u of await model.find({ streetId: from._id, ...ACTIVE }).lean<Unit[]>()) {
      const name = newName.get(String(u._id)) ?? u.name;
      await takeName(this.db, unitTaker(to, name, u._id), this.clock.now());
      await model.updateOne({ _id: u._id }, { $set: { streetId: to._id, name } });
      await releaseName(this.db, unitNameKey(u), u._id);
      events.push({
        subjectKind: 'unit',
        subjectId: u._id,
        otherId: to._id,
        action: 'move',
        before: { streetId: String(from._id), parentName: from.name, ...(name !== u.name ? { name: u.name } : {}) },
        after: { streetId: String(to._id), parentName: to.name, ...(name !== u.name ? { name } : {}) },
      });
    }
    return events;
  }

  /** Closes a node: kept for history, its name free again, pointing at where its contents went. */
  async close(node: Org, into: Org | null): Promise<void> {
    await this.db
      .model(OrgModel)
      .updateOne({ _id: node._id }, { $set: { active: false, mergedInto: into?._id ?? null } });
    await releaseName(this.db, orgNameKey(node), node._id);
    // Grants, homes and scopes read the tree: every principal is read again on its next request.
    await this.principals.changedAll();
  }
}

/** "1号楼（原南门小区）", then "…（原南门小区）2" while that is taken too. */
function freeName(name: string, fromName: string, taken: Set<string>): string {
  const base = `${name}（原${fromName}）`.slice(0, 40);
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}${i}`;
  return candidate;
}
