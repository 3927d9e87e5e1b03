import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_TYPE_LABELS,
  WHISTLE_TYPE_RULES,
  nextTargetStatus,
  whistleCategoryOfNeed,
  type FieldError,
  type WhistleAction,
  type WhistleDetail,
  type WhistleRuleCategory,
  type WhistleRuleView,
  type WhistleType,
  type blowWhistleBody,
  type listWhistlesQuery,
  type whistleLimitTable,
  type z,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { type Place } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { NeedModel, type Need } from '../needs/need.model';
import { Notifier } from '../notifications/notifier';
import { OrgModel, type Org } from '../org/org.model';
import { PointsLedger } from '../points/ledger';
import { seedId } from '../core/stable-id';
import { ContentGuard } from '../wechat/content-guard';
import { WhistleAccess } from './whistle-access';
import { WhistleBlowChecks, fieldError, insideOrigin, originatorRole, responderRole } from './whistle-blow-checks';
import { WhistleEventModel, type WhistleEvent } from './whistle-event.model';
import { WhistleNotices } from './whistle-notices';
import { projectTarget } from './whistle-projection';
import { WhistleRules } from './whistle-rules.service';
import { WhistleStore } from './whistle-store';
import { WhistleViews, toSummary } from './whistle-views';
import { WhistleVolunteerCalls } from './whistle-volunteer-call';
import { WhistleWriter } from './whistle-writer';
import { WhistleModel, targetKeyOf, type Whistle } from './whistle.model';
import { oid } from '../core/oid';
import { userNames } from '../people/names';

type BlowBody = z.output<typeof blowWhistleBody>;
type ListQuery = z.output<typeof listWhistlesQuery>;
type LimitTable = z.output<typeof whistleLimitTable>;

/** What an action on a target carries. */
export interface WhistleActionInput {
  note?: string;
  result?: string;
  photos?: string[];
  satisfaction?: number;
}

const notFound = () => new AppError('NOT_FOUND', '没有找到这条吹哨');

/**
 * Use cases of 吹哨报到: blow_whistle (and blow_from_need for a need dispatched to a department),
 * list_whistles, show_whistle, act_on_whistle (report, resolve, confirm, send back),
 * list/update whistle rules. Escalation lives in whistle-escalation.service.ts; the checks of a blow,
 * the views, the rules and the notices in the whistle-*.ts files beside this one.
 */
@Provide()
export class WhistlesService {
  @Inject()
  db!: Db;

  @Inject()
  contentGuard!: ContentGuard;

  @Inject()
  clock!: Clock;

  @Inject()
  places!: PlaceService;

  @Inject()
  access!: WhistleAccess;

  @Inject()
  store!: WhistleStore;

  @Inject()
  notifier!: Notifier;

  @Inject()
  points!: PointsLedger;

  @Inject()
  checks!: WhistleBlowChecks;

  @Inject()
  calls!: WhistleVolunteerCalls;

  @Inject()
  views!: WhistleViews;

  @Inject()
  rules!: WhistleRules;

  @Inject()
  notices!: WhistleNotices;

  @Inject()
  writer!: WhistleWriter;

  // ——— Blowing ———

  async blowWhistle(user: Principal, body: BlowBody, keyedId: Types.ObjectId | null = null): Promise<WhistleDetail> {
    const rule = WHISTLE_TYPE_RULES[body.type];
    if (!user.roles.some((r) => rule.blowers.includes(r))) {
      throw new AppError('FORBIDDEN', `您不能发起“${WHISTLE_TYPE_LABELS[body.type]}”`);
    }
    const origin = await this.checks.originOf(user, body);
    const subject = await this.checks.subjectOf(user, body.subject);
    const inOrigin = (p: Pick<Place, 'streetId' | 'communityId' | 'gridId'>) => insideOrigin(origin, p);

    let place = origin.place;
    let placeLabel = await this.views.labelOf(place);
    if (body.placeId) {
      const p = await this.places.placeOf(body.placeId);
      if (!inOrigin(p)) throw fieldError('body.placeId', '问题地点不在发起吹哨的社区、网格或街道内');
      place = p;
      placeLabel = await this.views.labelOf(p);
    } else if (subject.place && inOrigin(subject.place)) {
      place = subject.place;
      placeLabel = await this.views.labelOf(subject.place);
    }

    const fields: FieldError[] = [];
    const targets = await this.checks.targetsFor(body.type, body.targets ?? [], place, fields);
    const photos = await this.checks.ownPhotos(user, body.photos, 'body.photos', fields);
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    const checked = await this.contentGuard.text(
      user,
      { 'body.title': body.title, 'body.description': body.description },
      3,
    );

    const category = body.category ?? subject.category ?? 'other';
    let volunteerCall: Whistle['volunteerCall'] = null;
    if (body.type === 'communityToPartyMembers' && body.volunteerCall) {
      volunteerCall = await this.calls.openVolunteerCall(user, body, category, origin, place, keyedId);
    }
    const { whistle, events } = await this.writer.createWhistle({
      ...(keyedId ? { _id: keyedId, keyed: true } : {}),
      type: body.type,
      urgency: body.urgency,
      category,
      title: body.title,
      description: body.description,
      ...(checked.review ? { contentReview: 'pending' as const } : {}),
      photos,
      origin: { kind: origin.kind, refId: origin.refId, name: origin.name },
      place,
      placeLabel,
      subject: { kind: subject.kind, refId: subject.refId },
      blownBy: oid(user.userId),
      blownByRole: user.roles.find((r) => rule.blowers.includes(r))!,
      targets,
      volunteerCall,
    });
    return this.views.present(user, whistle, events);
  }

  /**
   * A need dispatched with route `whistle` becomes a 政务吹哨部门报到 from the need's community to
   * the department. Called by the needs area after the dispatch transition; the whistle's id follows
   * from the dispatch event, so a repeated call creates nothing new.
   */
  async blowFromNeed(
    user: Principal,
    needId: Types.ObjectId | string,
    departmentId: string,
    dispatchEventId: Types.ObjectId,
  ): Promise<Types.ObjectId | null> {
    const _id = seedId(`whistle:needDispatch:${dispatchEventId}`);
    if (await this.db.model(WhistleModel).exists({ _id })) return _id;
    const need = await this.db.model(NeedModel).findById(needId).lean<Need>();
    const dept = await this.db
      .model(OrgModel)
      .findOne({ _id: oid(departmentId), kind: 'department' })
      .lean<Org>();
    const community = need ? await this.db.model(OrgModel).findById(need.place.communityId).lean<Org>() : null;
    if (!need || !dept || !community) return null;
    try {
      await this.writer.createWhistle({
        _id,
        type: 'govToDepartment',
        urgency: 'normal',
        category: whistleCategoryOfNeed(need.categoryCode),
        title: need.title,
        description: need.description,
        photos: need.photos,
        origin: { kind: 'community', refId: community._id, name: community.name },
        place: need.place,
        placeLabel: `${community.name} ${need.placeLabel}`,
        subject: { kind: 'need', refId: need._id },
        blownBy: oid(user.userId),
        blownByRole: user.roles[0],
        targets: [{ orgId: dept._id, kind: 'department', name: dept.name }],
        volunteerCall: null,
      });
    } catch (err) {
      // Another call for the same dispatch got there first.
      if (!isDuplicateKey(err)) throw err;
    }
    return _id;
  }

  // ——— Lists ———

  async listWhistles(user: Principal, q: ListQuery) {
    const now = this.clock.now();
    const and: Record<string, unknown>[] = [this.access.visibleFilter(user)];
    if (q.status) and.push({ status: q.status });
    if (q.type) and.push({ type: q.type });
    if (q.overdue === true) and.push({ dueAt: { $lt: now } });
    if (q.overdue === false) and.push({ dueAt: { $gte: now } });
    if (q.from) and.push({ blownAt: { $gte: q.from } });
    if (q.to) and.push({ blownAt: { $lt: q.to } });
    const filter = { $and: and };
    const model = this.db.model(WhistleModel);
    const [rows, total] = await Promise.all([
      model
        .find(filter)
        .sort({ blownAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<Whistle[]>(),
      model.countDocuments(filter),
    ]);
    const names = await userNames(
      this.db,
      rows.map((w) => w.blownBy),
    );
    const mine = (t: Whistle['targets'][number]) => this.access.isResponder(user, t);
    return { items: rows.map((w) => toSummary(w, names, now, mine)), total, page: q.page, pageSize: q.pageSize };
  }

  async getWhistle(user: Principal, id: string): Promise<WhistleDetail> {
    const loaded = await this.store.load(id);
    if (!loaded || !this.access.canSee(user, loaded.whistle)) throw notFound();
    return this.views.present(user, loaded.whistle, loaded.events);
  }

  /**
   * True when an uploaded photo is on a whistle the caller may see (the whistle's own photos, or a
   * resolution's): for the uploads area, so officials can open the photos of whistles addressed to them.
   */
  async photoVisible(user: Principal, uploadId: Types.ObjectId): Promise<boolean> {
    const [direct, viaEvents] = await Promise.all([
      this.db.model(WhistleModel).find({ photos: uploadId }, { _id: 1 }).limit(50).lean<Pick<Whistle, '_id'>[]>(),
      this.db
        .model(WhistleEventModel)
        .find({ photos: uploadId }, { whistleId: 1 })
        .limit(50)
        .lean<Pick<WhistleEvent, 'whistleId'>[]>(),
    ]);
    const ids = [...direct.map((w) => w._id), ...viaEvents.map((e) => e.whistleId)];
    if (!ids.length) return false;
    const visible = { $and: [this.access.visibleFilter(user), { _id: { $in: ids } }] };
    return !!(await this.db.model(WhistleModel).exists(visible));
  }

  // ——— Acting on a target ———

  /**
   * A step of one target. The current status is read from the target's events (the projection may
   * lag); the event takes seq n+1 and the unique (whistleId, targetKey, seq) index lets one of two
   * concurrent movers win. Then the whole whistle is re-projected.
   */
  async actOnWhistle(
    user: Principal,
    id: string,
    targetId: string,
    action: WhistleAction,
    input: WhistleActionInput,
  ): Promise<WhistleDetail> {
    const loaded = await this.store.load(id);
    if (!loaded || !this.access.canSee(user, loaded.whistle)) throw notFound();
    const whistle = loaded.whistle;
    const target = whistle.targets.find((t) => String(t.orgId) === targetId);
    if (!target) throw new AppError('NOT_FOUND', '这条吹哨没有这个报到对象');
    const targetKey = targetKeyOf(target);
    // 内容安全: what a person writes on a whistle is checked like its description.
    const notePath = { confirm: 'body.comment', sendBack: 'body.reason' }[action as string] ?? 'body.note';
    const { review } = await this.contentGuard.text(user, { [notePath]: input.note, 'body.result': input.result }, 2);
    const { event } = await this.store.log.append({ whistleId: whistle._id, targetKey }, async (own) => {
      const current = projectTarget(target, own);
      const verdict = nextTargetStatus(current.status, action, this.access.actorsOf(user, whistle, target));
      if (!verdict.ok) throw new AppError(verdict.code, verdict.reason);

      const fields: FieldError[] = [];
      const photos =
        action === 'resolve' ? await this.checks.ownPhotos(user, input.photos ?? [], 'body.photos', fields) : [];
      if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);

      const role = action === 'report' || action === 'resolve' ? responderRole(target) : originatorRole(user);
      return {
        whistleId: whistle._id,
        targetKey,
        action,
        from: current.status,
        to: verdict.to,
        actorId: oid(user.userId),
        actorRole: role,
        at: this.clock.now(),
        note: input.note?.trim() || null,
        result: action === 'resolve' ? (input.result ?? null) : null,
        photos,
        satisfaction: action === 'confirm' ? (input.satisfaction ?? null) : null,
        level: null,
        supervisor: null,
      };
    });
    const fresh = await this.store.refresh(whistle);
    if (review)
      await this.db.model(WhistleModel).updateOne({ _id: whistle._id }, { $set: { contentReview: 'pending' } });
    if (action === 'report' && event.actorId)
      await this.points.earnForWhistleReport(event.actorId, whistle._id, targetKey, whistle.title);
    await this.notices.stepTaken(whistle, target, event);
    return this.views.present(user, fresh.whistle, fresh.events);
  }

  // ——— Rules ———

  listWhistleRules(page: number, pageSize: number) {
    return this.rules.listWhistleRules(page, pageSize);
  }

  updateWhistleRule(
    user: Principal,
    type: WhistleType,
    category: WhistleRuleCategory,
    limits: LimitTable,
  ): Promise<WhistleRuleView> {
    return this.rules.updateWhistleRule(user, type, category, limits);
  }
}
