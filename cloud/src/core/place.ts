import { Schema, Types } from 'mongoose';
import type { Principal } from './principal';
import { oidOrNobody } from './oid';

/**
 * A record's place in the org tree, denormalised so that every list can be scoped by one
 * equality filter. Derived from the most precise node known (a building, complex, grid or community).
 */
export interface Place {
  streetId: Types.ObjectId;
  communityId: Types.ObjectId;
  gridId: Types.ObjectId | null;
  complexId: Types.ObjectId | null;
  buildingId: Types.ObjectId | null;
}

export const placeSchema = new Schema<Place>(
  {
    streetId: { type: Schema.Types.ObjectId, required: true },
    communityId: { type: Schema.Types.ObjectId, required: true },
    gridId: { type: Schema.Types.ObjectId, default: null },
    complexId: { type: Schema.Types.ObjectId, default: null },
    buildingId: { type: Schema.Types.ObjectId, default: null },
  },
  { _id: false },
);

/**
 * The filter that limits a list to what a staff-type caller may see, on a record with a `place`
 * field (or another prefix). Residents and other roles get null: their use cases filter by owner.
 */
export function placeScope(user: Principal, prefix = 'place'): Record<string, unknown> | null {
  if (user.roles.includes('countyAdmin')) return {};
  if (user.roles.includes('streetAdmin')) return { [`${prefix}.streetId`]: oidOrNobody(user.streetId) };
  if (user.roles.includes('staff')) return { [`${prefix}.communityId`]: oidOrNobody(user.communityId) };
  if (user.roles.includes('gridWorker')) return { [`${prefix}.gridId`]: oidOrNobody(user.orgId) };
  return null;
}

/** True when a staff-type caller's scope covers a place. */
export function placeInScope(user: Principal, place: Place): boolean {
  const eq = (a: Types.ObjectId | null, b: string | null) => !!a && !!b && String(a) === b;
  if (user.roles.includes('countyAdmin')) return true;
  if (user.roles.includes('streetAdmin') && eq(place.streetId, user.streetId)) return true;
  if (user.roles.includes('staff') && eq(place.communityId, user.communityId)) return true;
  if (user.roles.includes('gridWorker') && eq(place.gridId, user.orgId)) return true;
  return false;
}

/** Whether an org node lies under another (`ancestorId` among its ancestors); false for a null id. */
export function isUnder(org: { ancestors: Types.ObjectId[] }, ancestorId: string | null): boolean {
  return !!ancestorId && org.ancestors.some((a) => String(a) === ancestorId);
}

/**
 * Whether a community lies in a staff-type caller's scope: every community for county admins, their
 * street's for street admins, their own for staff. The caller has read the community already.
 */
export function communityInScope(
  user: Principal,
  community: { _id: Types.ObjectId; ancestors: Types.ObjectId[] },
): boolean {
  if (user.roles.includes('countyAdmin')) return true;
  if (user.roles.includes('streetAdmin') && isUnder(community, user.streetId)) return true;
  return user.roles.includes('staff') && String(community._id) === user.communityId;
}
