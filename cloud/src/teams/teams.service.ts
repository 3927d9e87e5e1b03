import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  VOLUNTEER_TEAMS,
  brandName,
  maskName,
  type BrandCode,
  type MyTeam,
  type TeamActivity,
  type TeamDetail,
  type TeamSummary,
} from '@gongzhi/shared';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel } from '../org/org.model';
import { UserModel } from '../people/user.model';
import { StationModel, type Station } from './station.model';
import { TeamAccess } from './team-access';
import { TeamMembershipModel, TeamModel, type Team, type TeamMembership } from './team.model';
import { namesOf } from '../people/names';

type When = 'upcoming' | 'past' | 'all';

/** Use cases of teams: list_teams, show_team, update_team, list_team_activities, list_my_teams. */
@Provide()
export class TeamsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: TeamAccess;

  async listTeams(user: Principal, communityId: string | undefined): Promise<{ items: TeamSummary[] }> {
    const filter = this.access.communityFilter(user, communityId, 'communityId');
    const teams = await this.db.model(TeamModel).find(filter).lean<Team[]>();
    // The seed report's order (和事佬, 搭把手, …), community by community.
    const order = (t: Team) => VOLUNTEER_TEAMS.findIndex((v) => v.code === t.code);
    teams.sort((a, b) => String(a.communityId).localeCompare(String(b.communityId)) || order(a) - order(b));
    return { items: await this.summaries(user, teams) };
  }

  async showTeam(user: Principal, id: string): Promise<TeamDetail> {
    return this.detail(user, await this.access.team(id));
  }

  async updateTeam(
    user: Principal,
    id: string,
    body: { leaderId?: string | null; stationId?: string | null; description?: string },
  ): Promise<TeamDetail> {
    const team = await this.access.editableTeam(user, id);
    const set: Record<string, unknown> = { updatedAt: this.clock.now() };
    if (body.leaderId !== undefined) {
      if (body.leaderId !== null) {
        const member = await this.db
          .model(TeamMembershipModel)
          .exists({ teamId: team._id, personId: new Types.ObjectId(body.leaderId), status: 'active' });
        if (!member)
          throw new AppError('VALIDATION_FAILED', '队长须是本队队员', [
            { path: 'body.leaderId', message: '请先让此人入队，再设为队长' },
          ]);
      }
      set.leaderId = body.leaderId ? new Types.ObjectId(body.leaderId) : null;
    }
    if (body.stationId !== undefined) {
      if (body.stationId !== null) {
        const station = await this.db.model(StationModel).findById(body.stationId).lean<Station>();
        if (!station || !station.place.communityId.equals(team.communityId))
          throw new AppError('VALIDATION_FAILED', '请选择本社区的服务站点', [
            { path: 'body.stationId', message: '请选择本社区的服务站点' },
          ]);
      }
      set.stationId = body.stationId ? new Types.ObjectId(body.stationId) : null;
    }
    if (body.description !== undefined) set.description = body.description;
    await this.db.model(TeamModel).updateOne({ _id: team._id }, { $set: set });
    return this.detail(user, await this.access.team(team._id));
  }

  async listTeamActivities(user: Principal, id: string, when: When, page: number, pageSize: number) {
    const team = await this.access.team(id);
    const now = this.clock.now();
    const filter: Record<string, unknown> = { ...this.activitiesOf(team) };
    if (when === 'upcoming') filter.endsAt = { $gte: now };
    if (when === 'past') filter.endsAt = { $lt: now };
    const model = this.db.model(ActivityModel);
    const [docs, total] = await Promise.all([
      model
        .find(filter)
        .sort({ startsAt: when === 'past' ? -1 : 1, _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<Activity[]>(),
      model.countDocuments(filter),
    ]);
    return { items: docs.map(activityLine), total, page, pageSize };
  }

  async listMyTeams(user: Principal): Promise<{ items: MyTeam[] }> {
    const mine = await this.db
      .model(TeamMembershipModel)
      .find({ personId: new Types.ObjectId(user.userId) })
      .sort({ appliedAt: 1 })
      .lean<TeamMembership[]>();
    const teams = await this.db
      .model(TeamModel)
      .find({ _id: { $in: mine.map((m) => m.teamId) } })
      .lean<Team[]>();
    const communities = await namesOf(
      this.db,
      OrgModel,
      teams.map((t) => t.communityId),
    );
    const items: MyTeam[] = [];
    for (const m of mine) {
      const team = teams.find((t) => t._id.equals(m.teamId));
      if (!team) continue;
      const isLeader = !!team.leaderId && String(team.leaderId) === user.userId;
      items.push({
        team: {
          id: String(team._id),
          code: team.code,
          name: team.name,
          community: { id: String(team.communityId), name: communities.get(String(team.communityId)) ?? '' },
        },
        status: m.status,
        isLeader,
        since: (m.approvedAt ?? m.appliedAt).toISOString(),
        pendingCount: isLeader
          ? await this.db.model(TeamMembershipModel).countDocuments({ teamId: team._id, status: 'pending' })
          : 0,
      });
    }
    // Teams I lead first, then active ones, then applications.
    items.sort((a, b) => Number(b.isLeader) - Number(a.isLeader) || a.status.localeCompare(b.status));
    return { items };
  }

  /** Published activities organised by the team: its code, in its community. */
  activitiesOf(team: Team): Record<string, unknown> {
    return { 'place.communityId': team.communityId, team: team.code, status: 'published' };
  }

  async detail(user: Principal, team: Team): Promise<TeamDetail> {
    const [summary] = await this.summaries(user, [team]);
    const canManage = this.access.canManage(user, team);
    const [pendingCount, activityCount] = await Promise.all([
      canManage ? this.db.model(TeamMembershipModel).countDocuments({ teamId: team._id, status: 'pending' }) : 0,
      this.db.model(ActivityModel).countDocuments(this.activitiesOf(team)),
    ]);
    return { ...summary, pendingCount, activityCount, canManage, canEdit: this.access.canEdit(user, team) };
  }

  async summaries(user: Principal, teams: Team[]): Promise<TeamSummary[]> {
    if (!teams.length) return [];
    const ids = teams.map((t) => t._id);
    const [mine, members, communities, leaders, stations] = await Promise.all([
      this.db
        .model(TeamMembershipModel)
        .find({ teamId: { $in: ids }, personId: new Types.ObjectId(user.userId) })
        .lean<TeamMembership[]>(),
      this.db
        .model(TeamMembershipModel)
        .find({ teamId: { $in: ids }, status: 'active' }, { teamId: 1 })
        .lean<Pick<TeamMembership, 'teamId'>[]>(),
      namesOf(
        this.db,
        OrgModel,
        teams.map((t) => t.communityId),
      ),
      namesOf(
        this.db,
        UserModel,
        teams.map((t) => t.leaderId),
      ),
      namesOf(
        this.db,
        StationModel,
        teams.map((t) => t.stationId),
      ),
    ]);
    // Counted in code: one $group with a $sum per team would do, but this stays within FerretDB's subset.
    const count = new Map<string, number>();
    for (const m of members) count.set(String(m.teamId), (count.get(String(m.teamId)) ?? 0) + 1);
    return teams.map((t) => {
      const my = mine.find((m) => m.teamId.equals(t._id));
      const ref = (id: Types.ObjectId | null, names: Map<string, string>) =>
        id && names.has(String(id)) ? { id: String(id), name: names.get(String(id))! } : null;
      return {
        id: String(t._id),
        code: t.code,
        name: t.name,
        description: t.description,
        community: { id: String(t.communityId), name: communities.get(String(t.communityId)) ?? '' },
        leader: this.leaderOf(user, t, ref(t.leaderId, leaders)),
        station: ref(t.stationId, stations),
        memberCount: count.get(String(t._id)) ?? 0,
        myMembership: my ? { status: my.status, since: (my.approvedAt ?? my.appliedAt).toISOString() } : null,
      };
    });
  }

  /** The leader as the caller may see them: see `teamSummary.leader`. */
  private leaderOf(user: Principal, team: Team, leader: { id: string; name: string } | null) {
    if (!leader || leader.id === user.userId || this.access.canEdit(user, team)) return leader;
    return { id: null, name: maskName(leader.name) };
  }
}

export function activityLine(a: Activity): TeamActivity {
  return {
    id: String(a._id),
    title: a.title,
    brand: a.brand,
    brandName: brandName(a.brand as BrandCode),
    address: a.address,
    startsAt: a.startsAt?.toISOString() ?? null,
    endsAt: a.endsAt?.toISOString() ?? null,
  };
}
