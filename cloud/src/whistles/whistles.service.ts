import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  WHISTLE_CATEGORY_CODES,
  WHISTLE_DEFAULT_LIMITS,
  WHISTLE_ESCALATION_CHAIN,
  WHISTLE_TYPE_LABELS,
  WHISTLE_TYPE_RULES,
  allowedWhistleActions,
  createActivityBody,
  nextTargetStatus,
  whistleCategoryOfNeed,
  type BrandCode,
  type FieldError,
  type MenuCategoryCode,
  type TeamCode,
  type WhistleAction,
  type WhistleCategory,
  type WhistleDetail,
  type WhistleLimits,
  type WhistleOriginKind,
  type WhistleRuleCategory,
  type WhistleRuleView,
  type WhistleSummary,
  type WhistleTargetKind,
  type WhistleType,
  type WhistleUrgency,
  type blowWhistleBody,
  type listWhistlesQuery,
  type whistleLimitTable,
  type z,
  chinaDateTime,
  chinaMonthOf,
} from '@gongzhi/shared';
import { ActivitiesService } from '../activities/activities.service';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { PlaceService, placeInScope, type Place } from '../core/place';
import type { Principal } from '../core/principal';
import { NeedModel, type Need } from '../needs/need.model';
import { UploadModel } from '../needs/upload.model';
import { Notifier } from '../notifications/notifier';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { PointsLedger } from '../points/ledger';
import { ProjectAccess } from '../projects/project-access';
import { seedId } from '../seed/seed-id';
import { WhistleAccess } from './whistle-access';
import { WhistleEventModel, type WhistleEvent } from './whistle-event.model';
import { overdueOf, projectTarget, projectWhistle } from './whistle-projection';
import { WhistleRuleModel, whistleRuleId, type WhistleRule } from './whistle-rule.model';
import { WhistleStore } from './whistle-store';
import { WhistleModel, targetKeyOf, type Whistle, type WhistlePlace, type WhistleTarget } from './whistle.model';
import { ContentGuard } from '../wechat/content-guard';
import { createKeyed } from '../core/create-keyed';

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

/** Everything a new whistle needs once the caller's rights are checked. */
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

const MINUTE_MS = 60_000;
const oid = (id: string | Types.ObjectId) => new Types.ObjectId(String(id));
const fieldError = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);
const notFound = () => new AppError('NOT_FOUND', '没有找到这条吹哨');

/** The volunteer call's brand and team for a whistle category (社区吹哨党员报到 opens an activity). */
const CALL_STYLE: Record<WhistleCategory, { brand: BrandCode; team: TeamCode | null; categoryCode: MenuCategoryCode }> =
  {
    security: { brand: 'other', team: 'redPatrol', categoryCode: 'other' },
    cityManagement: { brand: 'other', team: 'civilityGuard', categoryCode: 'other' },
    sanitation: { brand: 'cleanHome', team: 'civilityGuard', categoryCode: 'sanitation' },
    facilities: { brand: 'other', team: 'helpingHand', categoryCode: 'other' },
    dispute: { brand: 'other', team: 'peacemaker', categoryCode: 'legalAid' },
    livelihood: { brand: 'other', team: 'helpingHand', categoryCode: 'other' },
    other: { brand: 'other', team: null, categoryCode: 'other' },
  };

/**
 * Use cases of 吹哨报到: blow_whistle (and blow_from_need for a need dispatched to a department),
 * list_whistles, show_whistle, act_on_whistle (report, resolve, confirm, send back),
 * list/update whistle rules. Escalation lives in whistle-escalation.service.ts.
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
  activities!: ActivitiesService;

  @Inject()
  projects!: ProjectAccess;

  @Inject()
  points!: PointsLedger;

  // ——— Blowing ———

  async blowWhistle(user: Principal, body: BlowBody, keyedId: Types.ObjectId | null = null): Promise<WhistleDetail> {
    const rule = WHISTLE_TYPE_RULES[body.type];
    if (!user.roles.some((r) => rule.blowers.includes(r))) {
      throw new AppError('FORBIDDEN', `您不能发起“${WHISTLE_TYPE_LABELS[body.type]}”`);
    }
    const origin = await this.originOf(user, body);
    const subject = await this.subjectOf(user, body.subject);
    const inOrigin = (p: Pick<Place, 'streetId' | 'communityId' | 'gridId'>) => insideOrigin(origin, p);

    let place = origin.place;
    let placeLabel = await this.labelOf(place);
    if (body.placeId) {
      const p = await this.places.placeOf(body.placeId);
      if (!inOrigin(p)) throw fieldError('body.placeId', '问题地点不在发起吹哨的社区、网格或街道内');
      place = p;
      placeLabel = await this.labelOf(p);
    } else if (subject.place && inOrigin(subject.place)) {
      place = subject.place;
      placeLabel = await this.labelOf(subject.place);
    }

    const fields: FieldError[] = [];
    const targets = await this.targetsFor(body.type, body.targets ?? [], place, fields);
    const photos = await this.ownPhotos(user, body.photos, 'body.photos', fields);
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    const checked = await this.contentGuard.text(
      user,
      { 'body.title': body.title, 'body.description': body.description },
      3,
    );

    const category = body.category ?? subject.category ?? 'other';
    let volunteerCall: Whistle['volunteerCall'] = null;
    if (body.type === 'communityToPartyMembers' && body.volunteerCall) {
      volunteerCall = await this.openVolunteerCall(user, body, category, origin, place, keyedId);
    }
    const { whistle, events } = await this.createWhistle({
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
    return this.present(user, whistle, events);
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
      await this.createWhistle({
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

  /**
   * Writes a whistle: the blow events first (one per target, seq 1), then the document. A stray
   * event of a whistle never written is invisible; a whistle without its events would have no timeline.
   */
  private async createWhistle(spec: WhistleSpec): Promise<{ whistle: Whistle; events: WhistleEvent[] }> {
    const _id = spec._id ?? new Types.ObjectId();
    const stored = spec.keyed
      ? await this.db.model(WhistleEventModel).find({ whistleId: _id, seq: 1 }).lean<WhistleEvent[]>()
      : [];
    const blownAt = stored[0]?.at ?? this.clock.now();
    const limits = await this.limitsFor(spec.type, spec.category, spec.urgency);
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

  /** The origin the caller blows from, which must be their own: community, grid, street or an editable project. */
  private async originOf(
    user: Principal,
    body: BlowBody,
  ): Promise<{ kind: WhistleOriginKind; refId: Types.ObjectId; name: string; place: WhistlePlace }> {
    const given = body.origin ?? defaultOrigin(user, WHISTLE_TYPE_RULES[body.type].origins);
    if (!given) throw fieldError('body.origin', '请选择发起吹哨的社区、网格、街道或项目');
    const refId = oid(given.id);
    const mine = () => new AppError('FORBIDDEN', '只能以本社区、本网格、本街道或所管项目的名义吹哨');
    if (given.kind === 'project') {
      const { project } = await this.projects.load(user, given.id, 'edit');
      return { kind: 'project', refId, name: project.title, place: project.place };
    }
    const org = await this.db.model(OrgModel).findOne({ _id: refId, kind: given.kind }).lean<Org>();
    if (!org)
      throw fieldError(
        'body.origin.id',
        `没有找到这个${given.kind === 'street' ? '街道' : given.kind === 'grid' ? '网格' : '社区'}`,
      );
    if (given.kind === 'street') {
      if (!user.roles.includes('streetAdmin') || user.streetId !== given.id) throw mine();
      return {
        kind: 'street',
        refId,
        name: org.name,
        place: { streetId: refId, communityId: null, gridId: null, complexId: null, buildingId: null },
      };
    }
    const place = await this.places.placeOf(refId);
    const allowed =
      given.kind === 'community'
        ? user.roles.includes('staff') && user.communityId === given.id
        : (user.roles.includes('gridWorker') && user.orgId === given.id) ||
          (user.roles.includes('staff') && user.communityId === String(place.communityId));
    if (!allowed) throw mine();
    return { kind: given.kind, refId, name: org.name, place };
  }

  /** The need or finding the whistle is about, if any: it must be within the caller's place. */
  private async subjectOf(
    user: Principal,
    subject: BlowBody['subject'],
  ): Promise<{
    kind: 'need' | 'finding' | 'text';
    refId: Types.ObjectId | null;
    place: Place | null;
    category: WhistleCategory | null;
  }> {
    if (subject.kind === 'text') return { kind: 'text', refId: null, place: null, category: null };
    if (subject.kind === 'need') {
      const need = await this.db.model(NeedModel).findById(subject.id).lean<Need>();
      if (!need || !placeInScope(user, need.place)) throw fieldError('body.subject.id', '没有找到这条需求');
      return { kind: 'need', refId: need._id, place: need.place, category: whistleCategoryOfNeed(need.categoryCode) };
    }
    // Patrol findings belong to the grids area: read as plain documents (place, category).
    const finding = await this.db.connection
      .collection<{ _id: Types.ObjectId; place?: Place; category?: string }>('patrolFindings')
      .findOne({ _id: oid(subject.id) });
    if (!finding || (finding.place && !placeInScope(user, finding.place))) {
      throw fieldError('body.subject.id', '没有找到这条巡查发现');
    }
    const category = (WHISTLE_CATEGORY_CODES as readonly string[]).includes(finding.category ?? '')
      ? (finding.category as WhistleCategory)
      : null;
    return { kind: 'finding', refId: finding._id, place: finding.place ?? null, category };
  }

  /** The targets of a whistle: the origin's street, the named departments, or the community's party members. */
  private async targetsFor(
    type: WhistleType,
    inputs: NonNullable<BlowBody['targets']>,
    place: WhistlePlace,
    fields: FieldError[],
  ): Promise<Pick<WhistleTarget, 'orgId' | 'kind' | 'name'>[]> {
    const kind: WhistleTargetKind = WHISTLE_TYPE_RULES[type].target;
    const orgs = this.db.model(OrgModel);
    if (kind === 'street') {
      const street = await orgs.findById(place.streetId).lean<Org>();
      const given = inputs[0];
      if (given && 'orgId' in given && given.orgId !== String(place.streetId)) {
        fields.push({ path: 'body.targets.0.orgId', message: '社区吹哨只能吹给所在的街道' });
      }
      return [{ orgId: place.streetId, kind, name: street?.name ?? '街道' }];
    }
    if (kind === 'partyMembers') {
      const community = place.communityId ? await orgs.findById(place.communityId).lean<Org>() : null;
      if (!community) {
        fields.push({ path: 'body.origin', message: '党员报到须由社区发起' });
        return [];
      }
      return [{ orgId: community._id, kind, name: `${community.name}在职党员` }];
    }
    const out: Pick<WhistleTarget, 'orgId' | 'kind' | 'name'>[] = [];
    for (const [i, t] of inputs.entries()) {
      if (!('orgId' in t)) continue;
      const dept = await orgs.findOne({ _id: oid(t.orgId), kind: 'department' }).lean<Org>();
      if (!dept) fields.push({ path: `body.targets.${i}.orgId`, message: '没有找到这个职能部门' });
      else out.push({ orgId: dept._id, kind, name: dept.name });
    }
    return out;
  }

  /** Photos must be the caller's own uploads. */
  private async ownPhotos(
    user: Principal,
    ids: string[],
    path: string,
    fields: FieldError[],
  ): Promise<Types.ObjectId[]> {
    if (!ids.length) return [];
    const mine = await this.db
      .model(UploadModel)
      .find({ _id: { $in: ids.map(oid) }, owner: oid(user.userId) }, { _id: 1 })
      .lean();
    const found = new Set(mine.map((u) => String(u._id)));
    ids.forEach((id, i) => {
      if (!found.has(id)) fields.push({ path: `${path}.${i}`, message: '没有找到这张照片，请重新上传' });
    });
    return ids.map(oid);
  }

  /** 社区吹哨党员报到: a published activity with one shift, organised by the blowing community, through the activities area. */
  private async openVolunteerCall(
    user: Principal,
    body: BlowBody,
    category: WhistleCategory,
    origin: { refId: Types.ObjectId },
    place: WhistlePlace,
    keyedId: Types.ObjectId | null,
  ): Promise<NonNullable<Whistle['volunteerCall']>> {
    const call = body.volunteerCall!;
    if (Date.parse(call.shift.start) <= this.clock.now().getTime()) {
      throw fieldError('body.volunteerCall.shift.start', '开始时间必须晚于现在');
    }
    const style = CALL_STYLE[category];
    const activity = await this.activities.createActivity(
      user,
      createActivityBody.parse({
        title: `党员报到：${body.title}`.slice(0, 60),
        brand: style.brand,
        categoryCode: style.categoryCode,
        team: style.team,
        placeId: String(body.placeId ?? place.buildingId ?? place.complexId ?? place.gridId ?? origin.refId),
        address: call.address,
        description: body.description.slice(0, 2000),
        format: 'service',
        status: 'published',
      }),
      keyedId && seedId(`${keyedId}:callActivity`),
    );
    const shift = await this.activities.addShift(
      user,
      activity.id,
      call.shift,
      keyedId && seedId(`${keyedId}:callShift`),
    );
    return { activityId: oid(activity.id), shiftId: oid(shift.id) };
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
    const names = await this.names(rows.map((w) => w.blownBy));
    return { items: rows.map((w) => toSummary(w, names, now)), total, page: q.page, pageSize: q.pageSize };
  }

  async getWhistle(user: Principal, id: string): Promise<WhistleDetail> {
    const loaded = await this.store.load(id);
    if (!loaded || !this.access.canSee(user, loaded.whistle)) throw notFound();
    return this.present(user, loaded.whistle, loaded.events);
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
    const { event } = await this.store.log.append({ whistleId: whistle._id, targetKey }, async (own) => {
      const current = projectTarget(target, own);
      const verdict = nextTargetStatus(current.status, action, this.access.actorsOf(user, whistle, target));
      if (!verdict.ok) throw new AppError(verdict.code, verdict.reason);

      const fields: FieldError[] = [];
      const photos = action === 'resolve' ? await this.ownPhotos(user, input.photos ?? [], 'body.photos', fields) : [];
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
    if (action === 'report' && event.actorId)
      await this.points.earnForWhistleReport(event.actorId, whistle._id, targetKey, whistle.title);
    await this.notifyStep(whistle, target, event);
    return this.present(user, fresh.whistle, fresh.events);
  }

  private async notifyStep(whistle: Whistle, target: WhistleTarget, e: WhistleEvent): Promise<void> {
    const refs = { whistleId: String(whistle._id), targetId: String(target.orgId) };
    // The event is the occurrence: a retried step cannot tell anyone twice.
    const key = String(e._id);
    const what = `「${whistle.title}」`;
    if (e.action === 'report') {
      await this.notifier.notify([whistle.blownBy], 'whistleReported', `${target.name}已就${what}报到`, refs, key);
    } else if (e.action === 'resolve') {
      await this.notifier.notify(
        [whistle.blownBy],
        'whistleResolved',
        `${target.name}已办结${what}，请确认：${e.result}`,
        refs,
        key,
      );
    } else if (e.action === 'confirm') {
      await this.notifier.notify(
        await this.access.responders(target),
        'whistleConfirmed',
        `吹哨方已确认${what}办结（满意度 ${e.satisfaction} 星）`,
        refs,
        key,
      );
    } else if (e.action === 'sendBack') {
      await this.notifier.notify(
        await this.access.responders(target),
        'whistleSentBack',
        `${what}被吹哨方退回，请重新办理。原因：${e.note}`,
        refs,
        key,
      );
    }
  }

  // ——— Rules ———

  /** The limits for a new whistle: its type and category's rule, else its type's default rule, else the built-in defaults. */
  async limitsFor(type: WhistleType, category: WhistleCategory, urgency: WhistleUrgency): Promise<WhistleLimits> {
    const ids = [whistleRuleId(type, category), whistleRuleId(type, 'default')];
    const rules = await this.db
      .model(WhistleRuleModel)
      .find({ _id: { $in: ids } })
      .lean<WhistleRule[]>();
    const rule = rules.find((r) => r._id === ids[0]) ?? rules.find((r) => r._id === ids[1]);
    const limits = rule ? rule.limits[urgency] : WHISTLE_DEFAULT_LIMITS[urgency];
    return { reportMinutes: limits.reportMinutes, resolveMinutes: limits.resolveMinutes };
  }

  async listWhistleRules(page: number, pageSize: number) {
    const model = this.db.model(WhistleRuleModel);
    const [rows, total] = await Promise.all([
      model
        .find({})
        .sort({ _id: 1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<WhistleRule[]>(),
      model.countDocuments({}),
    ]);
    const names = await this.names(rows.map((r) => r.updatedBy));
    return { items: rows.map((r) => toRuleView(r, names)), total, page, pageSize, defaults: WHISTLE_DEFAULT_LIMITS };
  }

  /** Sets a rule (last write wins: an admin setting, not a race that matters). Running whistles keep their limits. */
  async updateWhistleRule(
    user: Principal,
    type: WhistleType,
    category: WhistleRuleCategory,
    limits: LimitTable,
  ): Promise<WhistleRuleView> {
    const _id = whistleRuleId(type, category);
    const set = { type, category, limits, updatedBy: oid(user.userId), updatedAt: this.clock.now() };
    await this.db.model(WhistleRuleModel).updateOne({ _id }, { $set: set }, { upsert: true });
    const saved = (await this.db.model(WhistleRuleModel).findById(_id).lean<WhistleRule>())!;
    return toRuleView(saved, await this.names([saved.updatedBy]));
  }

  // ——— Views ———

  private async names(ids: (Types.ObjectId | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is Types.ObjectId => !!x).map(String))].map(oid);
    if (!wanted.length) return new Map();
    const users = await this.db
      .model(UserModel)
      .find({ _id: { $in: wanted } }, { name: 1 })
      .lean<User[]>();
    return new Map(users.map((u) => [String(u._id), u.name]));
  }

  /** e.g. 南门社区 南门小区 2号楼; a street-level place is the street's name. */
  private async labelOf(place: Pick<WhistlePlace, 'streetId' | 'communityId' | 'gridId' | 'complexId' | 'buildingId'>) {
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
    const names = await this.names([
      whistle.blownBy,
      ...whistle.targets.map((t) => t.reportedBy),
      ...events.map((e) => e.actorId),
    ]);
    const byKey = new Map(whistle.targets.map((t) => [targetKeyOf(t), t]));
    const photo = (p: Types.ObjectId) => ({ id: String(p), url: `/api/v1/uploads/${p}` });
    return {
      ...toSummary(whistle, names, now),
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
        ...targetSummary(t, now),
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

/** The caller's own place as the origin, when the body names none. */
function defaultOrigin(
  user: Principal,
  allowed: readonly WhistleOriginKind[],
): { kind: WhistleOriginKind; id: string } | null {
  if (user.roles.includes('staff') && user.communityId && allowed.includes('community')) {
    return { kind: 'community', id: user.communityId };
  }
  if (user.roles.includes('gridWorker') && user.orgId && allowed.includes('grid'))
    return { kind: 'grid', id: user.orgId };
  if (user.roles.includes('streetAdmin') && user.streetId && allowed.includes('street')) {
    return { kind: 'street', id: user.streetId };
  }
  return null;
}

function insideOrigin(
  origin: { kind: WhistleOriginKind; refId: Types.ObjectId; place: WhistlePlace },
  p: Pick<Place, 'streetId' | 'communityId' | 'gridId'>,
): boolean {
  const same = (a: Types.ObjectId | null | undefined, b: Types.ObjectId | null | undefined) =>
    !!a && !!b && a.equals(b);
  if (origin.kind === 'street') return same(p.streetId, origin.refId);
  if (origin.kind === 'grid') return same(p.gridId, origin.refId);
  if (origin.kind === 'community') return same(p.communityId, origin.refId);
  return same(p.communityId, origin.place.communityId);
}

function responderRole(t: WhistleTarget): string {
  return t.kind === 'street' ? 'streetAdmin' : t.kind === 'department' ? 'department' : 'partyMember';
}

function originatorRole(user: Principal): string {
  return user.roles.find((r) => ['staff', 'gridWorker', 'streetAdmin', 'countyAdmin'].includes(r)) ?? user.roles[0];
}

function targetSummary(t: WhistleTarget, now: Date) {
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
  };
}

function toSummary(w: Whistle, names: Map<string, string>, now: Date): WhistleSummary {
  const id = (x: Types.ObjectId | null) => (x ? String(x) : null);
  const targets = w.targets.map((t) => targetSummary(t, now));
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
    targets,
  };
}

function toRuleView(r: WhistleRule, names: Map<string, string>): WhistleRuleView {
  const l = (x: WhistleLimits) => ({ reportMinutes: x.reportMinutes, resolveMinutes: x.resolveMinutes });
  return {
    type: r.type,
    category: r.category,
    limits: { emergency: l(r.limits.emergency), urgent: l(r.limits.urgent), normal: l(r.limits.normal) },
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy ? { id: String(r.updatedBy), name: names.get(String(r.updatedBy)) ?? '' } : null,
  };
}
