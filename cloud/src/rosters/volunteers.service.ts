import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { maskPhone, type Role, type VolunteerDetail, type VolunteerRow } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from '../core/principal';
import { HoursService } from '../hours/hours.service';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { RosterEventModel, type RosterEventDoc } from './roster-event.model';
import { communitiesInScope, communityIdInScope, orgNames } from './roster-access';
import { diffShown, historyOf, recordRosterEvents, yesNo, type Shown } from './roster-events';

const isVolunteer = (u: User) => u.roles.includes('volunteer');
const live = (u: User) => !u.erasedAt && !u.mergedInto;

/**
 * Use cases list_volunteers, show_volunteer, correct_volunteer, move_volunteer, deactivate_volunteer
 * (退出志愿者: the membership role goes, the service hours stay), reactivate_volunteer,
 * list_volunteer_history. A volunteer is a user with the `volunteer` role, scoped by their home community.
 */
@Provide()
export class VolunteersService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  @Inject()
  hours!: HoursService;

  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  async list(user: Principal, q: { communityId?: string; active: boolean; page: number; pageSize: number }) {
    let communities = await communitiesInScope(this.db, user);
    if (q.communityId)
      communities = (communities ?? [new Types.ObjectId(q.communityId)]).filter((c) => String(c) === q.communityId);
    const scope = communities === null ? {} : { communityId: { $in: communities } };
    let people: User[];
    if (q.active) {
      // Staff (one community) filter by one equality, which FerretDB can push down.
      const where = communities?.length === 1 ? { communityId: communities[0] } : scope;
      people = (
        await this.db
          .model(UserModel)
          .find({ roles: 'volunteer', ...where })
          .sort({ _id: 1 })
          .lean<User[]>()
      ).filter(live);
    } else {
      const left = await this.db
        .model(RosterEventModel)
        .find({ rowKind: 'person', action: 'deactivate' }, { rowId: 1 })
        .lean<RosterEventDoc[]>();
      const ids = [...new Set(left.map((e) => String(e.rowId)))];
      people = (
        await this.db
          .model(UserModel)
          .find({ _id: { $in: ids }, ...scope })
          .sort({ _id: 1 })
          .lean<User[]>()
      ).filter((u) => live(u) && !isVolunteer(u));
    }
    const rows = people.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    await this.audit.personalDataReads(
      user,
      rows.map((r) => r._id),
      ['volunteer', 'phone'],
      'rosters:volunteers',
    );
    return { items: await this.rows(rows), total: people.length, page: q.page, pageSize: q.pageSize };
  }

  async show(user: Principal, id: string): Promise<VolunteerDetail> {
    return this.answer(user, await this.inScope(user, id), 'rosters:volunteer');
  }

  async correct(user: Principal, id: string, body: { name?: string; phone?: string | null; reason: string }) {
    const u = await this.inScope(user, id, 'volunteer');
    const set: Partial<User> = {};
    if (body.name !== undefined) set.name = body.name;
    if (body.phone !== undefined) set.phone = body.phone;
    return this.change(user, u, { $set: set }, 'correct', body.reason);
  }

  /** 搬迁: a new home (community, complex or building) within the caller's scope. */
  async move(user: Principal, id: string, placeId: string, reason: string) {
    const u = await this.inScope(user, id, 'volunteer');
    const place = await this.db.model(OrgModel).findById(placeId).lean<Org>();
    const communityId = place?.kind === 'community' ? place._id : place?.ancestors[2];
    if (!place || !['community', 'complex', 'building'].includes(place.kind) || place.active === false)
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.placeId', message: '请选择社区、小区或楼栋' }]);
    if (!(await communityIdInScope(this.db, user, communityId ?? null)))
      throw new AppError('NOT_FOUND', '没有找到这个地址，或不在您管辖的范围内');
    return this.change(user, u, { $set: { orgId: place._id, communityId } }, 'move', reason);
  }

  /** 退出志愿者: the role goes (they stay a resident of their community); hours and history stay. */
  async deactivate(user: Principal, id: string, reason: string) {
    const u = await this.inScope(user, id, 'volunteer');
    const roles: Role[] = [
      ...u.roles.filter((r) => r !== 'volunteer'),
      ...(u.roles.includes('resident') ? [] : (['resident'] as const)),
    ];
    return this.change(user, u, { $set: { roles } }, 'deactivate', reason);
  }

  async reactivate(user: Principal, id: string, reason: string) {
    const u = await this.inScope(user, id);
    if (isVolunteer(u)) throw new AppError('INVALID_TRANSITION', '此人已是志愿者，不需要恢复');
    return this.change(user, u, { $set: { roles: [...u.roles, 'volunteer' as Role] } }, 'reactivate', reason);
  }

  async history(user: Principal, id: string) {
    const u = await this.inScope(user, id);
    await this.audit.personalDataRead(user, u._id, ['volunteer'], 'rosters:volunteer:history');
    return historyOf(this.db, this.cipher, 'person', u._id);
  }

  private async change(
    user: Principal,
    u: User,
    update: { $set: Partial<User> },
    action: 'correct' | 'move' | 'deactivate' | 'reactivate',
    reason: string,
  ): Promise<VolunteerDetail> {
    const after = { ...u, ...update.$set } as User;
    const changes = diffShown(await this.shown(u), await this.shown(after));
    if (changes.length) {
      await recordRosterEvents(this.db, this.cipher, [
        {
          rowKind: 'person',
          rowId: u._id,
          communityId: after.communityId,
          action,
          changes,
          reason,
          actorId: user.userId,
          via: 'manual',
          at: this.clock.now(),
        },
      ]);
      await this.db.model(UserModel).updateOne({ _id: u._id }, update);
      // Name, home and roles make up the person's principal: their next request sees the change.
      await this.principals.changed(u._id);
    }
    return this.answer(user, after, `rosters:volunteer:${action}`);
  }

  /**
   * A volunteer (or a former one, who has a 退出 event) of the caller's scope; anyone else is 404, so
   * these endpoints never reach a resident who was never on the roster.
   */
  private async inScope(user: Principal, id: string, must?: 'volunteer'): Promise<User> {
    const u = await this.db.model(UserModel).findById(id).lean<User>();
    const known =
      u &&
      live(u) &&
      (isVolunteer(u) ||
        !!(await this.db.model(RosterEventModel).exists({ rowId: u._id, rowKind: 'person', action: 'deactivate' })));
    if (!u || !known || !(await communityIdInScope(this.db, user, u.communityId)))
      throw new AppError('NOT_FOUND', '没有找到这位志愿者');
    if (must && !isVolunteer(u)) throw new AppError('INVALID_TRANSITION', '此人已退出志愿者');
    return u;
  }

  private async shown(u: User): Promise<Shown> {
    const names = await orgNames(this.db, [u.communityId]);
    return {
      name: u.name,
      phone: u.phone,
      community: names.get(String(u.communityId)) ?? null,
      home: (await this.homeNames([u])).get(String(u._id)) || null,
      volunteer: yesNo(isVolunteer(u)),
    };
  }

  /** "南门小区 2号楼" for each person whose home is a complex or building ('' for a community). */
  private async homeNames(people: User[]): Promise<Map<string, string>> {
    const homes = await Promise.all(
      people.map((p) => (p.orgId ? this.db.model(OrgModel).findById(p.orgId).lean<Org>() : null)),
    );
    const parents = await orgNames(
      this.db,
      homes.map((h) => (h?.kind === 'building' ? h.parentId : null)),
    );
    return new Map(
      people.map((p, i) => {
        const h = homes[i];
        if (!h || h.kind === 'community') return [String(p._id), ''];
        return [String(p._id), h.kind === 'building' ? `${parents.get(String(h.parentId)) ?? ''} ${h.name}` : h.name];
      }),
    );
  }

  private async rows(people: User[]): Promise<VolunteerRow[]> {
    const [communities, homes] = await Promise.all([
      orgNames(
        this.db,
        people.map((p) => p.communityId),
      ),
      this.homeNames(people),
    ]);
    return people.map((p) => ({
      id: String(p._id),
      name: p.name,
      phoneMasked: maskPhone(p.phone),
      communityId: String(p.communityId),
      communityName: communities.get(String(p.communityId)) ?? '',
      homeName: homes.get(String(p._id)) ?? '',
      active: isVolunteer(p),
    }));
  }

  private async answer(user: Principal, u: User, via: string): Promise<VolunteerDetail> {
    await this.audit.personalDataRead(user, u._id, ['volunteer', 'phone'], via);
    const [row] = await this.rows([u]);
    const records = await this.hours.effectiveRecords(u._id);
    const minutes = records.reduce((n, r) => n + r.minutes, 0);
    return { ...row, homeId: u.orgId ? String(u.orgId) : null, hours: Math.round(minutes / 6) / 10 };
  }
}
