import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { placeInScope, placeScope } from '../core/place';
import type { Principal } from '../core/principal';
import { TeamModel, type Team } from './team.model';

/**
 * Who may do what with a team. Teams are public to signed-in users; staff in scope (community,
 * street, county) edit them; the leader manages the members of their own team only.
 */
@Provide()
export class TeamAccess {
  @Inject()
  db!: Db;

  canEdit(user: Principal, team: Team): boolean {
    return placeInScope(user, team.place);
  }

  canManage(user: Principal, team: Team): boolean {
    return this.canEdit(user, team) || (!!team.leaderId && String(team.leaderId) === user.userId);
  }

  async team(id: string | Types.ObjectId): Promise<Team> {
    const team = await this.db.model(TeamModel).findById(id).lean<Team>();
    if (!team) throw new AppError('NOT_FOUND', '没有找到这支志愿队');
    return team;
  }

  async managedTeam(user: Principal, id: string): Promise<Team> {
    const team = await this.team(id);
    if (!this.canManage(user, team)) throw new AppError('FORBIDDEN', '只有本队队长和社区工作者可以管理队员');
    return team;
  }

  async editableTeam(user: Principal, id: string): Promise<Team> {
    const team = await this.team(id);
    if (!this.canEdit(user, team)) throw new AppError('FORBIDDEN', '只能设置所辖社区的志愿队');
    return team;
  }

  /**
   * Which community a list is about: the one asked for, else the caller's own; callers above a
   * community (street, county) without one get everything in their scope.
   */
  communityFilter(user: Principal, communityId: string | undefined, field: string): Record<string, unknown> {
    if (communityId) return { [field]: new Types.ObjectId(communityId) };
    if (user.communityId) return { [field]: new Types.ObjectId(user.communityId) };
    const scope = placeScope(user, 'place');
    return scope ?? {};
  }
}
