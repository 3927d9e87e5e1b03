import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_ESCALATION_CHAIN,
  allowedWhistleActions,
  type WhistleDetail,
  type WhistleLimits,
  type WhistleRuleView,
  type WhistleSummary,
} from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { WhistleAccess } from './whistle-access';
import type { WhistleEvent } from './whistle-event.model';
import { overdueOf } from './whistle-projection';
import type { WhistleRule } from './whistle-rule.model';
import { remindRefusal } from './whistle-remind-rule';
import { targetKeyOf, type Whistle, type WhistlePlace, type WhistleTarget } from './whistle.model';
import { userNames } from '../people/names';

/** How whistles read: the detail with its timeline, the list rows, the rules; names and place labels. */
@Provide()
export class WhistleViews {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: WhistleAccess;

  /** e.g. 南门社区 南门小区 2号楼; a street-level place is the street's name. */
  async labelOf(place: Pick<WhistlePlace, 'streetId' | 'communityId' | 'gridId' | 'complexId' | 'buildingId'>) {
    const ids = [place.communityId, place.gridId, place.complexId, place.buildingId].filter(
      (x): x is Types.ObjectId => !!x,
    );
    if (!ids.length) return (await this.db.model(OrgModel).findById(place.streetId).lean<Org>())?.name ?? '';
    const orgs = await this.db
      .model(OrgModel)
      .find({ _id: { $in: ids } })
      .lean<Org[]>();
    const name = (id: Types.ObjectId | null) => (id ? (orgs.find((o) => o._id.equals(id))?.name ?? '') : '');
    const precise = place.buildingId
      ? `${name(place.complexId)} ${name(place.buildingId)}`
      : place.complexId
        ? name(place.complexId)
        : name(place.gridId);
    return [name(place.communityId), precise].filter(Boolean).join(' ');
  }

  async present(user: Principal, whistle: Whistle, events: WhistleEvent[]): Promise<WhistleDetail> {
    const now = this.clock.now();
    const names = await userNames(this.db, [
      whistle.blownBy,
      ...whistle.targets.map((t) => t.reportedBy),
      ...events.map((e) => e.actorId),
    ]);
    const byKey = new Map(whistle.targets.map((t) => [targetKeyOf(t), t]));
    const photo = (p: Types.ObjectId) => ({ id: String(p), url: `/api/v1/uploads/${p}` });
    const mine = (t: WhistleTarget) => this.access.isResponder(user, t);
    return {
      ...toSummary(whistle, names, now, mine),
      description: whistle.description,
      photos: whistle.photos.map(photo),
      subject: { kind: whistle.subject.kind, id: whistle.subject.refId ? String(whistle.subject.refId) : null },
      volunteerCall: whistle.volunteerCall
        ? {
            activityId: String(whistle.volunteerCall.activityId),
            shiftId: whistle.volunteerCall.shiftId ? String(whistle.volunteerCall.shiftId) : null,
          }
        : null,
      targets: whistle.targets.map((t) => ({
        ...targetSummary(t, now, mine(t)),
        limits: { reportMinutes: t.limits.reportMinutes, resolveMinutes: t.limits.resolveMinutes },
        reportDueAt: t.reportDueAt.toISOString(),
        resolveDueAt: t.resolveDueAt.toISOString(),
        reportedAt: t.reportedAt?.toISOString() ?? null,
        reportedBy: t.reportedBy ? { id: String(t.reportedBy), name: names.get(String(t.reportedBy)) ?? '' } : null,
        reportedLate: t.reportedAt ? t.reportedAt.getTime() > t.reportDueAt.getTime() : null,
        resolvedAt: t.resolvedAt?.toISOString() ?? null,
        result: t.result,
        resultPhotos: t.resultPhotos.map(photo),
        confirmedAt: t.confirmedAt?.toISOString() ?? null,
        satisfaction: t.satisfaction,
        sendBacks: t.sendBacks,
        lastSendBackReason: t.lastSendBackReason,
        actions: allowedWhistleActions(t.status, this.access.actorsOf(user, whistle, t)),
        canRemind: !remindRefusal(user, whistle, t, this.access.isResponder(user, t)),
      })),
      timeline: events.map((e) => ({
        targetId: String(byKey.get(e.targetKey)?.orgId ?? ''),
        targetName: byKey.get(e.targetKey)?.name ?? '',
        seq: e.seq,
        action: e.action,
        from: e.from,
        to: e.to,
        actor: {
          id: e.actorId ? String(e.actorId) : null,
          name: e.actorId ? (names.get(String(e.actorId)) ?? null) : null,
          role: e.actorRole,
        },
        at: e.at.toISOString(),
        note: e.note ?? e.result ?? null,
        level: e.level ?? null,
        supervisor: e.supervisor ?? null,
        satisfaction: e.satisfaction ?? null,
      })),
    };
  }
}

export function targetSummary(t: WhistleTarget, now: Date, mine: boolean) {
  const chain = WHISTLE_ESCALATION_CHAIN[t.kind];
  return {
    id: String(t.orgId),
    kind: t.kind,
    name: t.name,
    status: t.status,
    overdue: overdueOf(t, now),
    escalationLevel: t.escalationLevel,
    escalatedTo: t.escalationLevel ? chain[Math.min(t.escalationLevel, chain.length) - 1] : null,
    reportDueAt: t.reportDueAt.toISOString(),
    resolveDueAt: t.resolveDueAt.toISOString(),
    mine,
  };
}

/** `mine`: whether the caller answers for a target (WhistleAccess.isResponder). */
export function toSummary(
  w: Whistle,
  names: Map<string, string>,
  now: Date,
  mine: (t: WhistleTarget) => boolean,
): WhistleSummary {
  const id = (x: Types.ObjectId | null) => (x ? String(x) : null);
  const targets = w.targets.map((t) => targetSummary(t, now, mine(t)));
  // A caller answering for several targets of one whistle (rare): the one still open first.
  const own = targets.filter((t) => t.mine).sort((a, b) => Number(isDone(a.status)) - Number(isDone(b.status)))[0];
  return {
    id: String(w._id),
    type: w.type,
    title: w.title,
    urgency: w.urgency,
    category: w.category,
    status: w.status,
    origin: { kind: w.origin.kind, id: String(w.origin.refId), name: w.origin.name },
    place: {
      streetId: String(w.place.streetId),
      communityId: id(w.place.communityId),
      gridId: id(w.place.gridId),
      complexId: id(w.place.complexId),
      buildingId: id(w.place.buildingId),
      label: w.placeLabel,
    },
    blownAt: w.blownAt.toISOString(),
    blownBy: { id: String(w.blownBy), name: names.get(String(w.blownBy)) ?? '' },
    overdue: targets.some((t) => t.overdue !== null),
    own: own ? { id: own.id, status: own.status, overdue: own.overdue } : null,
    targets,
  };
}

const isDone = (s: WhistleTarget['status']) => s === 'resolved' || s === 'confirmed';

export function toRuleView(r: WhistleRule, names: Map<string, string>): WhistleRuleView {
  const l = (x: WhistleLimits) => ({ reportMinutes: x.reportMinutes, resolveMinutes: x.resolveMinutes });
  return {
    type: r.type,
    category: r.category,
    limits: { emergency: l(r.limits.emergency), urgent: l(r.limits.urgent), normal: l(r.limits.normal) },
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy ? { id: String(r.updatedBy), name: names.get(String(r.updatedBy)) ?? '' } : null,
  };
}
