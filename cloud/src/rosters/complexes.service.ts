import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { hangingText, type RosterComplex } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgChanges } from '../org/tree-changes';
import { orgTaker, releaseName, orgNameKey, takeName } from '../org/names';
import { OrgModel, type Org } from '../org/org.model';
import { communityIdInScope, orgNames } from './roster-access';
import { diffShown, historyOf, recordRosterEvents, yesNo, type Shown } from './roster-events';
import { oidOrNobody } from '../core/oid';

/** A complex's community: its ancestors run county, street, community, grid. */
const communityOf = (c: Org): Types.ObjectId | null => c.ancestors[2] ?? null;

/**
 * Use cases list_roster_complexes, correct_complex, move_complex (to another grid of its community,
 * buildings with it), deactivate_complex, reactivate_complex, list_complex_history. Complexes are org
 * nodes; a move is the org area's (OrgChanges.move: buildings and every area's records follow).
 */
@Provide()
export class ComplexesService {
  @Inject()
  tree!: OrgChanges;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  async list(user: Principal, q: { communityId?: string; active: boolean; page: number; pageSize: number }) {
    let filter: Record<string, unknown> = { kind: 'complex' };
    if (user.roles.includes('countyAdmin')) filter = { kind: 'complex' };
    else if (user.roles.includes('streetAdmin')) filter.ancestors = oidOrNobody(user.streetId);
    else filter.ancestors = oidOrNobody(user.communityId);
    if (q.communityId) {
      if (!(await communityIdInScope(this.db, user, new Types.ObjectId(q.communityId))))
        return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      filter.ancestors = new Types.ObjectId(q.communityId);
    }
    const all = (await this.db.model(OrgModel).find(filter).sort({ _id: 1 }).lean<Org[]>()).filter(
      (c) => (c.active !== false) === q.active,
    );
    const rows = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return { items: await this.rows(rows), total: all.length, page: q.page, pageSize: q.pageSize };
  }

  async correct(
    user: Principal,
    id: string,
    body: { name?: string; old?: boolean; hasProperty?: boolean; reason: string },
  ) {
    const c = await this.inScope(user, id);
    const set: Partial<Org> = {};
    if (body.name !== undefined && body.name !== c.name) {
      // The org tree's name claim: no two complexes of one grid share a name, even when two people rename at once.
      await takeName(this.db, orgTaker('complex', await this.parentOf(c), body.name, c._id), this.clock.now());
      set.name = body.name;
    }
    if (body.old !== undefined) set.old = body.old;
    if (body.hasProperty !== undefined) set.hasProperty = body.hasProperty;
    return this.change(user, c, set, 'correct', body.reason);
  }

  /** To another grid of the same community: the same node, so it is still counted once. */
  async move(user: Principal, id: string, gridId: string, reason: string) {
    const c = await this.inScope(user, id);
    const grid = await this.db.model(OrgModel).findById(gridId).lean<Org>();
    const community = communityOf(c);
    if (!grid || grid.kind !== 'grid' || !community || !grid.parentId?.equals(community) || grid.active === false)
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.gridId', message: '请选择本社区在用的网格' }]);
    return this.change(user, c, { parentId: grid._id }, 'move', reason, grid);
  }

  /** 停用 (merged, demolished): kept with its buildings for history, out of the dashboard's figures. */
  async deactivate(user: Principal, id: string, reason: string) {
    const c = await this.inScope(user, id);
    if (c.active === false) throw new AppError('INVALID_TRANSITION', '这个小区已经停用');
    // Never orphans anything: while residents, needs or buildings hang on it, it is merged in 组织架构.
    const hanging = await this.tree.hanging(c);
    if (hanging.length)
      throw new AppError(
        'CONFLICT',
        `「${c.name}」还有 ${hanging.map(hangingText).join('、')}，不能直接停用：请由街道或县在“组织架构”里把它并入另一个小区`,
      );
    const row = await this.change(user, c, { active: false }, 'deactivate', reason);
    await this.tree.close(c, null);
    return row;
  }

  async reactivate(user: Principal, id: string, reason: string) {
    const c = await this.inScope(user, id);
    if (c.active !== false) throw new AppError('INVALID_TRANSITION', '这个小区在用，不需要恢复');
    await takeName(this.db, orgTaker('complex', await this.parentOf(c), c.name, c._id), this.clock.now());
    return this.change(user, c, { active: true }, 'reactivate', reason);
  }

  private async parentOf(c: Org): Promise<Org> {
    return (await this.db.model(OrgModel).findById(c.parentId).lean<Org>())!;
  }

  async history(user: Principal, id: string) {
    const c = await this.inScope(user, id);
    return historyOf(this.db, this.cipher, 'complex', c._id);
  }

  private async change(
    user: Principal,
    c: Org,
    set: Partial<Org>,
    action: 'correct' | 'move' | 'deactivate' | 'reactivate',
    reason: string,
    grid?: Org,
  ): Promise<RosterComplex> {
    const after = { ...c, ...set };
    const changes = diffShown(await this.shown(c), await this.shown(after));
    if (changes.length) {
      await recordRosterEvents(this.db, this.cipher, [
        {
          rowKind: 'complex',
          rowId: c._id,
          communityId: communityOf(c),
          action,
          changes,
          reason,
          actorId: user.userId,
          via: 'manual',
          at: this.clock.now(),
        },
      ]);
      if (grid) await this.tree.move(c, grid);
      else await this.db.model(OrgModel).updateOne({ _id: c._id }, { $set: set });
      // The old name is free again once the new one is stored.
      if (set.name) await releaseName(this.db, orgNameKey(c), c._id);
    }
    const fresh = (await this.db.model(OrgModel).findById(c._id).lean<Org>())!;
    return (await this.rows([fresh]))[0];
  }

  private async inScope(user: Principal, id: string): Promise<Org> {
    const c = await this.db.model(OrgModel).findById(id).lean<Org>();
    if (!c || c.kind !== 'complex' || !(await communityIdInScope(this.db, user, communityOf(c))))
      throw new AppError('NOT_FOUND', '没有找到这个小区');
    return c;
  }

  private async shown(c: Org): Promise<Shown> {
    const names = await orgNames(this.db, [c.parentId]);
    return {
      name: c.name,
      grid: names.get(String(c.parentId)) ?? null,
      old: yesNo(c.old),
      hasProperty: c.hasProperty ? '有' : '无',
      active: c.active === false ? '停用' : '在用',
    };
  }

  private async rows(list: Org[]): Promise<RosterComplex[]> {
    const names = await orgNames(this.db, [...list.map((c) => c.parentId), ...list.map(communityOf)]);
    const counts = await Promise.all(
      list.map((c) => this.db.model(OrgModel).countDocuments({ kind: 'building', parentId: c._id })),
    );
    return list.map((c, i) => ({
      id: String(c._id),
      name: c.name,
      communityId: String(communityOf(c)),
      communityName: names.get(String(communityOf(c))) ?? '',
      gridId: String(c.parentId),
      gridName: names.get(String(c.parentId)) ?? '',
      old: !!c.old,
      hasProperty: !!c.hasProperty,
      buildings: counts[i],
      active: c.active !== false,
    }));
  }
}
