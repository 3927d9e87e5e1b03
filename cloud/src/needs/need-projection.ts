import type { NeedStatus } from '@gongzhi/shared';
import type { NeedEvent } from './need-event.model';
import type { NeedProjection } from './need.model';

const HOUR_MS = 3600 * 1000;
/** dueAt of needs with no running limit: sorts after every real date and is never "overdue". */
export const NO_DUE_DATE = new Date('9999-12-31T00:00:00Z');

type EventLike = Pick<
  NeedEvent,
  'seq' | 'action' | 'to' | 'actorId' | 'actorRole' | 'at' | 'note' | 'route' | 'rating' | 'assignee' | 'photos'
>;

/**
 * Folds a need's events (in seq order) into its projection. The events are the truth; the
 * projection on the need document only serves lists and filters.
 */
export function projectNeed(
  limits: { acceptHours: number; completeHours: number },
  events: readonly EventLike[],
): NeedProjection {
  const first = events[0];
  if (!first || first.action !== 'submit') throw new Error('a need starts with its submit event');
  const p: NeedProjection = {
    status: first.to,
    seq: first.seq,
    route: null,
    rating: null,
    reopenedOnce: false,
    handlerId: null,
    rejectReason: null,
    assigneeId: null,
    assigneeName: null,
    declinedBy: null,
    declineReason: null,
    resultPhotos: [],
    submittedAt: first.at,
    acceptedAt: null,
    completedAt: null,
    closedAt: null,
    dueAcceptAt: new Date(first.at.getTime() + limits.acceptHours * HOUR_MS),
    dueCompleteAt: null,
    dueAt: NO_DUE_DATE,
  };
  const byStaff = (e: EventLike) => e.actorId !== null && e.actorRole !== 'system';
  for (const e of events.slice(1)) {
    p.status = e.to;
    p.seq = e.seq;
    switch (e.action) {
      case 'accept':
      case 'reopen':
        p.acceptedAt = e.at;
        p.dueCompleteAt = new Date(e.at.getTime() + limits.completeHours * HOUR_MS);
        if (e.action === 'reopen') {
          // Redone from acceptance: the old route, completion and rating stay in the timeline.
          p.reopenedOnce = true;
          p.route = null;
          p.rating = null;
          p.completedAt = null;
          p.closedAt = null;
          p.assigneeId = null;
          p.assigneeName = null;
        }
        // A reopened need stays with whoever handled it; accepting makes the acceptor its handler.
        if (e.action === 'accept' && byStaff(e)) p.handlerId = e.actorId;
        break;
      case 'reject':
        p.rejectReason = e.note;
        break;
      case 'dispatch':
        p.route = e.route ? { kind: e.route.kind, targetId: e.route.targetId } : null;
        p.assigneeId = e.assignee?.id ?? null;
        p.assigneeName = e.assignee?.name ?? null;
        p.declinedBy = null;
        p.declineReason = null;
        if (byStaff(e)) p.handlerId = e.actorId;
        break;
      case 'decline':
        // Back to staff: it is no longer this person's, and nowhere until dispatched again.
        p.declinedBy = p.assigneeName;
        p.declineReason = e.note;
        p.assigneeId = null;
        p.assigneeName = null;
        p.route = null;
        break;
      case 'complete':
        p.completedAt = e.at;
        p.resultPhotos = [...p.resultPhotos, ...(e.photos ?? [])];
        break;
      case 'rate':
        p.rating = e.rating ? { stars: e.rating.stars, comment: e.rating.comment } : null;
        p.closedAt = e.at;
        break;
      case 'autoClose':
        p.closedAt = e.at;
        break;
      default:
        break;
    }
  }
  p.dueAt = dueAtOf(p.status, p.dueAcceptAt, p.dueCompleteAt);
  return p;
}

function dueAtOf(status: NeedStatus, dueAcceptAt: Date, dueCompleteAt: Date | null): Date {
  if (status === 'submitted') return dueAcceptAt;
  if (status === 'accepted' || status === 'routed' || status === 'in_progress') return dueCompleteAt ?? NO_DUE_DATE;
  return NO_DUE_DATE;
}

/** Which limit a need is past now, if any. */
export function overdueOf(p: Pick<NeedProjection, 'status' | 'dueAt'>, now: Date): 'accept' | 'complete' | null {
  if (p.dueAt.getTime() >= now.getTime()) return null;
  if (p.status === 'submitted') return 'accept';
  if (p.status === 'accepted' || p.status === 'routed' || p.status === 'in_progress') return 'complete';
  return null;
}
