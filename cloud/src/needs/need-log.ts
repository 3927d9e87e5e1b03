import { Types } from 'mongoose';
import {
  RESULT_NOTE_REQUIRED,
  nextStatus,
  type NeedAction,
  type NeedActor,
  type NeedRoute,
  type NeedTransitionContext,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import type { Clock } from '../core/clock';
import type { Db } from '../core/db';
import { EventLog } from '../core/event-log';
import { NeedEventModel, type NeedEvent } from './need-event.model';
import { overdueOf, projectNeed } from './need-projection';
import { NeedModel, type Need } from './need.model';
import { oid } from '../core/oid';

/** A need's timeline: one seq chain per need, the need document its projection (core/event-log.ts). */
export const needLog = (db: Db) =>
  new EventLog<NeedEvent, Need>(db, {
    events: NeedEventModel,
    entities: NeedModel,
    entityKey: 'needId',
    project: (need, events) => projectNeed(need.limits, events),
    version: 'seq',
    conflict: '这条需求刚被其他人处理过，请刷新后再试',
  });

/** When the owner last urged the need (催办), from its timeline. */
export function lastUrgedAt(events: readonly Pick<NeedEvent, 'action' | 'at'>[]): Date | null {
  return [...events].reverse().find((e) => e.action === 'urge')?.at ?? null;
}

/** What the state machine weighs about a need (its projection and timeline) and the caller, now. */
export function ruleContextOf(
  p: Pick<Need, 'rating' | 'reopenedOnce' | 'completedAt' | 'assigneeId' | 'status' | 'dueAt'>,
  events: readonly Pick<NeedEvent, 'action' | 'at'>[],
  actors: readonly NeedActor[],
  now: Date,
): NeedTransitionContext {
  return {
    actors,
    rating: p.rating,
    reopenedOnce: p.reopenedOnce,
    completedAt: p.completedAt,
    assigned: !!p.assigneeId,
    overdue: overdueOf(p, now) !== null,
    lastUrgedAt: lastUrgedAt(events),
    now,
  };
}

/** Who moves a need when another area calls `transition`: a user (with the role they act in) or the system. */
export interface NeedActorRef {
  userId: string | null;
  role: string;
}

/** What an action carries besides its name. */
export interface NeedActionInput {
  note?: string;
  route?: NeedRoute;
  /** The dispatch target's name, resolved by the caller, for the timeline. */
  routeTitle?: string;
  rating?: { stars: number; comment: string };
  /** complete: uploads of the caller showing the work done. */
  photos?: string[];
  /** dispatch: the service person it goes to (resolved by the caller). */
  assignee?: { id: Types.ObjectId; name: string };
}

/**
 * A transition: the current state is read from the events (not the projection, which may lag),
 * the next event takes seq n+1, and the unique (needId, seq) index lets exactly one concurrent
 * mover win. Only then is the projection updated.
 */
export async function moveNeed(
  db: Db,
  clock: Clock,
  need: Need,
  action: NeedAction,
  actor: NeedActorRef,
  actors: NeedActor[],
  input: NeedActionInput,
): Promise<{ need: Need; events: NeedEvent[] }> {
  const log = needLog(db);
  const appended = await log.append({ needId: need._id }, (events) => {
    const current = projectNeed(need.limits, events);
    const now = clock.now();
    const verdict = nextStatus(current.status, action, ruleContextOf(current, events, actors, now));
    if (!verdict.ok) throw new AppError(verdict.code, verdict.reason);
    // The resident reads what a person did for them: nobody completes a dispatched-to-a-person need silently.
    if (action === 'complete' && current.assigneeId && !input.note?.trim()) {
      throw new AppError('VALIDATION_FAILED', RESULT_NOTE_REQUIRED, [
        { path: 'body.note', message: RESULT_NOTE_REQUIRED },
      ]);
    }
    return {
      needId: need._id,
      action,
      from: current.status,
      to: verdict.to,
      actorId: actor.userId ? oid(actor.userId) : null,
      actorRole: actor.role,
      at: now,
      note: input.note?.trim() || null,
      route:
        action === 'dispatch' && input.route
          ? { kind: input.route.kind, targetId: oid(input.route.targetId), title: input.routeTitle ?? null }
          : null,
      rating: action === 'rate' && input.rating ? { stars: input.rating.stars, comment: input.rating.comment } : null,
      assignee: action === 'dispatch' && input.assignee ? { id: input.assignee.id, name: input.assignee.name } : null,
      ...(action === 'complete' ? { photos: (input.photos ?? []).map(oid) } : {}),
    };
  });
  const all = [...appended.before, appended.event];
  await log.reproject(need);
  // The answer is the need as this step left it, even if a later step has already followed.
  return { need: { ...need, ...projectNeed(need.limits, all) }, events: all };
}
