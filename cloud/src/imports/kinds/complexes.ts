import type { Types } from 'mongoose';
import type { ComplexRow } from '@gongzhi/shared';
import { ACTIVE, OrgModel, type Org } from '../../org/org.model';
import {
  communityOf,
  insertIgnoringDuplicates,
  isProblem,
  keyId,
  setEach,
  shownFlag,
  shownText,
  type ImportContext,
  type ImportKindDef,
} from '../kind';
import { OrgChanges } from '../../org/tree-changes';

interface ComplexData {
  _id: Types.ObjectId;
  name: string;
  community: Org;
  grid: Org;
  old: boolean;
  hasProperty: boolean;
  buildings: number;
}
interface StoredComplex {
  org: Org;
  gridName: string;
  buildings: number;
}

const gridsOf = new WeakMap<ImportContext, Map<string, Org>>();

/**
 * 小区 keyed by name within its community: a row naming another grid of the community moves the
 * complex there (with its buildings) instead of adding it twice. 楼栋数 N makes sure buildings
 * 1号楼…N号楼 exist (never removes any). A stopped complex stays stopped; its row still matches it.
 */
export const complexesKind: ImportKindDef<ComplexRow, ComplexData, StoredComplex> = {
  kind: 'complexes',
  async prepare(ctx) {
    const grids = await ctx.db
      .model(OrgModel)
      .find({ kind: 'grid', ...ACTIVE, parentId: { $in: [...ctx.communities.values()].map((c) => c._id) } })
      .lean<Org[]>();
    gridsOf.set(ctx, new Map(grids.map((g) => [`${g.parentId}/${g.name}`, g])));
  },
  plan(ctx, row) {
    const community = communityOf(ctx, row.community);
    if (isProblem(community)) return community;
    const grid = gridsOf.get(ctx)!.get(`${community._id}/${row.grid}`);
    if (!grid) return { column: 'grid', message: `${row.community}没有名为「${row.grid}」的网格` };
    const key = `${community._id}/${row.name}`;
    return {
      key,
      view: { grid: row.grid, old: row.old, hasProperty: row.hasProperty, buildings: row.buildings },
      data: {
        _id: keyId('complex', key),
        name: row.name,
        community,
        grid,
        old: row.old,
        hasProperty: row.hasProperty,
        buildings: row.buildings,
      },
    };
  },
  async existing(ctx) {
    const model = ctx.db.model(OrgModel);
    const communities = new Set([...ctx.communities.values()].map((c) => String(c._id)));
    const docs = (
      await model
        .find({ kind: 'complex', ...ACTIVE, ancestors: { $in: [...ctx.communities.values()].map((c) => c._id) } })
        .lean<Org[]>()
    ).filter((d) => d.ancestors.some((a) => communities.has(String(a))));
    const gridNames = new Map([...gridsOf.get(ctx)!.values()].map((g) => [String(g._id), g.name]));
    const buildings = await model
      .find({ kind: 'building', parentId: { $in: docs.map((d) => d._id) } }, { parentId: 1 })
      .lean<Org[]>();
    const count = new Map<string, number>();
    for (const b of buildings) count.set(String(b.parentId), (count.get(String(b.parentId)) ?? 0) + 1);
    const communityOfDoc = (d: Org) => d.ancestors.find((a) => communities.has(String(a)));
    return new Map(
      docs.map((d) => [
        `${communityOfDoc(d)}/${d.name}`,
        { org: d, gridName: gridNames.get(String(d.parentId)) ?? '', buildings: count.get(String(d._id)) ?? 0 },
      ]),
    );
  },
  viewOf(_ctx, d) {
    return { grid: d.gridName, old: !!d.org.old, hasProperty: !!d.org.hasProperty, buildings: d.buildings };
  },
  history: {
    rowKind: 'complex',
    show: (_ctx, v) => ({
      grid: shownText(v.grid),
      old: shownFlag(v.old),
      hasProperty: v.hasProperty ? '有' : '无',
      buildings: shownText(v.buildings),
    }),
    rowOf: (_ctx, doc, plan) => ({ rowId: doc.org._id, communityId: plan.data.community._id }),
  },
  async write(ctx, fresh, changed) {
    const model = ctx.db.model(OrgModel);
    const complexes = fresh.map((p) => ({
      _id: p.data._id,
      kind: 'complex' as const,
      name: p.data.name,
      parentId: p.data.grid._id,
      ancestors: [...p.data.grid.ancestors, p.data.grid._id],
      old: p.data.old,
      hasProperty: p.data.hasProperty,
    }));
    await insertIgnoringDuplicates(model, complexes);
    await setEach(
      model,
      changed.map(({ plan, doc }) => ({
        filter: { _id: doc.org._id },
        set: { old: plan.data.old, hasProperty: plan.data.hasProperty },
      })),
    );
    // Another grid named: the same complex moves there (its buildings and records with it).
    const moved: Org[] = [];
    const tree = await ctx.resolve(OrgChanges);
    for (const { plan, doc } of changed) {
      if (doc.org.parentId?.equals(plan.data.grid._id)) {
        moved.push(doc.org);
        continue;
      }
      await tree.move(doc.org, plan.data.grid);
      moved.push({
        ...doc.org,
        parentId: plan.data.grid._id,
        ancestors: [...plan.data.grid.ancestors, plan.data.grid._id],
      });
    }
    // Buildings 1..N under each complex, with ids derived from the complex: re-running adds nothing.
    const targets = [
      ...complexes.map((c, i) => ({ complex: c as Org, n: fresh[i].data.buildings })),
      ...changed.map(({ plan }, i) => ({ complex: moved[i], n: plan.data.buildings })),
    ];
    const buildings = targets.flatMap(({ complex, n }) =>
      Array.from({ length: n }, (_, b) => ({
        _id: keyId('building', `${complex._id}/${b + 1}`),
        kind: 'building' as const,
        name: `${b + 1}号楼`,
        parentId: complex._id,
        ancestors: [...complex.ancestors, complex._id],
      })),
    );
    const have = await model
      .find({ kind: 'building', parentId: { $in: targets.map((t) => t.complex._id) } }, { name: 1, parentId: 1 })
      .lean<Org[]>();
    const taken = new Set(have.map((b) => `${b.parentId}/${b.name}`));
    await insertIgnoringDuplicates(
      model,
      buildings.filter((b) => !taken.has(`${b.parentId}/${b.name}`)),
    );
  },
};
