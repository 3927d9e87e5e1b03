import type { OrgTreeRow } from '@gongzhi/shared';
import type { Org } from '../../org/org.model';
import { OrgChanges } from '../../org/tree-changes';
import { TreeIndex, writePath, type TreePath } from '../../org/tree-import';
import type { ImportContext, ImportKindDef } from '../kind';

interface Stored {
  view: Record<string, unknown>;
}

/** Per file: the tree, and what earlier rows said about each complex (rows must agree). */
interface State {
  index: TreeIndex;
  complexes: Map<string, { grid: string; old: boolean | null; hasProperty: boolean | null }>;
}
const states = new WeakMap<ImportContext, State>();

const isCounty = (ctx: ImportContext) => ctx.user.roles.includes('countyAdmin');

/** The nodes a row names that exist already, deepest last. */
function found(index: TreeIndex, p: TreePath) {
  const street = index.streets.get(p.street);
  const community = index.communities.get(p.community);
  const grid = community && p.grid ? index.grids.get(`${community._id}/${p.grid}`) : undefined;
  const complex = community && p.complex ? index.complexes.get(`${community._id}/${p.complex}`) : undefined;
  const building = complex && p.building ? index.buildings.get(`${complex._id}/${p.building}`) : undefined;
  return { street, community, grid, complex, building };
}

/** What the row asks for beyond the names, compared with what is stored: the complex's grid and the flags it states. */
function viewOf(p: TreePath, grid: string | null = p.grid, stored?: Org): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  if (!p.complex) return view;
  view.grid = grid;
  const at = stored ?? { old: p.old, hasProperty: p.hasProperty, location: p.location };
  if (p.old !== null) view.old = !!at.old;
  if (p.hasProperty !== null) view.hasProperty = !!at.hasProperty;
  if (p.location) view.location = at.location ? `${at.location.lng},${at.location.lat}` : null;
  return view;
}

const pathOf = (row: OrgTreeRow): TreePath => ({
  street: row.street!,
  community: row.community!,
  grid: row.grid,
  complex: row.complex,
  building: row.building,
  old: row.old,
  hasProperty: row.hasProperty,
  location: row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
});

/**
 * 组织架构: 街道 / 社区 / 网格 / 小区 / 楼栋, one line per deepest node. Missing nodes are created,
 * a complex named under another grid of its community is moved there, stated flags are set; the
 * same file again changes nothing. County administrators anywhere; street administrators under
 * their own street.
 */
export const orgTreeKind: ImportKindDef<OrgTreeRow, TreePath, Stored> = {
  kind: 'orgTree',
  async prepare(ctx) {
    states.set(ctx, { index: await TreeIndex.load(ctx.db), complexes: new Map() });
  },
  plan(ctx, row) {
    const { index, complexes } = states.get(ctx)!;
    const p = pathOf(row);
    if (!index.county) return { column: null, message: '本县还没有开通，请先完成首次开通' };
    const at = found(index, p);
    if (!at.street && !isCounty(ctx))
      return { column: 'street', message: `没有名为「${p.street}」的街道；新街道请县级管理员添加` };
    if (at.street && !isCounty(ctx) && String(at.street._id) !== ctx.user.streetId)
      return { column: 'street', message: `不能导入到「${p.street}」：不在您管辖的范围内` };
    if (at.community) {
      const home = index.streetOf(at.community);
      if (home?.name !== p.street)
        return {
          column: 'community',
          message: `「${p.community}」属于「${home?.name ?? ''}」，不在「${p.street}」；要调整归属请到组织架构里移动`,
        };
    }
    if (p.complex) {
      const key = `${p.community}/${p.complex}`;
      const before = complexes.get(key);
      if (before && before.grid !== p.grid)
        return { column: 'grid', message: `前面的行把「${p.complex}」写在「${before.grid}」，这里是「${p.grid}」` };
      const clash = (['old', 'hasProperty'] as const).find(
        (k) => before && before[k] !== null && p[k] !== null && before[k] !== p[k],
      );
      if (clash)
        return {
          column: clash,
          message: `前面的行对「${p.complex}」的${clash === 'old' ? '老旧小区' : '有物业'}填得不一样`,
        };
      complexes.set(key, {
        grid: p.grid!,
        old: p.old ?? before?.old ?? null,
        hasProperty: p.hasProperty ?? before?.hasProperty ?? null,
      });
    }
    const key = [p.street, p.community, p.grid, p.complex, p.building].filter(Boolean).join('/');
    return { key, view: viewOf(p), data: p };
  },
  async existing(ctx, plans) {
    const { index } = states.get(ctx)!;
    const out = new Map<string, Stored>();
    for (const plan of plans) {
      const p = plan.data;
      const at = found(index, p);
      const deepest = p.building ? at.building : p.complex ? at.complex : p.grid ? at.grid : at.community;
      if (!deepest) continue;
      const grid = at.complex ? (index.byId.get(String(at.complex.parentId))?.name ?? null) : p.grid;
      out.set(plan.key, { view: viewOf(p, grid, at.complex) });
    }
    return out;
  },
  viewOf: (_ctx, doc) => doc.view,
  async write(ctx, fresh, changed) {
    const { index } = states.get(ctx)!;
    const changes = await ctx.resolve(OrgChanges);
    for (const plan of [...fresh, ...changed.map((c) => c.plan)])
      await writePath(ctx.db, changes, index, ctx.user, ctx.now, plan.data);
  },
};
