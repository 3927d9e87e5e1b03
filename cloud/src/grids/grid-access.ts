import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { isUnder } from '../core/place';
import type { Principal } from '../core/principal';
import { ACTIVE, OrgModel, type Org } from '../org/org.model';
import { GridMemberModel } from './grid-member.model';
import { oid, oidOrNobody } from '../core/oid';

/** Matches nothing: a staff-type caller whose token lacks its place sees no grids. */

const CN_DIGITS: Record<string, string> = {
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  十: '10',
};
/** 南门第二网格 before 南门第三网格 (code points would put 三 before 二). */
export function byGridName(a: { name: string }, b: { name: string }): number {
  const key = (s: string) => s.replace(/[一二三四五六七八九十]/g, (c) => CN_DIGITS[c]);
  return key(a.name).localeCompare(key(b.name), 'zh-CN', { numeric: true });
}

/**
 * Which grids a caller may see, act on and patrol. Scope follows the org tree: a grid worker
 * their own grid (user.orgId), staff their community's grids, a street admin the street's, the
 * county all. Anything outside answers 404, never 403.
 */
@Provide()
export class GridAccess {
  @Inject()
  db!: Db;

  /** The filter on `orgs` for the grids a caller sees; null for roles that see none. */
  gridFilter(user: Principal): Record<string, unknown> | null {
    if (user.roles.includes('countyAdmin')) return { kind: 'grid' };
    if (user.roles.includes('streetAdmin')) return { kind: 'grid', ancestors: oidOrNobody(user.streetId) };
    if (user.roles.includes('staff')) return { kind: 'grid', ancestors: oidOrNobody(user.communityId) };
    if (user.roles.includes('gridWorker')) return { kind: 'grid', _id: oidOrNobody(user.orgId) };
    return null;
  }

  /** The grids in scope, optionally of one community (which must itself be in scope), in name order. */
  async gridsInScope(user: Principal, communityId?: string): Promise<Org[]> {
    const filter = this.gridFilter(user);
    if (!filter) throw new AppError('FORBIDDEN');
    const and: Record<string, unknown>[] = [filter, ACTIVE];
    if (communityId) and.push({ ancestors: oid(communityId) });
    const grids = await this.db.model(OrgModel).find({ $and: and }).lean<Org[]>();
    if (communityId && !grids.length) {
      // Nothing here for this caller: an unknown community, or one outside their place.
      throw new AppError('NOT_FOUND', '没有找到该社区');
    }
    return grids.sort(byGridName);
  }

  /** A grid the caller may see, or 404. */
  async visibleGrid(user: Principal, id: string | Types.ObjectId): Promise<Org> {
    const filter = this.gridFilter(user);
    const grid = filter
      ? await this.db
          .model(OrgModel)
          .findOne({ $and: [filter, { _id: oid(id) }] })
          .lean<Org>()
      : null;
    if (!grid) throw new AppError('NOT_FOUND', '没有找到这个网格');
    return grid;
  }

  /** Whether the caller may log patrols of a grid: its grid worker, or staff sitting on its team as chief or worker. */
  async canPatrol(user: Principal, grid: Org): Promise<boolean> {
    if (user.roles.includes('gridWorker') && user.orgId === String(grid._id)) return true;
    if (!user.roles.includes('staff') || !isUnder(grid, user.communityId)) return false;
    const seat = await this.db
      .model(GridMemberModel)
      .exists({ gridId: grid._id, userId: oid(user.userId), position: { $in: ['chief', 'worker'] } });
    return !!seat;
  }
}
