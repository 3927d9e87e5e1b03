import { Inject, Provide } from '@midwayjs/core';
import {
  SERVING_OPEN_STATUSES,
  allowedNeedActions,
  maskPhone,
  type NeedDetail,
  type NeedSummary,
} from '@gongzhi/shared';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { communityContact } from '../org/community-contact';
import type { NeedEvent } from './need-event.model';
import { ruleContextOf } from './need-log';
import { actorsOf, eventView, photoRef, resultOf, toSummary } from './need-views';
import type { Need } from './need.model';
import { userNames } from '../people/names';

/** How needs read: list rows and the detail with its timeline, phones shown by who is asking. */
@Provide()
export class NeedDetails {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  audit!: AuditLog;

  /** Needs of a list; `staffView`: the caller's inbox (decline reasons shown). */
  async summaries(user: Principal, rows: Need[], staffView: boolean): Promise<NeedSummary[]> {
    // The caller's own name came with the request (Principal): only other owners are looked up.
    const names = await userNames(
      this.db,
      rows.map((n) => n.owner).filter((id) => String(id) !== user.userId),
    );
    names.set(user.userId, user.name);
    const now = this.clock.now();
    // Lists never show a phone in full: the detail view does, to the handler, with an audit entry.
    return rows.map((n) => toSummary(n, names, now, String(n.owner) === user.userId, staffView));
  }

  /**
   * The need as this caller may see it. Phones are in full only for the owner, the handler, and the
   * service person while it is in their hands; a read by anyone but the owner is audit-logged before it leaves.
   */
  async present(user: Principal, need: Need, events: NeedEvent[]): Promise<NeedDetail> {
    const actors = actorsOf(user, need);
    const isOwner = String(need.owner) === user.userId;
    const isHandler = !!need.handlerId && String(need.handlerId) === user.userId;
    const serving = actors.includes('assignee') && SERVING_OPEN_STATUSES.includes(need.status);
    const full = isOwner || isHandler || serving;
    if (full && !isOwner) {
      // Ordered by a grid worker for a resident: the phone shown is the resident's, so they are the subject.
      const via = `need:${need._id}`;
      const { onBehalfOf } = need;
      if (onBehalfOf)
        await this.audit.onBehalfOfRead(user, { _id: need._id, onBehalfOf, place: need.place }, ['phone'], via);
      else await this.audit.personalDataRead(user, need.owner, ['phone'], via);
    }
    const [names, community] = await Promise.all([
      userNames(this.db, [need.owner, need.handlerId, ...events.map((e) => e.actorId)]),
      communityContact(this.db, need.place.communityId),
    ]);
    const now = this.clock.now();
    const staffView = actors.includes('handler');
    const residentOnly = !staffView && !actors.includes('assignee');
    return {
      ...toSummary(need, names, now, full, staffView),
      otherText: need.otherText,
      preferredTime: need.preferredTime?.toISOString() ?? null,
      answers: need.answers ?? {},
      photos: need.photos.map(photoRef),
      onBehalfOf: need.onBehalfOf
        ? { name: need.onBehalfOf.name, phone: full ? need.onBehalfOf.phone : maskPhone(need.onBehalfOf.phone)! }
        : null,
      phoneMasked: !full,
      community,
      handler: need.handlerId ? { id: String(need.handlerId), name: names.get(String(need.handlerId)) ?? '' } : null,
      rejectReason: need.rejectReason,
      reopenedOnce: need.reopenedOnce,
      acceptedAt: need.acceptedAt?.toISOString() ?? null,
      completedAt: need.completedAt?.toISOString() ?? null,
      closedAt: need.closedAt?.toISOString() ?? null,
      result: resultOf(need, events, names),
      actions: allowedNeedActions(need.status, ruleContextOf(need, events, actors, now)),
      timeline: events.map((e) => eventView(e, names, residentOnly)),
    };
  }
}
