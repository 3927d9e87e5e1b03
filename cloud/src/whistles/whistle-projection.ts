import { WHISTLE_ESCALATION_CHAIN, escalationDueAt, whistleStatusOf, type WhistleTargetStatus } from '@gongzhi/shared';
import type { WhistleEvent } from './whistle-event.model';
import { targetKeyOf, type Whistle, type WhistleProjection, type WhistleTarget } from './whistle.model';

/** dueAt / nextEscalationAt when nothing runs: sorts after every real date and is never due. */
export const NO_DUE_DATE = new Date('9999-12-31T00:00:00Z');

type TargetStatic = Pick<WhistleTarget, 'orgId' | 'kind' | 'name' | 'limits' | 'reportDueAt' | 'resolveDueAt'>;
type EventLike = Pick<
  WhistleEvent,
  'targetKey' | 'seq' | 'action' | 'to' | 'actorId' | 'at' | 'note' | 'result' | 'photos' | 'satisfaction' | 'level'
>;

/** Folds one target's events (any order; sorted here by seq) into the target. The events are the truth. */
export function projectTarget(target: TargetStatic, events: readonly EventLike[]): WhistleTarget {
  const own = events.filter((e) => e.targetKey === targetKeyOf(target)).sort((a, b) => a.seq - b.seq);
  const t: WhistleTarget = {
    orgId: target.orgId,
    kind: target.kind,
    name: target.name,
    limits: { reportMinutes: target.limits.reportMinutes, resolveMinutes: target.limits.resolveMinutes },
    reportDueAt: target.reportDueAt,
    resolveDueAt: target.resolveDueAt,
    status: 'pending',
    seq: 0,
    reportedAt: null,
    reportedBy: null,
    resolvedAt: null,
    result: null,
    resultPhotos: [],
    confirmedAt: null,
    satisfaction: null,
    sendBacks: 0,
    lastSendBackReason: null,
    escalationLevel: 0,
  };
  for (const e of own) {
    t.seq = e.seq;
    t.status = e.to;
    switch (e.action) {
      case 'report':
        t.reportedAt = e.at;
        t.reportedBy = e.actorId;
        break;
      case 'resolve':
        t.resolvedAt = e.at;
        t.result = e.result;
        t.resultPhotos = [...(e.photos ?? [])];
        break;
      case 'confirm':
        t.confirmedAt = e.at;
        t.satisfaction = e.satisfaction;
        break;
      case 'sendBack':
        t.sendBacks += 1;
        t.lastSendBackReason = e.note;
        break;
      case 'escalate':
        t.escalationLevel = Math.max(t.escalationLevel, e.level ?? 0);
        break;
      default:
        break;
    }
  }
  return t;
}

/** The limit that runs for a target in its status: the report limit while pending, the resolution limit until resolved. */
export function runningDueOf(t: Pick<WhistleTarget, 'status' | 'reportDueAt' | 'resolveDueAt'>): Date | null {
  if (t.status === 'pending') return t.reportDueAt;
  if (t.status === 'reported' || t.status === 'sentBack') return t.resolveDueAt;
  return null;
}

/** Which limit a target is past now, if any. */
export function overdueOf(
  t: Pick<WhistleTarget, 'status' | 'reportDueAt' | 'resolveDueAt'>,
  now: Date,
): 'report' | 'resolve' | null {
  const due = runningDueOf(t);
  if (!due || due.getTime() >= now.getTime()) return null;
  return t.status === 'pending' ? 'report' : 'resolve';
}

/** When the next escalation step of a target falls due, or null when it reported or is at the top of its chain. */
export function nextEscalationOf(
  t: Pick<WhistleTarget, 'kind' | 'status' | 'reportDueAt' | 'limits' | 'escalationLevel'>,
): { level: number; dueAt: Date } | null {
  const chain = WHISTLE_ESCALATION_CHAIN[t.kind];
  if (t.status !== 'pending' || t.escalationLevel >= chain.length) return null;
  const level = t.escalationLevel + 1;
  return { level, dueAt: escalationDueAt(t.reportDueAt, t.limits.reportMinutes, level) };
}

/** The whole whistle's projection from all its events. */
export function projectWhistle(whistle: Pick<Whistle, 'targets'>, events: readonly EventLike[]): WhistleProjection {
  const targets = whistle.targets.map((t) => projectTarget(t, events));
  const min = (dates: (Date | null)[]) =>
    dates.reduce<Date>((m, d) => (d && d.getTime() < m.getTime() ? d : m), NO_DUE_DATE);
  return {
    targets,
    status: whistleStatusOf(targets.map((t) => t.status as WhistleTargetStatus)),
    dueAt: min(targets.map(runningDueOf)),
    nextEscalationAt: min(targets.map((t) => nextEscalationOf(t)?.dueAt ?? null)),
    eventCount: events.length,
  };
}
