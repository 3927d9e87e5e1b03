import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_TYPE_LABELS,
  chinaDateTime,
  chinaMonthOf,
  type WhistleCategory,
  type WhistleType,
  type WhistleUrgency,
} from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { createKeyed } from '../core/create-keyed';
import { Db } from '../core/db';
import { Notifier } from '../notifications/notifier';
import { WhistleAccess } from './whistle-access';
import { WhistleEventModel, type WhistleEvent } from './whistle-event.model';
import { projectTarget, projectWhistle } from './whistle-projection';
import { WhistleRules } from './whistle-rules.service';
import { WhistleModel, targetKeyOf, type Whistle, type WhistlePlace, type WhistleTarget } from './whistle.model';

const MINUTE_MS = 60_000;

export /** Everything a new whistle needs once the caller's rights are checked. */
interface WhistleSpec {
  _id?: Types.ObjectId;
  /** `_id` is a request's keyed id: a retry of a crashed attempt completes what that attempt stored. */
  keyed?: boolean;
  type: WhistleType;
  urgency: WhistleUrgency;
  category: WhistleCategory;
  title: string;
  description: string;
  contentReview?: 'pending';
  photos: Types.ObjectId[];
  origin: Whistle['origin'];
  place: WhistlePlace;
  placeLabel: string;
  subject: Whistle['subject'];
  blownBy: Types.ObjectId;
  blownByRole: string;
  targets: Pick<WhistleTarget, 'orgId' | 'kind' | 'name'>[];
  volunteerCall: Whistle['volunteerCall'];
}

/** Stores a new whistle with its opening events and tells its targets. */
@Provide()
export class WhistleWriter {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  rules!: WhistleRules;

  @Inject()
  access!: WhistleAccess;

  @Inject()
  notifier!: Notifier;

  /**
   * Writes a whistle: the blow events first (one per target, seq 1), then the document. A stray
   * event of a whistle never written is invisible; a whistle without its events would have no timeline.
   */
  async createWhistle(spec: WhistleSpec): Promise<{ whistle: Whistle; events: WhistleEvent[] }> {
    const _id = spec._id ?? new Types.ObjectId();
    const stored = spec.keyed
      ? await this.db.model(WhistleEventModel).find({ whistleId: _id, seq: 1 }).lean<WhistleEvent[]>()
      : [];
    const blownAt = stored[0]?.at ?? this.clock.now();
    const limits = await this.rules.limitsFor(spec.type, spec.category, spec.urgency);
    const targets: WhistleTarget[] = spec.targets.map((t) =>
      projectTarget(
        {
          ...t,
          limits,
          reportDueAt: new Date(blownAt.getTime() + limits.reportMinutes * MINUTE_MS),
          resolveDueAt: new Date(blownAt.getTime() + limits.resolveMinutes * MINUTE_MS),
        },
        [],
      ),
    );
    let events: WhistleEvent[] = targets.map((t) => ({
      _id: new Types.ObjectId(),
      whistleId: _id,
      targetKey: targetKeyOf(t),
      seq: 1,
      action: 'blow',
      from: null,
      to: 'pending',
      actorId: spec.blownBy,
      actorRole: spec.blownByRole,
      at: blownAt,
      note: null,
      result: null,
      photos: [],
      satisfaction: null,
      level: null,
      supervisor: null,
    }));
    if (spec.keyed) events = events.map((e) => stored.find((s) => s.targetKey === e.targetKey) ?? e);
    const base = { targets };
    let whistle: Whistle = {
      _id,
      type: spec.type,
      urgency: spec.urgency,
      category: spec.category,
      title: spec.title,
      description: spec.description,
      ...(spec.contentReview ? { contentReview: spec.contentReview } : {}),
      photos: spec.photos,
      origin: spec.origin,
      place: {
        streetId: spec.place.streetId,
        communityId: spec.place.communityId ?? null,
        gridId: spec.place.gridId ?? null,
        complexId: spec.place.complexId ?? null,
        buildingId: spec.place.buildingId ?? null,
      },
      placeLabel: spec.placeLabel,
      subject: spec.subject,
      blownBy: spec.blownBy,
      blownByRole: spec.blownByRole,
      blownAt,
      blownMonth: chinaMonthOf(blownAt),
      volunteerCall: spec.volunteerCall,
      targetKeys: targets.map(targetKeyOf),
      ...projectWhistle(base, events),
    };
    // A retry of a crashed attempt adopts the events that attempt stored and adds the missing ones.
    const fresh = events.filter((e) => !stored.includes(e));
    if (fresh.length) await this.db.model(WhistleEventModel).insertMany(fresh);
    try {
      whistle = await createKeyed<Whistle>(this.db.model(WhistleModel), spec.keyed ? _id : null, whistle);
    } catch (err) {
      await this.db.model(WhistleEventModel).deleteMany({ _id: { $in: fresh.map((e) => e._id) } });
      throw err;
    }
    for (const t of targets) {
      await this.notifier.notify(
        await this.access.responders(t),
        'whistleBlown',
        `新吹哨（${WHISTLE_TYPE_LABELS[whistle.type]}）：「${whistle.title}」（${whistle.placeLabel}），请在 ${chinaDateTime(t.reportDueAt)} 前报到`,
        { whistleId: String(whistle._id), targetId: String(t.orgId) },
        `${String(whistle._id)}:${String(t.orgId)}`,
      );
    }
    return { whistle, events };
  }
}
