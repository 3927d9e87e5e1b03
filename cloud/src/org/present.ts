import type { OrgRef, OrgTreeNode } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { ACTIVE, OrgModel, type Org } from './org.model';

export const refOf = (o: Pick<Org, '_id' | 'kind' | 'name'> | null): OrgRef | null =>
  o ? { id: String(o._id), kind: o.kind, name: o.name } : null;

/** Nodes as the tree browser shows them, each with its number of active children (one query for all). */
export async function presentAll(db: Db, orgs: Org[]): Promise<OrgTreeNode[]> {
  const children = orgs.length
    ? await db
        .model(OrgModel)
        .find({ parentId: { $in: orgs.map((o) => o._id) }, ...ACTIVE }, { parentId: 1 })
        .lean<Org[]>()
    : [];
  const count = new Map<string, number>();
  for (const c of children) count.set(String(c.parentId), (count.get(String(c.parentId)) ?? 0) + 1);
  return orgs.map((o) => ({
    id: String(o._id),
    kind: o.kind,
    name: o.name,
    parentId: o.parentId ? String(o.parentId) : null,
    active: o.active !== false,
    ...(o.kind === 'complex' ? { old: !!o.old, hasProperty: !!o.hasProperty } : {}),
    location: o.location ? { lng: o.location.lng, lat: o.location.lat } : null,
    ...(o.kind === 'community' ? { phone: o.phone ?? null, officeHours: o.officeHours ?? null } : {}),
    childCount: count.get(String(o._id)) ?? 0,
  }));
}

export async function present(db: Db, org: Org): Promise<OrgTreeNode> {
  return (await presentAll(db, [org]))[0];
}
