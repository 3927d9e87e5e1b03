import { Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { placeInScope, type Place } from '../core/place';
import type { Principal } from '../core/principal';
import { oidOrNobody } from '../core/oid';

/** The caller plus the unit they administer (not carried in the token). */
export interface Caller extends Principal {
  unitId: string | null;
}

/** What decides who may touch a resource or one of its bookings (bookings copy both fields). */
export interface Owned {
  unitId: Types.ObjectId | null;
  place: Place;
  active?: boolean;
}

const same = (a: Types.ObjectId | null | undefined, b: string | null) => !!a && !!b && String(a) === b;
/** Matches nothing: for callers without any scope. */
export const NOTHING = { _id: { $in: [] as Types.ObjectId[] } };

/** County-level roles see every street's resources. */
function countyLevel(c: Caller): boolean {
  return c.roles.includes('countyAdmin') || c.roles.includes('department');
}

/** Edit and deactivate: a unit admin their unit's, staff their community's own, a county admin any. */
export function canManage(c: Caller, r: Owned): boolean {
  if (c.roles.includes('countyAdmin')) return true;
  if (c.roles.includes('unitAdmin') && r.unitId && same(r.unitId, c.unitId)) return true;
  return c.roles.includes('staff') && !r.unitId && same(r.place.communityId, c.communityId);
}

/** Approve, reject and see bookings: the owner unit's admin, staff of the resource's community, a county admin. */
export function canHandle(c: Caller, r: Owned): boolean {
  if (c.roles.includes('countyAdmin')) return true;
  if (c.roles.includes('unitAdmin') && r.unitId && same(r.unitId, c.unitId)) return true;
  return c.roles.includes('staff') && same(r.place.communityId, c.communityId);
}

/** Everyone sees the active resources of their street (county-level roles: all); handlers also inactive ones. */
export function canSee(c: Caller, r: Owned): boolean {
  if (canHandle(c, r)) return true;
  if (r.active === false) return false;
  return countyLevel(c) || same(r.place.streetId, c.streetId);
}

/** The full contact phone: owner and staff-type callers whose place scope covers the resource. */
export function seesContact(c: Caller, r: Owned): boolean {
  return canHandle(c, r) || placeInScope(c, r.place);
}

/** Mongo filter of what canManage allows. */
export function manageFilter(c: Caller): Record<string, unknown> {
  const or: Record<string, unknown>[] = [];
  if (c.roles.includes('countyAdmin')) return {};
  if (c.roles.includes('unitAdmin') && c.unitId) or.push({ unitId: oidOrNobody(c.unitId) });
  if (c.roles.includes('staff') && c.communityId)
    or.push({ unitId: null, 'place.communityId': oidOrNobody(c.communityId) });
  return or.length ? { $or: or } : NOTHING;
}

/** Mongo filter of what canHandle allows. */
export function handleFilter(c: Caller): Record<string, unknown> {
  const or: Record<string, unknown>[] = [];
  if (c.roles.includes('countyAdmin')) return {};
  if (c.roles.includes('unitAdmin') && c.unitId) or.push({ unitId: oidOrNobody(c.unitId) });
  if (c.roles.includes('staff') && c.communityId) or.push({ 'place.communityId': oidOrNobody(c.communityId) });
  return or.length ? { $or: or } : NOTHING;
}

/** Mongo filter of what canSee allows. */
export function seeFilter(c: Caller): Record<string, unknown> {
  const or: Record<string, unknown>[] = [];
  if (countyLevel(c)) or.push({ active: true });
  else if (c.streetId) or.push({ active: true, 'place.streetId': oidOrNobody(c.streetId) });
  const handle = handleFilter(c);
  if (handle !== NOTHING) or.push(handle);
  return or.length ? { $or: or } : NOTHING;
}

/** Resolves the caller's unit once per request (services are request-scoped). */
@Provide()
export class ResourceAccess {
  private resolved = new Map<string, Caller>();

  async caller(user: Principal): Promise<Caller> {
    const known = this.resolved.get(user.userId);
    if (known) return known;
    const unitId = user.roles.includes('unitAdmin') ? user.unitId : null;
    const caller = { ...user, unitId };
    this.resolved.set(user.userId, caller);
    return caller;
  }
}
