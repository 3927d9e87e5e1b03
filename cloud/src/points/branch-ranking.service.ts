import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { chinaYearOf, maskName, type BranchMembersRanking, type BranchRanking } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { BranchModel, type BranchDoc } from '../party/branch.model';
import { hasPartyWork, rosterInScope, rosterScope } from '../party/party-access';
import { PartyMemberModel, type PartyMemberDoc } from '../party/party-member.model';
import { countBranchMembers } from '../stats/rosters';
import { competitionRanks } from './ranks';
import { yearlyEarned } from './earned';

type Linked = Pick<PartyMemberDoc, '_id' | 'branchId' | 'userId' | 'nameEnc'>;

/**
 * Use cases: show_branch_ranking, show_branch_members_ranking. A branch's points are its members'
 * yearly earned points, for members linked to an account (party/member-links.ts): the points are the
 * account's. Its size is the dashboard's (在册党员, stats/rosters.ts countBranchMembers); the average
 * is over that size. 党务 staff see the branches in their scope; a member sees only their own branch.
 */
@Provide()
export class BranchRankingService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  audit!: AuditLog;

  async showBranches(user: Principal, yearAsked?: number): Promise<BranchRanking> {
    const year = yearAsked ?? chinaYearOf(this.clock.now());
    const own = await this.ownMember(user);
    const staff = hasPartyWork(user);
    if (!staff && !own) throw new AppError('FORBIDDEN', '支部排名仅限本支部党员和负责党务的工作人员查看');
    const branches = staff
      ? await this.db.model(BranchModel).find(rosterScope(user)).lean<BranchDoc[]>()
      : await this.db.model(BranchModel).find({ _id: own!.branchId }).lean<BranchDoc[]>();
    const members = await this.linkedMembers({ branchId: { $in: branches.map((b) => b._id) } });
    const [points, onRoster] = await Promise.all([
      this.pointsOf(members, year),
      countBranchMembers(
        this.db,
        branches.map((b) => b._id),
      ),
    ]);
    const rows = branches.map((b) => {
      const mine = members.filter((m) => m.branchId.equals(b._id));
      const total = mine.reduce((n, m) => n + (points.get(String(m.userId)) ?? 0), 0);
      const memberCount = onRoster.get(String(b._id)) ?? 0;
      return {
        id: String(b._id),
        name: b.name,
        total,
        memberCount,
        linkedCount: mine.length,
        // Per member on the roster: one without an account has earned nothing yet.
        average: memberCount ? Math.round((total / memberCount) * 10) / 10 : 0,
        mine: !!own && own.branchId.equals(b._id),
      };
    });
    // Ranked by total; ties by average, then name, so the order is stable between calls.
    rows.sort((a, b) => b.total - a.total || b.average - a.average || a.name.localeCompare(b.name, 'zh'));
    const ranks = competitionRanks(rows.map((r) => r.total));
    return { year, items: rows.map((r, i) => ({ rank: ranks[i], ...r })) };
  }

  async showMembers(
    user: Principal,
    branchId: string,
    q: { year?: number; limit: number },
  ): Promise<BranchMembersRanking> {
    const year = q.year ?? chinaYearOf(this.clock.now());
    const branch = await this.db.model(BranchModel).findById(branchId).lean<BranchDoc>();
    const own = await this.ownMember(user);
    const staff = hasPartyWork(user) && !!branch && rosterInScope(user, branch);
    const member = !!branch && !!own && own.branchId.equals(branch._id);
    if (!branch || (!staff && !member)) throw new AppError('NOT_FOUND', '没有找到这个党支部');
    const members = await this.linkedMembers({ branchId: branch._id });
    const [points, onRoster] = await Promise.all([
      this.pointsOf(members, year),
      countBranchMembers(this.db, [branch._id]),
    ]);
    const ranked = members
      .map((m) => ({ m, points: points.get(String(m.userId)) ?? 0 }))
      .sort((a, b) => b.points - a.points || String(a.m._id).localeCompare(String(b.m._id)))
      .slice(0, q.limit);
    // Staff read members' full names (their duty): audited like the roster.
    if (staff)
      await this.audit.personalDataReads(
        user,
        ranked.map((r) => r.m._id),
        ['partyMembership'],
        'points:branch-ranking',
      );
    const ranks = competitionRanks(ranked.map((r) => r.points));
    return {
      year,
      branchId: String(branch._id),
      branchName: branch.name,
      memberCount: onRoster.get(String(branch._id)) ?? 0,
      linkedCount: members.length,
      items: ranked.map((r, i) => {
        const me = String(r.m.userId) === user.userId;
        const name = this.cipher.decrypt(r.m.nameEnc) ?? '';
        return {
          rank: ranks[i],
          // Masked rows carry a row key, not the member's id (it would join with other lists).
          memberId: staff || me ? String(r.m._id) : `row-${i + 1}`,
          name: staff || me ? name : maskName(name),
          points: r.points,
          me,
        };
      }),
    };
  }

  /** The caller's own member record, through the link to their account. */
  private async ownMember(user: Principal): Promise<Linked | null> {
    return this.db
      .model(PartyMemberModel)
      .findOne({ userId: new Types.ObjectId(user.userId), active: true }, { branchId: 1, userId: 1, nameEnc: 1 })
      .lean<Linked>();
  }

  private linkedMembers(filter: Record<string, unknown>): Promise<Linked[]> {
    return this.db
      .model(PartyMemberModel)
      .find({ ...filter, active: true, userId: { $ne: null } }, { branchId: 1, userId: 1, nameEnc: 1 })
      .lean<Linked[]>();
  }

  /** Yearly earned points per account. */
  private async pointsOf(members: Linked[], year: number): Promise<Map<string, number>> {
    if (!members.length) return new Map();
    const rows = await yearlyEarned(this.db, year, { personId: { $in: members.map((m) => m.userId) } }, '$personId');
    return new Map(rows.map((r) => [String(r._id), r.total]));
  }
}
