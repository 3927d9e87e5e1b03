import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  NEED_ACTION_ROLES,
  OTHER_NEED_LIMITS,
  validateNeedAnswers,
  type CreateNeedBody,
  type FieldError,
  type NeedAction,
  type NeedDetail,
  type NeedInbox,
  type NeedSummary,
  type z,
  type myNeedsQuery,
  type needInboxQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { PlaceService } from '../org/place.service';
import { placeKeysOf } from '../core/place-keys';
import type { Principal } from '../core/principal';
import { MenuService } from '../menu/menu.service';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { NeedEventModel, type NeedEvent } from './need-event.model';
import { moveNeed, needLog, type NeedActionInput, type NeedActorRef } from './need-log';
import { NeedDetails } from './need-detail';
import { NeedsAccess } from './needs-access';
import { NeedModel, type Need } from './need.model';
import { projectNeed } from './need-projection';
import { NeedNotices } from './need-notices';
import { inboxBadges, totalFromBadges, type DueReader } from './inbox-badges';
import { inboxFilters } from './inbox-filters';
import { DispatchTargets } from './dispatch-targets';
import { WhistlesService } from '../whistles/whistles.service';
import { ContentGuard } from '../wechat/content-guard';
import { oid } from '../core/oid';

const DAY_MS = 24 * 3600 * 1000;

type InboxQuery = z.output<typeof needInboxQuery>;
type MineQuery = z.output<typeof myNeedsQuery>;

/**
 * Use cases of the needs list (需求清单): create_need, list_my_needs, list_needs, show_need,
 * act_on_need (accept, reject, withdraw, dispatch, start, complete, rate, reopen, urge), and for other
 * areas and the scheduler: transition, auto_close_due.
 */
@Provide()
export class NeedsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  places!: PlaceService;

  @Inject()
  menu!: MenuService;

  @Inject()
  targets!: DispatchTargets;

  @Inject()
  notices!: NeedNotices;

  @Inject()
  whistles!: WhistlesService;

  @Inject()
  contentGuard!: ContentGuard;

  @Inject()
  access!: NeedsAccess;

  @Inject()
  details!: NeedDetails;

  // ——— Ordering ———

  /**
   * `keyedId` (from an Idempotency-Key) is the need's id: a re-run of a request whose first attempt
   * died mid-way finds the stored need, or the stray submit event, instead of storing a second need.
   */
  async createNeed(user: Principal, body: CreateNeedBody, keyedId: Types.ObjectId | null = null): Promise<NeedDetail> {
    if (keyedId && (await this.db.model(NeedModel).exists({ _id: keyedId, owner: oid(user.userId) }))) {
      return this.showNeed(user, String(keyedId));
    }
    if (!user.communityId) throw new AppError('FORBIDDEN', '请先登记所在社区，再提交需求');
    if (body.onBehalfOf && !user.roles.includes('gridWorker')) {
      throw new AppError('FORBIDDEN', '只有网格员可以代居民下单');
    }
    const fields: FieldError[] = [];

    // What is ordered: an item offered in the caller's community, or 其他 in the resident's words.
    let item: Awaited<ReturnType<MenuService['offeredItem']>> = null;
    if (body.menuItemId) {
      item = await this.menu.offeredItem(body.menuItemId, user.communityId);
      if (!item) fields.push({ path: 'body.menuItemId', message: '本社区没有这个服务项目' });
      else if (body.otherText && item.categoryCode !== 'other') {
        fields.push({ path: 'body.otherText', message: '选择了服务项目时不需要填写“其他需求”' });
      }
    }
    if (!body.menuItemId || item) fields.push(...validateNeedAnswers(item?.fields ?? [], body.answers));

    // Where: a complex or building of the caller's own community; the grid follows from the tree.
    const org = await this.db.model(OrgModel).findById(body.placeId).lean<Org>();
    let place: Awaited<ReturnType<PlaceService['placeOf']>> | null = null;
    if (!org || (org.kind !== 'complex' && org.kind !== 'building')) {
      fields.push({ path: 'body.placeId', message: '请选择所在的小区或楼栋' });
    } else {
      place = await this.places.placeOf(org._id);
      if (String(place.communityId) !== user.communityId) {
        fields.push({ path: 'body.placeId', message: '请选择本社区的小区或楼栋' });
      }
    }

    const me = await this.db.model(UserModel).findById(user.userId).lean<User>();
    const contactPhone = body.contactPhone ?? body.onBehalfOf?.phone ?? me?.phone ?? null;
    if (!contactPhone) fields.push({ path: 'body.contactPhone', message: '请填写联系电话' });

    fields.push(...(await this.access.ownPhotoErrors(user, body.photos)));
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    // 内容安全: risky words are refused before anything is stored; unjudged ones are marked for staff.
    const checked = await this.contentGuard.text(
      user,
      { 'body.otherText': body.otherText, 'body.description': body.description },
      3,
    );

    const now = this.clock.now();
    const limits = item ? { ...item.timeLimits } : { ...OTHER_NEED_LIMITS };
    const complex =
      org!.kind === 'complex' ? org! : await this.db.model(OrgModel).findById(place!.complexId).lean<Org>();
    let submit: NeedEvent = {
      _id: new Types.ObjectId(),
      needId: keyedId ?? new Types.ObjectId(),
      seq: 1,
      action: 'submit',
      from: null,
      to: 'submitted',
      actorId: oid(user.userId),
      actorRole: user.roles.find((r) => NEED_ACTION_ROLES.withdraw.includes(r)) ?? user.roles[0],
      at: now,
      note: null,
      route: null,
      rating: null,
    };
    // The event first: a stray event of a need that never got written is invisible, while a need
    // without its first event would have no timeline. A re-run adopts its first attempt's stray event.
    const stored = await needLog(this.db).record(submit, { needId: submit.needId });
    // Only a keyed retry can meet its own stray event (an unkeyed need has a fresh id).
    if (!stored || (stored.adopted && !keyedId))
      throw new Error(`need ${String(submit.needId)}: its first event is taken`);
    submit = stored.event;
    const need: Need = {
      _id: submit.needId,
      owner: oid(user.userId),
      onBehalfOf: body.onBehalfOf ?? null,
      menuItemId: item?._id ?? null,
      categoryCode: item?.categoryCode ?? 'other',
      // 其他 (with or without the menu's own 其他 item) is titled by the resident's words.
      title: body.otherText ?? item!.name,
      otherText: body.otherText ?? null,
      description: body.description,
      ...(checked.review ? { contentReview: 'pending' as const } : {}),
      preferredTime: body.preferredTime ? new Date(body.preferredTime) : null,
      place: place!,
      placeKeys: placeKeysOf(place!),
      placeLabel: org!.kind === 'building' ? `${complex?.name ?? ''} ${org!.name}`.trim() : org!.name,
      contactPhone: contactPhone!,
      photos: body.photos.map(oid),
      answers: Object.fromEntries(
        Object.entries(body.answers).filter(([, v]) => v !== null && v !== ''),
      ) as Need['answers'],
      limits,
      ...projectNeed(limits, [submit]),
    };
    try {
      await this.db.model(NeedModel).create(need);
    } catch (err) {
      // A retry of the same key that was taken over from us stored it first: that need is the answer.
      if (keyedId && isDuplicateKey(err)) return this.showNeed(user, String(keyedId));
      await this.db.model(NeedEventModel).deleteOne({ _id: submit._id });
      throw err;
    }
    return this.details.present(user, need, [submit]);
  }

  // ——— Lists ———

  async listMyNeeds(user: Principal, query: MineQuery) {
    const filter: Record<string, unknown> = { owner: oid(user.userId) };
    if (query.status) filter.status = query.status;
    const needs = this.db.model(NeedModel);
    const skip = (query.page - 1) * query.pageSize;
    const rows = await needs
      .find(filter)
      .sort({ submittedAt: -1, _id: -1 })
      .skip(skip)
      .limit(query.pageSize)
      .lean<Need[]>();
    // A page that is not full is the last one, so it tells the total: most residents have fewer
    // needs than a page, and the count is then one database read saved per request.
    const total =
      rows.length > 0 && rows.length < query.pageSize ? skip + rows.length : await needs.countDocuments(filter);
    return {
      items: await this.details.summaries(user, rows, false),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The staff inbox: the caller's place only; overdue is a query on the stored due date, so paging stays exact. */
  async listNeeds(user: Principal, query: InboxQuery): Promise<NeedInbox> {
    const now = this.clock.now();
    const filters = inboxFilters(user, query, now);
    if (!filters) throw new AppError('FORBIDDEN');
    const sort: Record<string, 1 | -1> =
      query.sort === 'oldest'
        ? { submittedAt: 1, _id: 1 }
        : query.sort === 'dueSoonest'
          ? { dueAt: 1, submittedAt: 1, _id: 1 }
          : query.sort === 'urgent'
            ? // One stored date orders overdue (past) before due (future); ties go newest first.
              { dueAt: 1, submittedAt: -1, _id: -1 }
            : { submittedAt: -1, _id: -1 };

    const needs = this.db.model(NeedModel);
    const readDue: DueReader = (filter, limit) =>
      needs.find(filter, { dueAt: 1 }).limit(limit).lean<Pick<Need, 'dueAt'>[]>();
    const [rows, badges] = await Promise.all([
      needs
        .find(filters.list)
        .sort(sort)
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<Need[]>(),
      inboxBadges(readDue, filters, now),
    ]);
    const total = totalFromBadges(query, badges) ?? (await needs.countDocuments(filters.list));
    const { counts, overdueCount } = badges;
    return {
      items: await this.details.summaries(user, rows, true),
      total,
      page: query.page,
      pageSize: query.pageSize,
      counts,
      overdueCount,
    };
  }

  // ——— One need ———

  async showNeed(user: Principal, id: string): Promise<NeedDetail> {
    const { need } = await this.access.findVisible(user, id);
    // A projection write that lost a race (updates are not atomic on FerretDB) is repaired from the events.
    const current = await needLog(this.db).current(need);
    return this.details.present(user, current.entity, current.events);
  }

  /** One of the action endpoints: the caller must see the need; the state machine says whether they may act. */
  async actOnNeed(user: Principal, id: string, action: NeedAction, input: NeedActionInput): Promise<NeedDetail> {
    const { need, actors } = await this.access.findVisible(user, id);
    const target = action === 'dispatch' && input.route ? await this.targets.resolve(need, input.route) : null;
    if (input.photos?.length) {
      const fields = await this.access.ownPhotoErrors(user, input.photos);
      if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    }
    // 内容安全: a rating's comment is read by the handlers; checked like the order's own words.
    const review =
      action === 'rate' && (await this.contentGuard.text(user, { 'body.comment': input.rating?.comment }, 2)).review;
    const role = user.roles.find((r) => NEED_ACTION_ROLES[action].includes(r)) ?? user.roles[0];
    const moved = await moveNeed(this.db, this.clock, need, action, { userId: user.userId, role }, actors, {
      ...input,
      routeTitle: target?.title,
      assignee: target?.assignee,
    });
    const event = moved.events[moved.events.length - 1];
    if (review) await this.db.model(NeedModel).updateOne({ _id: need._id }, { $set: { contentReview: 'pending' } });
    if (input.route?.kind === 'whistle' && action === 'dispatch') {
      // 吹哨报到: the department answers a whistle, with its time limits and escalation.
      await this.whistles.blowFromNeed(user, need._id, input.route.targetId, event._id);
    }
    // Who was serving it before this step (a decline clears it from the projection).
    const before = projectNeed(need.limits, moved.events.slice(0, -1));
    if (target) await this.notices.dispatched(user, need, target, event);
    if (action === 'take') await this.notices.taken(need, event, before.assigneeName ?? user.name);
    if (action === 'decline') {
      await this.notices.declined(need, event, before.assigneeName ?? user.name, before.handlerId);
    }
    if (action === 'complete') await this.notices.completed(need, event);
    if (action === 'reject') await this.notices.rejected(need, event);
    if (action === 'urge') await this.notices.urged(moved.need, event);
    return this.details.present(user, moved.need, moved.events);
  }

  /**
   * Moves a need for another area (e.g. a delivering project completes its linked needs) or a
   * job. The caller has checked its own permissions; `userId: null` acts as the system.
   */
  async transition(
    needId: string,
    action: NeedAction,
    actor: NeedActorRef,
    note?: string,
    input: NeedActionInput = {},
  ): Promise<NeedEvent> {
    const need = await this.db.model(NeedModel).findById(needId).lean<Need>();
    if (!need) throw new AppError('NOT_FOUND', '没有找到这条需求');
    const actors = this.access.actorsOfRef(need, actor);
    const target = action === 'dispatch' && input.route ? await this.targets.resolve(need, input.route) : null;
    const moved = await moveNeed(this.db, this.clock, need, action, actor, actors, {
      ...input,
      note: note ?? input.note,
      routeTitle: target?.title,
    });
    return moved.events[moved.events.length - 1];
  }

  /**
   * Closes needs completed at least 7 days before `now` that nobody rated, each with a system
   * event. Safe to run on several instances at once: the (needId, seq) index lets one close win.
   */
  async autoCloseDue(now: Date): Promise<number> {
    const due = await this.db
      .model(NeedModel)
      .find({ status: 'done', rating: null, completedAt: { $lte: new Date(now.getTime() - 7 * DAY_MS) } }, { _id: 1 })
      .lean();
    let closed = 0;
    for (const { _id } of due) {
      try {
        await this.transition(
          String(_id),
          'autoClose',
          { userId: null, role: 'system' },
          '办结 7 天未评价，系统自动关闭',
        );
        closed++;
      } catch (err) {
        // Another instance (or the owner's rating) got there first: nothing left to do for this one.
        if (!(err instanceof AppError)) throw err;
      }
    }
    return closed;
  }

  // ——— Internals ———

  /** Needs of a list; `staffView`: the caller's inbox (decline reasons shown). */
  summaries(user: Principal, rows: Need[], staffView: boolean): Promise<NeedSummary[]> {
    return this.details.summaries(user, rows, staffView);
  }
}
