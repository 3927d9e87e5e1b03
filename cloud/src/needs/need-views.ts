import { Types } from 'mongoose';
import {
  NEED_ASSIGNEE_ROLES,
  NEED_HANDLER_ROLES,
  NEED_OPEN_STATUSES,
  RESIDENT_NOTE_ACTIONS,
  maskPhone,
  type NeedActor,
  type NeedDetail,
  type NeedEventView,
  type NeedSummary,
  type Role,
} from '@gongzhi/shared';
import { placeInScope } from '../core/place';
import type { Principal } from '../core/principal';
import type { NeedEvent } from './need-event.model';
import type { Need } from './need.model';
import { overdueOf } from './need-projection';

// How a need and its events look to a caller: pure functions of the stored documents.

const isHandlerRole = (r: Role) => (NEED_HANDLER_ROLES as readonly Role[]).includes(r);
const isAssigneeRole = (r: Role) => (NEED_ASSIGNEE_ROLES as readonly Role[]).includes(r);
const idOf = (x: Types.ObjectId | null | undefined) => (x ? String(x) : null);
export const photoRef = (id: Types.ObjectId) => ({ id: String(id), url: `/api/v1/uploads/${id}` });

/** Every way the caller stands to a need: owner, handler of its place, the service person it is dispatched to. */
export function actorsOf(user: Principal, need: Need): NeedActor[] {
  const actors: NeedActor[] = [];
  if (String(need.owner) === user.userId) actors.push('owner');
  if (user.roles.some(isHandlerRole) && placeInScope(user, need.place)) actors.push('handler');
  if (need.assigneeId && String(need.assigneeId) === user.userId && user.roles.some(isAssigneeRole)) {
    actors.push('assignee');
  }
  return actors;
}

/**
 * One need in a list. `staffView`: the caller handles it (the decline reason is for staff only).
 * Lists never show a phone in full: the detail view does, with an audit entry.
 */
export function toSummary(
  n: Need,
  names: Map<string, string>,
  now: Date,
  fullPhone: boolean,
  staffView: boolean,
): NeedSummary {
  return {
    id: String(n._id),
    status: n.status,
    categoryCode: n.categoryCode,
    menuItem: n.menuItemId ? { id: String(n.menuItemId), name: n.title } : null,
    title: n.title,
    description: n.description,
    place: {
      streetId: String(n.place.streetId),
      communityId: String(n.place.communityId),
      gridId: idOf(n.place.gridId),
      complexId: idOf(n.place.complexId),
      buildingId: idOf(n.place.buildingId),
      label: n.placeLabel,
    },
    owner: { id: String(n.owner), name: names.get(String(n.owner)) ?? '' },
    contactPhone: fullPhone ? n.contactPhone : maskPhone(n.contactPhone)!,
    submittedAt: n.submittedAt.toISOString(),
    dueAcceptAt: n.dueAcceptAt.toISOString(),
    dueCompleteAt: n.dueCompleteAt?.toISOString() ?? null,
    overdue: NEED_OPEN_STATUSES.includes(n.status) ? overdueOf(n, now) : null,
    route: n.route ? { kind: n.route.kind, targetId: String(n.route.targetId) } : null,
    assignee: n.assigneeId ? { id: String(n.assigneeId), name: n.assigneeName ?? '' } : null,
    declined: staffView && n.declineReason ? { by: n.declinedBy ?? '服务人员', reason: n.declineReason } : null,
    rating: n.rating ? { stars: n.rating.stars, comment: n.rating.comment } : null,
  };
}

/**
 * One timeline entry. `residentOnly`: the caller is the owner and nothing more, so notes written for
 * staff (acceptance, dispatch, decline reasons) are left out; their own words, a rejection's reason
 * and the result are theirs to read.
 */
export function eventView(e: NeedEvent, names: Map<string, string>, residentOnly: boolean): NeedEventView {
  const noteShown = !residentOnly || RESIDENT_NOTE_ACTIONS.includes(e.action);
  return {
    seq: e.seq,
    action: e.action,
    from: e.from,
    to: e.to,
    actor: {
      id: idOf(e.actorId),
      name: e.actorId ? (names.get(String(e.actorId)) ?? null) : null,
      role: e.actorRole,
    },
    at: e.at.toISOString(),
    note: noteShown ? e.note : null,
    route: e.route ? { kind: e.route.kind, targetId: String(e.route.targetId), title: e.route.title ?? null } : null,
    assignee: e.assignee ? { id: String(e.assignee.id), name: e.assignee.name } : null,
    rating: e.rating ? { stars: e.rating.stars, comment: e.rating.comment } : null,
    photos: (e.photos ?? []).map(photoRef),
  };
}

/** The last completion, if the need is done or closed after it. */
export function resultOf(need: Need, events: NeedEvent[], names: Map<string, string>): NeedDetail['result'] {
  if (need.status !== 'done' && need.status !== 'closed') return null;
  const done = [...events].reverse().find((e) => e.action === 'complete');
  if (!done) return null;
  return {
    note: done.note,
    photos: (done.photos ?? []).map(photoRef),
    by: done.actorId ? { id: String(done.actorId), name: names.get(String(done.actorId)) ?? '' } : null,
    at: done.at.toISOString(),
  };
}
