import { Types } from 'mongoose';
import { PARTY_WORK_DUTY, PARTY_WORK_ROLES } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import type { Principal } from '../core/principal';
import { oidOrNobody } from '../core/oid';

/**
 * Party rosters are sensitive: only staff-type users holding the 党务 duty read them. The duty comes
 * with the caller (Handle reads the user record on every request, not the token), so taking it away
 * works at once.
 */
export function hasPartyWork(user: Principal): boolean {
  const ok = user.roles.some((r) => (PARTY_WORK_ROLES as readonly string[]).includes(r));
  return ok && user.duties.includes(PARTY_WORK_DUTY);
}

export function requirePartyWork(user: Principal): void {
  if (!hasPartyWork(user)) throw new AppError('FORBIDDEN', '党员信息仅限负责党务的工作人员查看');
}

/** The filter limiting rosters (fields placeId/streetId) to the caller's community, street or county. */
export function rosterScope(user: Principal): Record<string, unknown> {
  if (user.roles.includes('countyAdmin')) return {};
  if (user.roles.includes('streetAdmin')) return { streetId: oidOrNobody(user.streetId) };
  return { placeId: oidOrNobody(user.communityId) };
}

/** True when a roster record's place is in the caller's scope. */
export function rosterInScope(user: Principal, r: { placeId: Types.ObjectId; streetId: Types.ObjectId }): boolean {
  if (user.roles.includes('countyAdmin')) return true;
  if (user.roles.includes('streetAdmin')) return String(r.streetId) === user.streetId;
  return String(r.placeId) === user.communityId;
}
