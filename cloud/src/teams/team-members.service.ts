import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { maskPhone, type MembershipStatus, type TeamMember } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { Notifier } from '../notifications/notifier';
import { UserModel, type User } from '../people/user.model';
import { TeamAccess } from './team-access';
import { TeamMembershipModel, type Team, type TeamMembership } from './team.model';

export interface MembershipResult {
  teamId: string;
  personId: string;
  status: MembershipStatus | null;
}

/** Use cases of team membership: join_team, leave_team, list_team_members, approve/reject/remove_member. */
@Provide()
export class TeamMembersService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: TeamAccess;

  @Inject()
  notifier!: Notifier;

  async joinTeam(user: Principal, teamId: string, note: string): Promise<MembershipResult> {
    const team = await this.access.team(teamId);
    if (!user.communityId || String(team.communityId) !== user.communityId)
      throw new AppError('FORBIDDEN', '只能加入本社区的志愿队');
    const personId = new Types.ObjectId(user.userId);
    try {
      // The unique (teamId, personId) index holds two simultaneous applications to one record.
      await this.db.model(TeamMembershipModel).create({
        teamId: team._id,
        personId,
        communityId: team.communityId,
        status: 'pending',
        note,
        appliedAt: this.clock.now(),
        approvedAt: null,
        approvedBy: null,
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const m = await this.membership(team._id, personId);
    if (m?.status === 'pending' && team.leaderId)
      await this.notifier.notify(
        [team.leaderId],
        'teamApplication',
        `有人申请加入「${team.name}」，请审核`,
        { teamId: String(team._id) },
        // One message per application: applying again while it is pending tells the leader nothing new.
        String(m._id),
      );
    return result(team, personId, m?.status ?? null);
  }

  async leaveTeam(user: Principal, teamId: string): Promise<MembershipResult> {
    const team = await this.access.team(teamId);
    const personId = new Types.ObjectId(user.userId);
    if (team.leaderId?.equals(personId)) throw new AppError('CONFLICT', '您是队长，请先请社区工作者另设队长后再退出');
    await this.db.model(TeamMembershipModel).deleteOne({ teamId: team._id, personId });
    return result(team, personId, null);
  }

  async listMembers(
    user: Principal,
    teamId: string,
    status: MembershipStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: TeamMember[]; total: number; page: number; pageSize: number }> {
    const team = await this.access.managedTeam(user, teamId);
    const filter: Record<string, unknown> = { teamId: team._id, ...(status ? { status } : {}) };
    const model = this.db.model(TeamMembershipModel);
    // Applications first (they wait for someone), then members by seniority.
    const [docs, total] = await Promise.all([
      model
        .find(filter)
        .sort({ status: -1, appliedAt: 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<TeamMembership[]>(),
      model.countDocuments(filter),
    ]);
    const people = await this.db
      .model(UserModel)
      .find({ _id: { $in: docs.map((d) => d.personId) } }, { name: 1, phone: 1 })
      .lean<Pick<User, '_id' | 'name' | 'phone'>[]>();
    const byId = new Map(people.map((p) => [String(p._id), p]));
    const items = docs.map((d) => ({
      personId: String(d.personId),
      name: byId.get(String(d.personId))?.name ?? '已注销用户',
      phone: maskPhone(byId.get(String(d.personId))?.phone),
      status: d.status,
      isLeader: !!team.leaderId?.equals(d.personId),
      appliedAt: d.appliedAt.toISOString(),
      approvedAt: d.approvedAt?.toISOString() ?? null,
    }));
    return { items, total, page, pageSize };
  }

  async approveMember(user: Principal, teamId: string, personId: string): Promise<MembershipResult> {
    const team = await this.access.managedTeam(user, teamId);
    const person = new Types.ObjectId(personId);
    const m = await this.existing(team, person);
    if (m.status === 'active') return result(team, person, 'active');
    await this.db
      .model(TeamMembershipModel)
      .updateOne(
        { _id: m._id, status: 'pending' },
        { $set: { status: 'active', approvedAt: this.clock.now(), approvedBy: new Types.ObjectId(user.userId) } },
      );
    await this.notifier.notify(
      [person],
      'teamApproved',
      `您已加入「${team.name}」志愿队`,
      { teamId: String(team._id) },
      String(m._id),
    );
    return result(team, person, 'active');
  }

  async rejectMember(user: Principal, teamId: string, personId: string, reason: string): Promise<MembershipResult> {
    const team = await this.access.managedTeam(user, teamId);
    const person = new Types.ObjectId(personId);
    const m = await this.existing(team, person);
    if (m.status !== 'pending') throw new AppError('INVALID_TRANSITION', '此人已是队员；如需请其离队，请用“移出”');
    await this.db.model(TeamMembershipModel).deleteOne({ _id: m._id, status: 'pending' });
    const why = reason ? `：${reason}` : '';
    await this.notifier.notify(
      [person],
      'teamRejected',
      `您加入「${team.name}」的申请未通过${why}`,
      { teamId: String(team._id) },
      String(m._id),
    );
    return result(team, person, null);
  }

  async removeMember(user: Principal, teamId: string, personId: string): Promise<MembershipResult> {
    const team = await this.access.managedTeam(user, teamId);
    const person = new Types.ObjectId(personId);
    if (team.leaderId?.equals(person)) throw new AppError('CONFLICT', '不能移出队长，请先另设队长');
    const m = await this.existing(team, person);
    if (m.status !== 'active') throw new AppError('INVALID_TRANSITION', '此人还在申请中，请用“拒绝”');
    await this.db.model(TeamMembershipModel).deleteOne({ _id: m._id });
    await this.notifier.notify(
      [person],
      'teamRemoved',
      `您已不在「${team.name}」志愿队`,
      { teamId: String(team._id) },
      String(m._id),
    );
    return result(team, person, null);
  }

  private membership(teamId: Types.ObjectId, personId: Types.ObjectId) {
    return this.db.model(TeamMembershipModel).findOne({ teamId, personId }).lean<TeamMembership>();
  }

  private async existing(team: Team, personId: Types.ObjectId): Promise<TeamMembership> {
    const m = await this.membership(team._id, personId);
    if (!m) throw new AppError('NOT_FOUND', '没有找到这位队员或申请');
    return m;
  }
}

function result(team: Team, personId: Types.ObjectId, status: MembershipStatus | null): MembershipResult {
  return { teamId: String(team._id), personId: String(personId), status };
}
