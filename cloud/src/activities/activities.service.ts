import { randomBytes } from 'node:crypto';
import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  canTransitionActivity,
  SHIFT_RULES,
  z,
  type ActivityDetail,
  type FieldError,
  type ShiftDetail,
  createActivityBody,
  createShiftBody,
  listActivitiesQuery,
  updateActivityBody,
  updateShiftBody,
  chinaDay,
  chinaSpan,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { type Place } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { UnitModel, type Unit } from '../org/unit.model';
import { ActivityAccess } from './activity-access';
import { ActivityModel, type Activity } from './activity.model';
import { SeatModel, WaitlistModel, type Seat, type WaitlistEntry } from './claim.model';
import { ClaimsService } from './claims.service';
import { ShiftModel, type Shift } from './shift.model';
import { createKeyed } from '../core/create-keyed';
import { ActivityViews } from './activity-views';

type ListQuery = z.output<typeof listActivitiesQuery>;
type CreateBody = z.output<typeof createActivityBody>;
type UpdateBody = z.output<typeof updateActivityBody>;
type ShiftBody = z.output<typeof createShiftBody>;
type ShiftPatch = z.output<typeof updateShiftBody>;

const HOUR = 3_600_000;

/**
 * Use cases of the activities list (活动清单): list_activities, show_activity, create/update/cancel
 * an activity, add/update a shift. Claims and attendance live in their own services.
 */
@Provide()
export class ActivitiesService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: ActivityAccess;

  @Inject()
  claims!: ClaimsService;

  @Inject()
  places!: PlaceService;

  @Inject()
  views!: ActivityViews;

  async listActivities(user: Principal, q: ListQuery) {
    const and: Record<string, unknown>[] = [{ status: q.status }];
    if (q.status !== 'published') {
      // Drafts and cancelled activities only to those who organise them.
      const own = await this.manageScope(user);
      if (!own) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      and.push(own);
    }
    const communityId = q.communityId ?? user.communityId;
    if (communityId) and.push({ 'place.communityId': new Types.ObjectId(communityId) });
    if (q.brand) and.push({ brand: q.brand });
    if (q.categoryCode) and.push({ categoryCode: q.categoryCode });
    const now = this.clock.now();
    if (q.when === 'upcoming') and.push({ $or: [{ endsAt: { $gte: now } }, { endsAt: null }] });
    if (q.when === 'past') and.push({ endsAt: { $lt: now } });
    if (q.date) {
      const { from, to } = chinaDay(q.date);
      const onDay = await this.db
        .model(ShiftModel)
        .find({ start: { $gte: from, $lt: to } }, { activityId: 1 })
        .lean<Shift[]>();
      and.push({ _id: { $in: onDay.map((s) => s.activityId) } });
    }
    const filter = { $and: and };
    const direction = q.when === 'upcoming' ? 1 : -1;
    const model = this.db.model(ActivityModel);
    const [total, page] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort({ startsAt: direction, _id: direction })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<Activity[]>(),
    ]);
    return { items: await this.views.summaries(page), total, page: q.page, pageSize: q.pageSize };
  }

  async showActivity(user: Principal, id: string): Promise<ActivityDetail> {
    const { activity, manage } = await this.access.visibleActivity(user, id);
    return this.views.detail(user, activity, manage);
  }

  async createActivity(
    user: Principal,
    body: CreateBody,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ActivityDetail> {
    const unitId = await this.access.unitOf(user);
    const organiserUnitId = await this.organiser(
      user,
      unitId,
      body.organiserUnitId === undefined ? unitId : body.organiserUnitId,
    );
    const place = await this.placeFor(user, unitId, body.placeId);
    const now = this.clock.now();
    const created = await createKeyed<Activity>(this.db.model(ActivityModel), keyedId, {
      title: body.title,
      brand: body.brand,
      categoryCode: body.categoryCode,
      team: body.team,
      organiserUnitId,
      placeId: new Types.ObjectId(body.placeId),
      place,
      address: body.address,
      description: body.description,
      format: body.format,
      status: body.status,
      cancelReason: null,
      startsAt: null,
      endsAt: null,
      createdBy: new Types.ObjectId(user.userId),
      createdAt: now,
      updatedAt: now,
    });
    return this.views.detail(user, created, true);
  }

  async updateActivity(user: Principal, id: string, body: UpdateBody): Promise<ActivityDetail> {
    const activity = await this.access.managedActivity(user, id);
    if (activity.status === 'cancelled') throw new AppError('INVALID_TRANSITION', '活动已取消，不能修改');
    const unitId = await this.access.unitOf(user);
    const set: Partial<Activity> = { updatedAt: this.clock.now() };
    for (const key of ['title', 'brand', 'categoryCode', 'team', 'address', 'description', 'format'] as const) {
      if (body[key] !== undefined) (set as Record<string, unknown>)[key] = body[key];
    }
    if (body.organiserUnitId !== undefined)
      set.organiserUnitId = await this.organiser(user, unitId, body.organiserUnitId);
    if (body.placeId !== undefined) {
      set.place = await this.placeFor(user, unitId, body.placeId);
      set.placeId = new Types.ObjectId(body.placeId);
    }
    if (body.status && body.status !== activity.status) {
      if (!canTransitionActivity(activity.status, body.status)) throw new AppError('INVALID_TRANSITION');
      set.status = body.status;
    }
    await this.db.model(ActivityModel).updateOne({ _id: activity._id }, { $set: set });
    return this.showActivity(user, id);
  }

  /** Cancels an activity: seats and waitlist places of shifts not yet started are given back, and their holders told. */
  async cancelActivity(user: Principal, id: string, reason: string): Promise<ActivityDetail> {
    const activity = await this.access.managedActivity(user, id);
    if (!canTransitionActivity(activity.status, 'cancelled')) throw new AppError('INVALID_TRANSITION', '活动已经取消');
    const now = this.clock.now();
    await this.db
      .model(ActivityModel)
      .updateOne({ _id: activity._id }, { $set: { status: 'cancelled', cancelReason: reason, updatedAt: now } });
    const future = await this.db
      .model(ShiftModel)
      .find({ activityId: activity._id, start: { $gt: now } })
      .lean<Shift[]>();
    for (const shift of future) {
      const refs = { activityId: String(activity._id), shiftId: String(shift._id) };
      const text = `您认领的「${activity.title}」${chinaSpan(shift.start, shift.end)} 班次因活动取消而取消。原因：${reason}`;
      for (const seat of await this.db.model(SeatModel).find({ shiftId: shift._id }).lean<Seat[]>()) {
        await this.claims.releaseSeat(seat);
        await this.claims.notify(seat.personId, 'activityCancelled', text, refs, String(shift._id));
      }
      for (const w of await this.db.model(WaitlistModel).find({ shiftId: shift._id }).lean<WaitlistEntry[]>()) {
        await this.db.model(WaitlistModel).deleteOne({ _id: w._id });
        await this.claims.notify(
          w.personId,
          'activityCancelled',
          text.replace('认领', '候补'),
          refs,
          String(shift._id),
        );
      }
    }
    return this.showActivity(user, id);
  }

  async addShift(
    user: Principal,
    activityId: string,
    body: ShiftBody,
    keyedId: Types.ObjectId | null = null,
  ): Promise<ShiftDetail> {
    const activity = await this.access.managedActivity(user, activityId);
    if (activity.status === 'cancelled') throw new AppError('INVALID_TRANSITION', '活动已取消，不能增加班次');
    const start = new Date(body.start);
    if (start <= this.clock.now()) throw fieldError('body.start', '开始时间必须晚于现在');
    const created = await createKeyed<Shift>(this.db.model(ShiftModel), keyedId, {
      activityId: activity._id,
      start,
      end: new Date(body.end),
      seats: body.seats,
      cutoffHours: body.cutoffHours,
      codeSecret: randomBytes(16).toString('hex'),
      createdAt: this.clock.now(),
    });
    await this.refreshSpan(activity._id);
    return this.views.shiftDetail(user, created);
  }

  /**
   * Seats never drop below the seats taken (nor below the highest seat number in use, as seat
   * numbers are what the unique index counts); times move only while nobody holds a seat.
   * Checked before the update and again after it, as a claim may land in between: then undone.
   */
  async updateShift(user: Principal, shiftId: string, body: ShiftPatch): Promise<ShiftDetail> {
    const { shift, activity } = await this.access.managedShift(user, shiftId);
    if (activity.status === 'cancelled') throw new AppError('INVALID_TRANSITION', '活动已取消，不能修改班次');
    const now = this.clock.now();
    const start = body.start ? new Date(body.start) : shift.start;
    const end = body.end ? new Date(body.end) : shift.end;
    const seats = body.seats ?? shift.seats;
    const fields: FieldError[] = [];
    if (end <= start) fields.push({ path: 'body.end', message: '结束时间必须晚于开始时间' });
    else if (end.getTime() - start.getTime() > SHIFT_RULES.maxShiftHours * HOUR) {
      fields.push({ path: 'body.end', message: `一个班次不能超过 ${SHIFT_RULES.maxShiftHours} 小时` });
    }
    const timesChanged = start.getTime() !== shift.start.getTime() || end.getTime() !== shift.end.getTime();
    if (timesChanged && body.start && start <= now)
      fields.push({ path: 'body.start', message: '开始时间必须晚于现在' });
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
    if (timesChanged && shift.start <= now) throw new AppError('INVALID_TRANSITION', '班次已开始，不能修改时间');

    const problem = async () => {
      const taken = await this.db.model(SeatModel).find({ shiftId: shift._id }, { seatNo: 1 }).lean<Seat[]>();
      const highest = Math.max(0, ...taken.map((s) => s.seatNo));
      if (timesChanged && taken.length) return `已有 ${taken.length} 人认领，不能修改时间；如需调整请另加班次`;
      if (seats < taken.length) return `已有 ${taken.length} 人认领，名额不能少于 ${taken.length}`;
      if (seats < highest) return `已认领的名额中有第 ${highest} 号，名额暂时最少只能改为 ${highest}`;
      return null;
    };
    const before = await problem();
    if (before) throw new AppError('CONFLICT', before);
    const set = { start, end, seats, cutoffHours: body.cutoffHours ?? shift.cutoffHours };
    await this.db.model(ShiftModel).updateOne({ _id: shift._id }, { $set: set });
    const after = await problem();
    if (after) {
      const { start: s0, end: e0, seats: n0, cutoffHours: c0 } = shift;
      await this.db
        .model(ShiftModel)
        .updateOne({ _id: shift._id }, { $set: { start: s0, end: e0, seats: n0, cutoffHours: c0 } });
      throw new AppError('CONFLICT', after);
    }
    await this.refreshSpan(activity._id);
    if (seats > shift.seats) await this.claims.promoteWaiting(shift._id);
    const fresh = await this.db.model(ShiftModel).findById(shift._id).lean<Shift>();
    return this.views.shiftDetail(user, fresh!);
  }

  /** The filter of activities a caller organises (for drafts and cancelled ones), or null for none. */
  private async manageScope(user: Principal): Promise<Record<string, unknown> | null> {
    if (user.roles.includes('countyAdmin')) return {};
    const or: Record<string, unknown>[] = [];
    if (user.roles.includes('staff') && user.communityId)
      or.push({ 'place.communityId': new Types.ObjectId(user.communityId) });
    const unitId = await this.access.unitOf(user);
    if (unitId) or.push({ organiserUnitId: unitId });
    if (!or.length) return null;
    return { $or: or };
  }

  /** The organising unit: a unit admin organises in their own unit's name only. */
  private async organiser(
    user: Principal,
    unitId: Types.ObjectId | null,
    requested: string | Types.ObjectId | null,
  ): Promise<Types.ObjectId | null> {
    const path = 'body.organiserUnitId';
    const onlyUnit = !user.roles.includes('countyAdmin') && !user.roles.includes('staff');
    if (onlyUnit && (!requested || !unitId || String(requested) !== String(unitId))) {
      throw fieldError(path, '只能以本单位名义组织活动');
    }
    if (!requested) return null;
    const unit = await this.db.model(UnitModel).exists({ _id: new Types.ObjectId(String(requested)) });
    if (!unit) throw fieldError(path, '没有这个驻区单位');
    return new Types.ObjectId(String(requested));
  }

  /** The activity's place, which must lie where the caller works: staff their community, a unit its street. */
  private async placeFor(user: Principal, unitId: Types.ObjectId | null, placeId: string): Promise<Place> {
    const place = await this.places.placeOf(placeId);
    if (user.roles.includes('countyAdmin')) return place;
    if (user.roles.includes('staff') && user.communityId && String(place.communityId) === user.communityId)
      return place;
    if (unitId) {
      const unit = await this.db.model(UnitModel).findById(unitId).lean<Unit>();
      if (unit && unit.streetId.equals(place.streetId)) return place;
      throw fieldError('body.placeId', '只能在本单位所在街道的社区组织活动');
    }
    throw fieldError('body.placeId', '只能在本社区内组织活动');
  }

  /** Recomputes the activity's span from its shifts (a projection, never incremented). */
  private async refreshSpan(activityId: Types.ObjectId): Promise<void> {
    const shifts = await this.db.model(ShiftModel).find({ activityId }, { start: 1, end: 1 }).lean<Shift[]>();
    const startsAt = shifts.length ? new Date(Math.min(...shifts.map((s) => s.start.getTime()))) : null;
    const endsAt = shifts.length ? new Date(Math.max(...shifts.map((s) => s.end.getTime()))) : null;
    await this.db.model(ActivityModel).updateOne({ _id: activityId }, { $set: { startsAt, endsAt } });
  }
}

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);
}
