import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { PARTY_WORK_DUTY, PARTY_WORK_ROLES } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';

/**
 * Party rosters are sensitive: only staff-type users holding the 党务 duty read them. The duty is
 * read from the user record on every call (not the token), so taking it away works at once.
 */
@Provide()
export class PartyAccess {
  @Inject()
  db!: Db;

  async requirePartyWork(user: Principal): Promise<void> {
    if (!(await this.hasPartyWork(user))) throw new AppError('FORBIDDEN', '党员信息仅限负责党务的工作人员查看');
  }

  async hasPartyWork(user: Principal): Promise<boolean> {
    const ok = user.roles.some((r) => (PARTY_WORK_ROLES as readonly string[]).includes(r));
    const doc = ok
      ? await this.db.model(UserModel).findById(user.userId, { duties: 1 }).lean<Pick<User, 'duties'>>()
      : null;
    return !!doc?.duties?.includes(PARTY_WORK_DUTY);
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

/** Today in China (YYYY-MM-DD), the day ages are counted on. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
