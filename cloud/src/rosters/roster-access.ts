import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import type { Db } from '../core/db';
import { communityInScope } from '../core/place';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';

/**
 * Who may change which roster row: staff their community's, street admins their street's, county
 * admins all (the same scope as reading). A row, or a target place, outside it answers 404.
 */

/** A community the caller may put a row into; 404 for another place, 400 for what is not a community. */
export async function communityForCaller(db: Db, user: Principal, id: string, path = 'body.communityId'): Promise<Org> {
  const org = await db.model(OrgModel).findById(id).lean<Org>();
  if (!org || !communityInScope(user, org)) throw new AppError('NOT_FOUND', '没有找到这个社区，或不在您管辖的范围内');
  if (org.kind !== 'community')
    throw new AppError('VALIDATION_FAILED', undefined, [{ path, message: '请选择一个社区' }]);
  if (org.active === false) throw new AppError('VALIDATION_FAILED', undefined, [{ path, message: '这个社区已停用' }]);
  return org;
}

/** The street above a community (its last ancestor). */
export const streetOfCommunity = (community: Pick<Org, 'ancestors'>): Types.ObjectId =>
  community.ancestors[community.ancestors.length - 1];

/** Names of org nodes by id (a handful: one lookup each is cheaper on FerretDB than `$in`). */
export async function orgNames(db: Db, ids: (Types.ObjectId | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean).map(String))];
  const orgs = await Promise.all(unique.map((id) => db.model(OrgModel).findById(id, { name: 1 }).lean<Org>()));
  return new Map(orgs.filter((o): o is Org => !!o).map((o) => [String(o._id), o.name]));
}

/** True when the community (by id) is in the caller's scope. */
export async function communityIdInScope(db: Db, user: Principal, id: Types.ObjectId | null): Promise<boolean> {
  if (!id) return false;
  if (user.roles.includes('countyAdmin')) return true;
  if (user.roles.includes('staff') && String(id) === user.communityId) return true;
  const org = await db.model(OrgModel).findById(id, { ancestors: 1 }).lean<Org>();
  return !!org && communityInScope(user, { _id: id, ancestors: org.ancestors });
}

/** The communities of the caller's scope, for list filters: null means every one (county admins). */
export async function communitiesInScope(db: Db, user: Principal): Promise<Types.ObjectId[] | null> {
  if (user.roles.includes('countyAdmin')) return null;
  if (user.roles.includes('streetAdmin') && user.streetId) {
    const list = await db
      .model(OrgModel)
      .find({ parentId: new Types.ObjectId(user.streetId), kind: 'community' }, { _id: 1 })
      .lean<Org[]>();
    return list.map((c) => c._id);
  }
  if (user.roles.includes('staff') && user.communityId) return [new Types.ObjectId(user.communityId)];
  return [];
}
