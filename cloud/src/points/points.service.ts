import { Inject, Provide } from '@midwayjs/core';
import {
  POINTS_EARN_KINDS,
  POINTS_KIND_LABELS,
  chinaYearOf,
  maskName,
  type MyPoints,
  type PointsEarnKind,
  type PointsEntry as PointsEntryView,
  type z,
  type pointsRankingQuery,
  type pointsRuleBody,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { isUnder } from '../core/place';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { PointsLedger } from './ledger';
import { PointsEntryModel, type PointsEntry } from './points-entry.model';
import { competitionRanks } from './ranks';
import { yearlyEarned } from './earned';
import { PointsRuleModel } from './points-rule.model';
import { oid } from '../core/oid';

/** Use cases of points: show_my_points, list_my_points_entries, list/update rules, show_ranking. */
@Provide()
export class PointsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  ledger!: PointsLedger;

  async showMyPoints(user: Principal): Promise<MyPoints> {
    const personId = oid(user.userId);
    const year = chinaYearOf(this.clock.now());
    // One $sum per $group (FerretDB returns 0 for a second accumulator): group by kind.
    const [balance, rows, rules] = await Promise.all([
      this.ledger.balanceOf(personId),
      this.db
        .model(PointsEntryModel)
        .aggregate<{ _id: string; total: number }>([
          { $match: { personId, year } },
          { $group: { _id: '$kind', total: { $sum: '$delta' } } },
        ]),
      this.ledger.rules(),
    ]);
    const earned = (kind: string) => rows.find((r) => r._id === kind)?.total ?? 0;
    return {
      balance,
      year,
      yearEarned: POINTS_EARN_KINDS.reduce((n, k) => n + earned(k), 0),
      byKind: rules.map((r) => ({
        kind: r.kind,
        label: r.label,
        earned: earned(r.kind),
        expectation: r.yearlyExpectation,
        cap: r.yearlyCap,
      })),
    };
  }

  async listMyEntries(user: Principal, page: number, pageSize: number) {
    const filter = { personId: oid(user.userId) };
    const [rows, total] = await Promise.all([
      this.db
        .model(PointsEntryModel)
        .find(filter)
        .sort({ seq: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<PointsEntry[]>(),
      this.db.model(PointsEntryModel).countDocuments(filter),
    ]);
    return { items: rows.map(entryView), total, page, pageSize };
  }

  async listRules() {
    return { items: await this.ledger.rules() };
  }

  async updateRule(kind: PointsEarnKind, body: z.output<typeof pointsRuleBody>) {
    await this.db
      .model(PointsRuleModel)
      .updateOne({ _id: kind }, { $set: { ...body, updatedAt: this.clock.now() } }, { upsert: true });
    return this.ledger.rule(kind);
  }

  /**
   * Yearly points earned (spending does not count against a ranking). People are ranked within one
   * community; communities within the caller's street (or the county).
   */
  async showRanking(user: Principal, q: z.output<typeof pointsRankingQuery>) {
    const year = q.year ?? chinaYearOf(this.clock.now());
    const match: Record<string, unknown> = {};
    if (q.by === 'person') {
      const communityId = q.communityId ?? user.communityId;
      if (!communityId)
        throw new AppError('VALIDATION_FAILED', '请选择社区', [{ path: 'query.communityId', message: '请选择社区' }]);
      await this.checkCommunityInScope(user, communityId);
      match.communityId = oid(communityId);
      const rows = await this.group(year, match, '$personId', q.limit);
      const ranks = competitionRanks(rows.map((r) => r.total));
      const people = await this.db
        .model(UserModel)
        .find({ _id: { $in: rows.map((r) => r._id) } }, { name: 1 })
        .lean<Pick<User, '_id' | 'name'>[]>();
      return {
        year,
        by: q.by,
        items: rows.map((r, i) => {
          const me = String(r._id) === user.userId;
          const name = people.find((p) => p._id.equals(r._id))?.name ?? '（已注销）';
          // Another person's row carries a row key, never their id (it would join with other lists).
          const id = me ? String(r._id) : `row-${i + 1}`;
          return { rank: ranks[i], id, name: me ? name : maskName(name), points: r.total, me };
        }),
      };
    }
    const communities = await this.communitiesInScope(user);
    match.communityId = { $in: communities.map((c) => c._id) };
    const rows = await this.group(year, match, '$communityId', q.limit);
    const ranks = competitionRanks(rows.map((r) => r.total));
    return {
      year,
      by: q.by,
      items: rows.map((r, i) => ({
        rank: ranks[i],
        id: String(r._id),
        name: communities.find((c) => c._id.equals(r._id))?.name ?? '',
        points: r.total,
        me: String(r._id) === user.communityId,
      })),
    };
  }

  private async group(year: number, match: Record<string, unknown>, key: '$personId' | '$communityId', limit: number) {
    const rows = await yearlyEarned(this.db, year, match, key);
    // Sorted here: ties by id keep the order stable between calls.
    return rows
      .filter((r) => r.total > 0)
      .sort((a, b) => b.total - a.total || String(a._id).localeCompare(String(b._id)))
      .slice(0, limit);
  }

  /** Holders and community staff see their own community; street admins their street's; the county all. */
  private async checkCommunityInScope(user: Principal, communityId: string) {
    if (user.roles.includes('countyAdmin') || communityId === user.communityId) return;
    if (user.roles.includes('streetAdmin') && user.streetId) {
      const c = await this.db.model(OrgModel).findById(communityId).lean<Org>();
      if (c?.kind === 'community' && isUnder(c, user.streetId)) return;
    }
    throw new AppError('NOT_FOUND', '没有找到这个社区');
  }

  private async communitiesInScope(user: Principal): Promise<Org[]> {
    const orgs = this.db.model(OrgModel);
    if (user.roles.includes('countyAdmin')) return orgs.find({ kind: 'community' }).lean<Org[]>();
    if (user.streetId) return orgs.find({ kind: 'community', ancestors: oid(user.streetId) }).lean<Org[]>();
    return [];
  }
}

function entryView(e: PointsEntry): PointsEntryView {
  return {
    id: String(e._id),
    delta: e.delta,
    balance: e.balance,
    kind: e.kind,
    label: POINTS_KIND_LABELS[e.kind],
    note: e.note,
    at: e.at.toISOString(),
  };
}
