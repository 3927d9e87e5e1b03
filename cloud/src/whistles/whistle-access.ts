import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { WhistleActor, WhistleSupervisor } from '@gongzhi/shared';
import { Db } from '../core/db';
import { GrantsService } from '../grants/grants.service';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';
import { targetKeyOf, type Whistle, type WhistleTarget } from './whistle.model';
import { oidOrNobody } from '../core/oid';

/**
 * Who sees a whistle and who acts on its targets.
 * - Sees: the county all; a street admin whistles of their street's communities (and the street's
 *   own); staff their community's; a grid worker their grid's; a department those addressed to it;
 *   a party member those calling their community's party members; anyone the whistles they blew.
 * - Responds for a target: the street's admins, the department's officials, the community's party members.
 * - Originator side (confirms, sends back): the blower, staff of the origin community, admins of
 *   the origin street for street-level whistles.
 */
@Provide()
export class WhistleAccess {
  @Inject()
  db!: Db;

  @Inject()
  grants!: GrantsService;

  /** The mongo filter of the whistles a caller may see. */
  visibleFilter(user: Principal): Record<string, unknown> {
    if (user.roles.includes('countyAdmin')) return {};
    const or: Record<string, unknown>[] = [{ blownBy: oidOrNobody(user.userId) }];
    if (user.roles.includes('streetAdmin')) or.push({ 'place.streetId': oidOrNobody(user.streetId) });
    if (user.roles.includes('staff')) or.push({ 'place.communityId': oidOrNobody(user.communityId) });
    if (user.roles.includes('gridWorker')) or.push({ 'place.gridId': oidOrNobody(user.orgId) });
    if (user.roles.includes('department')) or.push({ targetKeys: `department:${user.orgId}` });
    if (user.roles.includes('partyMember')) or.push({ targetKeys: `partyMembers:${user.communityId}` });
    return { $or: or };
  }

  canSee(user: Principal, w: Whistle): boolean {
    const eq = (a: Types.ObjectId | null, b: string | null) => !!a && !!b && String(a) === b;
    if (user.roles.includes('countyAdmin') || String(w.blownBy) === user.userId) return true;
    if (user.roles.includes('streetAdmin') && eq(w.place.streetId, user.streetId)) return true;
    if (user.roles.includes('staff') && eq(w.place.communityId, user.communityId)) return true;
    if (user.roles.includes('gridWorker') && eq(w.place.gridId, user.orgId)) return true;
    if (user.roles.includes('department') && w.targetKeys.includes(`department:${user.orgId}`)) return true;
    return user.roles.includes('partyMember') && w.targetKeys.includes(`partyMembers:${user.communityId}`);
  }

  isResponder(user: Principal, t: Pick<WhistleTarget, 'kind' | 'orgId'>): boolean {
    const org = String(t.orgId);
    if (t.kind === 'street') return user.roles.includes('streetAdmin') && user.orgId === org;
    if (t.kind === 'department') return user.roles.includes('department') && user.orgId === org;
    return user.roles.includes('partyMember') && user.communityId === org;
  }

  isOriginator(user: Principal, w: Whistle): boolean {
    if (String(w.blownBy) === user.userId) return true;
    if (w.origin.kind === 'street') {
      return user.roles.includes('streetAdmin') && String(w.origin.refId) === user.streetId;
    }
    return user.roles.includes('staff') && !!w.place.communityId && String(w.place.communityId) === user.communityId;
  }

  actorsOf(user: Principal, w: Whistle, t: WhistleTarget): WhistleActor[] {
    const actors: WhistleActor[] = [];
    if (this.isResponder(user, t)) actors.push('responder');
    if (this.isOriginator(user, w)) actors.push('originator');
    return actors;
  }

  /** The users who answer for a target. */
  async responders(t: Pick<WhistleTarget, 'kind' | 'orgId'>): Promise<Types.ObjectId[]> {
    if (t.kind === 'street') return this.grants.holders('streetAdmin', t.orgId);
    if (t.kind === 'department') return this.grants.holders('department', t.orgId);
    return this.users({ roles: 'partyMember', communityId: t.orgId });
  }

  /** The users of a supervising level for a whistle: the origin street's admins, or the county admins. */
  async supervisors(level: WhistleSupervisor, w: Pick<Whistle, 'place'>): Promise<Types.ObjectId[]> {
    if (level === 'street') return this.grants.holders('streetAdmin', w.place.streetId);
    return this.grants.holders('countyAdmin');
  }

  /** The targets of a whistle a caller answers for. */
  ownTargets(user: Principal, w: Whistle): WhistleTarget[] {
    return w.targets.filter((t) => this.isResponder(user, t));
  }

  key(t: Pick<WhistleTarget, 'kind' | 'orgId'>): string {
    return targetKeyOf(t);
  }

  private async users(filter: Record<string, unknown>): Promise<Types.ObjectId[]> {
    const found = await this.db.model(UserModel).find(filter, { _id: 1 }).lean<Pick<User, '_id'>[]>();
    return found.map((u) => u._id);
  }
}
