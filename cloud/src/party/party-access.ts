import { Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { PARTY_WORK_DUTY, PARTY_WORK_ROLES } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import type { Principal } from '../core/principal';

/**
 * Party rosters are sensitive: only staff-type users holding the 党务 duty read them. The duty is
 * read from the user record on every request (by Handle, not from the token), so taking it away works at once.
 */
@Provide()
export class PartyAccess {
  async requirePartyWork(user: Principal): Promise<void> {
    if (!(await this.hasPartyWork(user))) throw new AppError('FORBIDDEN', '党员信息仅限负责党务的工作人员查看');
  }

  async hasPartyWork(user: Principal): Promise<boolean> {
    const ok = user.roles.some((r) => (PARTY_WORK_ROLES as readonly string[]).includes(r));
    return ok && user.duties.includes(PARTY_WORK_DUTY);
  }
}

/** The filter limiting rosters (fields placeId/streetId) to the caller's community, street or county. */
export function rosterScope(user: Principal): Record<string, unknown> {
  const oid = (id: string | null) => new Types.ObjectId(id ?? '000000000000000000000000');
  if (user.roles.includes('countyAdmin')) return {};
  if (user.roles.includes('streetAdmin')) return { streetId: oid(user.streetId) };
  return { placeId: oid(user.communityId) };
}

/** True when a roster record's place is in the caller's scope. */
export function rosterInScope(user: Principal, r: { placeId: Types.ObjectId; streetId: Types.ObjectId }): boolean {
  if (user.roles.includes('countyAdmin')) return true;
  if (user.roles.includes('streetAdmin')) return String(r.streetId) === user.streetId;
  return String(r.placeId) === user.communityId;
}
