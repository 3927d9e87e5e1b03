import { Types } from 'mongoose';
import { COUNTY_ONLY_KINDS, type TreeKind } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { isUnder } from '../core/place';
import type { Principal } from '../core/principal';
import type { Org } from './org.model';
import type { Unit } from './unit.model';

/**
 * Who administers which part of the tree: a county administrator all of it; a street administrator
 * their street's communities and everything below them, and the street's units. The street itself,
 * other streets and the departments are the county's. Anything else answers "not found".
 */
export const isCounty = (user: Principal) => user.roles.includes('countyAdmin');

/** The caller's top of the tree: the county (county admins) or their street. */
export function topOf(user: Principal): Types.ObjectId | null {
  if (isCounty(user)) return null;
  return user.roles.includes('streetAdmin') && user.streetId ? new Types.ObjectId(user.streetId) : null;
}

/** May see the node: the county all; a street admin their street and what is under it. */
export function oversees(user: Principal, org: Pick<Org, '_id' | 'ancestors'>): boolean {
  if (isCounty(user)) return true;
  if (!user.roles.includes('streetAdmin') || !user.streetId) return false;
  return String(org._id) === user.streetId || isUnder(org, user.streetId);
}

/** May change the node itself (rename, move, merge, close): the county any but the county; a street admin below their street. */
export function administers(user: Principal, org: Pick<Org, 'kind' | 'ancestors'>): boolean {
  if (org.kind === 'county') return isCounty(user);
  if (isCounty(user)) return true;
  return user.roles.includes('streetAdmin') && isUnder(org, user.streetId);
}

/** May add or hold children of `kind` under `parent`. */
export function mayHoldChildren(user: Principal, parent: Pick<Org, '_id' | 'ancestors'>, kind: TreeKind): boolean {
  if (isCounty(user)) return true;
  if (COUNTY_ONLY_KINDS.includes(kind)) return false;
  return oversees(user, parent);
}

export function overseesUnit(user: Principal, unit: Pick<Unit, 'streetId'>): boolean {
  return isCounty(user) || (user.roles.includes('streetAdmin') && String(unit.streetId) === user.streetId);
}

export const notFound = (what = '这个地方') => new AppError('NOT_FOUND', `没有找到${what}，或不在您管辖的范围内`);
