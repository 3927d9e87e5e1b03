import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  RESPONSE_KPI_DEFINITIONS,
  WHISTLE_SATISFIED_MIN_STARS,
  average,
  chinaMonthsBetween,
  percentile,
  rate,
  type OverdueWhistleItem,
  type ResponseKpiLevel,
  type ResponseKpiRow,
  type ResponseKpis,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Coalescer } from '../core/coalesce';
import { Db } from '../core/db';
import { allOf } from '../core/filters';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { overdueOf, runningDueOf } from '../whistles/whistle-projection';
import { WhistleModel, targetKeyOf, type Whistle, type WhistleTarget } from '../whistles/whistle.model';
import { NOBODY, oidOrNobody } from '../core/oid';

/** Most whistles one KPI query folds in code (FerretDB's $group has only $sum/$count: percentiles are computed here). */
const MAX_WHISTLES = 20_000;
/** Most overdue whistles the overdue list looks at (sorted and paged in code, per target). */
const MAX_OVERDUE = 5_000;
const MINUTE_MS = 60_000;

type KpiWhistle = Pick<Whistle, '_id' | 'blownAt' | 'place' | 'targets'>;

/** Only what the figures need: a bounded projection of each whistle (no texts, photos or events). */
const KPI_FIELDS = { blownAt: 1, place: 1, targets: 1 } as const;

/** The 三率 computations running now, shared by callers asking for the same figures (one per app). */
@Provide()
@Scope(ScopeEnum.Singleton)
export class StatsRuns {
  readonly kpis = new Coalescer<ResponseKpis>();
}

/**
 * 三率 and response times (shared/src/stats/kpis.ts has the definitions), and the overdue list.
 * Scope: the county all; a street admin whistles from their street; staff from their community;
 * a department the targets addressed to it.
 */
@Provide()
export class StatsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  runs!: StatsRuns;

  /**
   * Callers asking at once for the same figures (same scope, same query) share one computation:
   * officials open the county's 三率 together, and each computation reads every whistle of the range.
   */
  async responseKpis(user: Principal, q: { from: Date; to: Date; level: ResponseKpiLevel }): Promise<ResponseKpis> {
    const key = JSON.stringify({ scope: this.scope(user), targets: this.targetScope(user), q });
    return this.runs.kpis.run(key, () => this.computeResponseKpis(user, q));
  }

  private async computeResponseKpis(
    user: Principal,
    q: { from: Date; to: Date; level: ResponseKpiLevel },
  ): Promise<ResponseKpis> {
    const now = this.clock.now();
    const model = this.db.model(WhistleModel);
    // Month by month: FerretDB hands the equality on blownMonth to PostgreSQL (its index), where a
    // date range alone made it decode every whistle ever blown. At most one past the cap per read (a
    // count first would read the range twice).
    const months = chinaMonthsBetween(q.from, q.to);
    const reads = await Promise.all(
      months.map((blownMonth) =>
        model
          .find(allOf(this.scope(user), { blownMonth, blownAt: { $gte: q.from, $lt: q.to } }), KPI_FIELDS)
          .limit(MAX_WHISTLES + 1)
          .lean<KpiWhistle[]>(),
      ),
    );
    const whistles = reads.flat();
    if (whistles.length > MAX_WHISTLES) {
      throw new AppError('VALIDATION_FAILED', '统计范围内的吹哨太多，请缩短日期范围', [
        { path: 'query.to', message: '请缩短日期范围' },
      ]);
    }

    const groups = new Map<string, { name: string; items: { w: KpiWhistle; t: WhistleTarget }[] }>();
    const all: { w: KpiWhistle; t: WhistleTarget }[] = [];
    const targets = this.targetScope(user);
    for (const w of whistles) {
      for (const t of w.targets.filter((x) => targetCounts(targets, x))) {
        const key = groupOf(q.level, w, t);
        if (!key) continue;
        const g = groups.get(key.id) ?? { name: key.name, items: [] };
        g.items.push({ w, t });
        groups.set(key.id, g);
        all.push({ w, t });
      }
    }
    if (q.level === 'community') {
      // Community rows are named after the community (targets carry their own names, not the origin's).
      const orgs = await this.db
        .model(OrgModel)
        .find({ _id: { $in: [...groups.keys()].map((id) => new Types.ObjectId(id)) } }, { name: 1 })
        .lean<Org[]>();
      for (const o of orgs) groups.get(String(o._id))!.name = o.name;
    }
    const rows = [...groups.entries()]
      .map(([id, g]) => figures(id, g.name, g.items, now))
      .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, 'zh-CN'));
    return {
      level: q.level,
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      rows,
      total: figures('total', '合计', all, now),
      definitions: RESPONSE_KPI_DEFINITIONS.map((d) => ({ key: d.key, label: d.label, definition: d.definition })),
    };
  }

  /** Targets past a running limit now, the longest overdue first. */
  async listOverdue(user: Principal, page: number, pageSize: number) {
    const now = this.clock.now();
    const whistles = await this.db
      .model(WhistleModel)
      .find(allOf(this.scope(user), { dueAt: { $lt: now } }))
      .sort({ dueAt: 1 })
      .limit(MAX_OVERDUE)
      .lean<Whistle[]>();
    const targets = this.targetScope(user);
    const items: OverdueWhistleItem[] = [];
    for (const w of whistles) {
      for (const t of w.targets) {
        const stage = overdueOf(t, now);
        if (!stage || !targetCounts(targets, t)) continue;
        const due = runningDueOf(t)!;
        items.push({
          whistleId: String(w._id),
          title: w.title,
          type: w.type,
          urgency: w.urgency,
          blownAt: w.blownAt.toISOString(),
          origin: { id: String(w.origin.refId), name: w.origin.name },
          target: { id: String(t.orgId), kind: t.kind, name: t.name },
          stage,
          dueAt: due.toISOString(),
          overdueMinutes: Math.floor((now.getTime() - due.getTime()) / MINUTE_MS),
          escalationLevel: t.escalationLevel,
        });
      }
    }
    items.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.whistleId.localeCompare(b.whistleId));
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
  }

  /** The whistles whose figures a caller may see. */
  private scope(user: Principal): Record<string, unknown> {
    if (user.roles.includes('countyAdmin')) return {};
    const or: Record<string, unknown>[] = [];
    if (user.roles.includes('streetAdmin')) or.push({ 'place.streetId': oidOrNobody(user.streetId) });
    if (user.roles.includes('staff')) or.push({ 'place.communityId': oidOrNobody(user.communityId) });
    if (user.roles.includes('department')) or.push({ targetKeys: `department:${user.orgId}` });
    return or.length ? { $or: or } : { _id: NOBODY };
  }

  /**
   * Which of a whistle's targets count for the caller: all of them ('*'), or one department's own
   * target key (a department sees its own figures only, even on a whistle to several departments).
   */
  private targetScope(user: Principal): string | null {
    if (user.roles.some((r) => r === 'countyAdmin' || r === 'streetAdmin' || r === 'staff')) return '*';
    return user.roles.includes('department') ? `department:${user.orgId}` : null;
  }
}

function targetCounts(scope: string | null, t: Pick<WhistleTarget, 'kind' | 'orgId'>): boolean {
  return scope === '*' || scope === targetKeyOf(t);
}

function groupOf(level: ResponseKpiLevel, w: KpiWhistle, t: WhistleTarget): { id: string; name: string } | null {
  if (level === 'department') return t.kind === 'department' ? { id: String(t.orgId), name: t.name } : null;
  if (level === 'street') return t.kind === 'street' ? { id: String(t.orgId), name: t.name } : null;
  return w.place.communityId ? { id: String(w.place.communityId), name: '' } : null;
}

const minutes1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** One row of figures over a set of targets (definitions in shared/src/stats/kpis.ts). */
export function figures(
  id: string,
  name: string,
  items: { w: Pick<Whistle, 'blownAt'>; t: WhistleTarget }[],
  now: Date,
): ResponseKpiRow {
  let reported = 0;
  let reportedInTime = 0;
  let dueForReport = 0;
  let resolved = 0;
  let confirmed = 0;
  let dueForResolve = 0;
  let rated = 0;
  let satisfied = 0;
  let overdue = 0;
  const reportMinutes: number[] = [];
  const resolveMinutes: number[] = [];
  for (const { w, t } of items) {
    const since = (d: Date) => (d.getTime() - w.blownAt.getTime()) / MINUTE_MS;
    const isResolved = t.status === 'resolved' || t.status === 'confirmed';
    const passed = (due: Date) => now.getTime() > due.getTime();
    if (t.reportedAt) {
      reported++;
      reportMinutes.push(since(t.reportedAt));
      if (t.reportedAt.getTime() <= t.reportDueAt.getTime()) reportedInTime++;
    }
    // A rate judges only what is due: answered, or past its limit. The rest is still running.
    if (t.reportedAt || passed(t.reportDueAt)) dueForReport++;
    if (t.status === 'confirmed' || passed(t.resolveDueAt)) dueForResolve++;
    if (isResolved && t.resolvedAt) {
      resolved++;
      resolveMinutes.push(since(t.resolvedAt));
    }
    if (t.status === 'confirmed') {
      confirmed++;
      if (t.satisfaction !== null && t.satisfaction !== undefined) {
        rated++;
        if (t.satisfaction >= WHISTLE_SATISFIED_MIN_STARS) satisfied++;
      }
    }
    const reportLate = (t.reportedAt ?? now).getTime() > t.reportDueAt.getTime();
    const resolveLate = ((isResolved ? t.resolvedAt : null) ?? now).getTime() > t.resolveDueAt.getTime();
    if (reportLate || resolveLate) overdue++;
  }
  return {
    id,
    name,
    received: items.length,
    reported,
    reportedInTime,
    dueForReport,
    notDueReport: items.length - dueForReport,
    resolved,
    confirmed,
    dueForResolve,
    notDueResolve: items.length - dueForResolve,
    rated,
    satisfied,
    responseRate: rate(reportedInTime, dueForReport),
    resolutionRate: rate(confirmed, dueForResolve),
    satisfactionRate: rate(satisfied, rated),
    avgReportMinutes: minutes1(average(reportMinutes)),
    p90ReportMinutes: minutes1(percentile(reportMinutes, 0.9)),
    avgResolveMinutes: minutes1(average(resolveMinutes)),
    p90ResolveMinutes: minutes1(percentile(resolveMinutes, 0.9)),
    overdue,
  };
}
