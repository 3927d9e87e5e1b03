import type { Types } from 'mongoose';
import type { ComplexRow } from '@gongzhi/shared';
import { OrgModel, type Org } from '../../org/org.model';
import {
  communityOf,
  insertIgnoringDuplicates,
  isProblem,
  keyId,
  setEach,
  type ImportContext,
  type ImportKindDef,
} from '../kind';

interface ComplexData {
  _id: Types.ObjectId;
  name: string;
  grid: Org;
  old: boolean;
  hasProperty: boolean;
  buildings: number;
}
interface StoredComplex {
  org: Org;
  buildings: number;
}

const gridsOf = new WeakMap<ImportContext, Map<string, Org>>();

/** 小区 keyed by name + grid; 楼栋数 N makes sure buildings 1号楼…N号楼 exist (never removes any). */
export const complexesKind: ImportKindDef<ComplexRow, ComplexData, StoredComplex> = {
  kind: 'complexes',
  async prepare(ctx) {
    const grids = await ctx.db
      .model(OrgModel)
      .find({ kind: 'grid', parentId: { $in: [...ctx.communities.values()].map((c) => c._id) } })
      .lean<Org[]>();
    gridsOf.set(ctx, new Map(grids.map((g) => [`${g.parentId}/${g.name}`, g])));
  },
  plan(ctx, row) {
    const community = communityOf(ctx, row.community);
    if (isProblem(community)) return community;
    const grid = gridsOf.get(ctx)!.get(`${community._id}/${row.grid}`);
    if (!grid) return { column: 'grid', message: `${row.community}没有名为「${row.grid}」的网格` };
    const key = `${grid._id}/${row.name}`;
    return {
      key,
      view: { old: row.old, hasProperty: row.hasProperty, buildings: row.buildings },
      data: {
        _id: keyId('complex', key),
        name: row.name,
        grid,
        old: row.old,
        hasProperty: row.hasProperty,
        buildings: row.buildings,
      },
    };
  },
  async existing(ctx, plans) {
    const model = ctx.db.model(OrgModel);
    const docs = await model
      .find({ kind: 'complex', parentId: { $in: [...new Set(plans.map((p) => String(p.data.grid._id)))] } })
      .lean<Org[]>();
    const buildings = await model
      .find({ kind: 'building', parentId: { $in: docs.map((d) => d._id) } }, { parentId: 1 })
      .lean<Org[]>();
    const count = (id: Types.ObjectId) => buildings.filter((b) => b.parentId!.equals(id)).length;
    return new Map(docs.map((d) => [`${d.parentId}/${d.name}`, { org: d, buildings: count(d._id) }]));
  },
  viewOf(_ctx, d) {
    return { old: !!d.org.old, hasProperty: !!d.org.hasProperty, buildings: d.buildings };
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
    // Buildings 1..N under each complex, with ids derived from the complex: re-running adds nothing.
    const targets = [
      ...complexes.map((c, i) => ({ complex: c as Org, n: fresh[i].data.buildings })),
      ...changed.map(({ plan, doc }) => ({ complex: doc.org, n: plan.data.buildings })),
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
