import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  brandName,
  claimDeadline,
  type ClaimSeatResult,
  type MyShift,
  chinaDateTime,
  chinaSpan,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { Notifier } from '../notifications/notifier';
import type { Principal } from '../core/principal';
import { ActivityAccess } from './activity-access';
import { ActivityModel, type Activity } from './activity.model';
import { AttendanceModel, ServiceRecordModel, type Attendance, type ServiceRecord } from './attendance.model';
import { quarterBuckets } from './quarter-buckets';
import {
  PersonTimeModel,
  SeatModel,
  WaitlistModel,
  type PersonTime,
  type Seat,
  type WaitlistEntry,
} from './claim.model';
import { ShiftModel, type Shift } from './shift.model';

/** Concurrent claimers start at a random one of the lowest free seats: fewer collisions, seat numbers stay compact. */
const SPREAD = 8;

type TakeOutcome =
  { kind: 'seated'; seat: Seat; created: boolean } | { kind: 'full' } | { kind: 'clash'; message: string };

/**
 * Use cases of seats: claim_seat, cancel_claim, list_my_shifts, and the waitlist promotion.
 * Every rule that must hold under concurrency is an insert against a unique index (see claim.model.ts);
 * a losing insert is undone by deleting what was inserted, never by updating.
 */
@Provide()
export class ClaimsService {
  @Inject()
  db!: Db;

  @Inject()
  notifier!: Notifier;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: ActivityAccess;

  async claimSeat(user: Principal, shiftId: string, wait: boolean): Promise<ClaimSeatResult> {
    const { shift, activity } = await this.access.visibleShift(user, shiftId);
    const personId = new Types.ObjectId(user.userId);
    const mine = await this.stateOf(shift._id, personId);
    if (mine) {
      // A repeated claim returns what the first one got; a waiting person gets any seat freed meanwhile.
      if (mine.status === 'waitlisted') await this.promoteWaiting(shift._id);
      return (await this.stateOf(shift._id, personId)) ?? mine;
    }
    if (activity.status !== 'published') throw new AppError('INVALID_TRANSITION', '活动已取消，不能认领');
    const deadline = claimDeadline(shift.start, shift.cutoffHours);
    if (this.clock.now() >= deadline) {
      throw new AppError('CUTOFF_PASSED', `该班次已于 ${chinaDateTime(deadline)} 截止认领`);
    }

    const outcome = await this.takeSeat(shift, personId);
    if (outcome.kind === 'seated') return seatedResult(outcome.seat);
    if (outcome.kind === 'clash') throw new AppError('TIME_CLASH', outcome.message);
    if (!wait) throw new AppError('CAPACITY_FULL', `该班次 ${shift.seats} 个名额已满`);
    try {
      await this.db.model(WaitlistModel).create({ shiftId: shift._id, personId, createdAt: this.clock.now() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // A seat freed between our last try and joining the list would otherwise wait for the next cancel.
    await this.promoteWaiting(shift._id);
    const state = await this.stateOf(shift._id, personId);
    if (!state) throw new AppError('CONFLICT', '认领状态已变化，请刷新后再试');
    return state;
  }

  async cancelClaim(user: Principal, shiftId: string): Promise<{ shiftId: string; released: 'seat' | 'waitlist' }> {
    const { shift } = await this.access.visibleShift(user, shiftId);
    const personId = new Types.ObjectId(user.userId);
    const seat = await this.db.model(SeatModel).findOne({ shiftId: shift._id, personId }).lean<Seat>();
    if (seat) {
      const deadline = claimDeadline(shift.start, shift.cutoffHours);
      if (this.clock.now() >= deadline) {
        throw new AppError(
          'CUTOFF_PASSED',
          `已过取消截止时间（${chinaDateTime(deadline)}，开始前 ${shift.cutoffHours} 小时），如不能参加请联系活动组织者`,
        );
      }
      if (await this.db.model(AttendanceModel).exists({ shiftId: shift._id, personId, kind: 'checkIn' })) {
        throw new AppError('CONFLICT', '您已签到，不能取消认领');
      }
      await this.releaseSeat(seat);
      await this.promoteWaiting(shift._id);
      return { shiftId: String(shift._id), released: 'seat' };
    }
    const left = await this.db.model(WaitlistModel).deleteOne({ shiftId: shift._id, personId });
    if (left.deletedCount) return { shiftId: String(shift._id), released: 'waitlist' };
    throw new AppError('NOT_FOUND', '您没有认领这个班次');
  }

  /**
   * Fills free seats from the head of the waitlist, by running the same claim inserts for each
   * waiting person; people whose time now clashes are skipped (they stay on the list).
   */
  async promoteWaiting(shiftId: Types.ObjectId): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      const shift = await this.db.model(ShiftModel).findById(shiftId).lean<Shift>();
      if (!shift || this.clock.now() >= shift.start) return;
      const activity = await this.db.model(ActivityModel).findById(shift.activityId).lean<Activity>();
      if (activity?.status !== 'published') return;
      if ((await this.db.model(SeatModel).countDocuments({ shiftId })) >= shift.seats) return;
      const waiting = await this.db
        .model(WaitlistModel)
        .find({ shiftId })
        .sort({ createdAt: 1, _id: 1 })
        .lean<WaitlistEntry[]>();
      let seatedOne = false;
      for (const w of waiting) {
        let outcome: TakeOutcome;
        try {
          outcome = await this.takeSeat(shift, w.personId);
        } catch (err) {
          // Cancelled meanwhile: nobody is promoted, and the caller's own action still stands.
          if (err instanceof AppError && err.code === 'INVALID_TRANSITION') return;
          throw err;
        }
        if (outcome.kind === 'full') return;
        if (outcome.kind === 'clash') continue;
        await this.db.model(WaitlistModel).deleteOne({ _id: w._id });
        // Only the promoter whose insert made the seat tells the person.
        if (outcome.created) await this.notifyPromoted(activity, shift, outcome.seat);
        seatedOne = true;
        break;
      }
      if (!seatedOne) return;
    }
  }

  /** The caller's claims and waitlist places with attendance and confirmed minutes, soonest first (latest first for the past). */
  async listMyShifts(user: Principal, when: 'upcoming' | 'past' | 'all', page: number, pageSize: number) {
    const personId = new Types.ObjectId(user.userId);
    const [seats, waits] = await Promise.all([
      this.db.model(SeatModel).find({ personId }).lean<Seat[]>(),
      this.db.model(WaitlistModel).find({ personId }).lean<WaitlistEntry[]>(),
    ]);
    const ids = [...seats.map((s) => s.shiftId), ...waits.map((w) => w.shiftId)];
    const now = this.clock.now();
    const shifts = (
      await this.db
        .model(ShiftModel)
        .find({ _id: { $in: ids } })
        .lean<Shift[]>()
    ).filter((s) => (when === 'upcoming' ? s.end >= now : when === 'past' ? s.end < now : true));
    shifts.sort(
      (a, b) => (when === 'upcoming' ? 1 : -1) * (a.start.getTime() - b.start.getTime()) || cmpId(a._id, b._id),
    );
    const pageShifts = shifts.slice((page - 1) * pageSize, page * pageSize);
    const pageIds = pageShifts.map((s) => s._id);
    const [activities, attendance, records] = await Promise.all([
      this.db
        .model(ActivityModel)
        .find({ _id: { $in: pageShifts.map((s) => s.activityId) } })
        .lean<Activity[]>(),
      this.db
        .model(AttendanceModel)
        .find({ personId, shiftId: { $in: pageIds } })
        .lean<Attendance[]>(),
      this.db
        .model(ServiceRecordModel)
        .find({ personId, shiftId: { $in: pageIds } })
        .lean<ServiceRecord[]>(),
    ]);
    const items: MyShift[] = [];
    for (const s of pageShifts) {
      const a = activities.find((x) => x._id.equals(s.activityId));
      if (!a) continue;
      const seat = seats.find((x) => x.shiftId.equals(s._id));
      const at = (kind: string) =>
        attendance.find((x) => x.shiftId.equals(s._id) && x.kind === kind)?.at.toISOString() ?? null;
      items.push({
        shiftId: String(s._id),
        start: s.start.toISOString(),
        end: s.end.toISOString(),
        claimDeadline: claimDeadline(s.start, s.cutoffHours).toISOString(),
        activity: {
          id: String(a._id),
          title: a.title,
          brand: a.brand,
          brandName: brandName(a.brand),
          address: a.address,
          status: a.status,
        },
        status: seat ? 'seated' : 'waitlisted',
        seatNo: seat?.seatNo ?? null,
        waitlistPosition: seat ? null : await this.waitlistPosition(s._id, personId),
        checkInAt: at('checkIn'),
        checkOutAt: at('checkOut'),
        confirmedMinutes: records.find((r) => r.shiftId.equals(s._id))?.minutes ?? null,
      });
    }
    return { items, total: shifts.length, page, pageSize };
  }

  /** Seats taken per shift, counted from the seat records. */
  async takenCounts(shiftIds: Types.ObjectId[]): Promise<Map<string, number>> {
    return this.countBy(SeatModel, shiftIds);
  }

  async waitingCounts(shiftIds: Types.ObjectId[]): Promise<Map<string, number>> {
    return this.countBy(WaitlistModel, shiftIds);
  }

  /** 1-based place on a shift's waitlist, or null when not on it. */
  async waitlistPosition(shiftId: Types.ObjectId, personId: Types.ObjectId): Promise<number | null> {
    const list = await this.db
      .model(WaitlistModel)
      .find({ shiftId }, { personId: 1 })
      .sort({ createdAt: 1, _id: 1 })
      .lean<Pick<WaitlistEntry, '_id' | 'personId'>[]>();
    const i = list.findIndex((w) => w.personId.equals(personId));
    return i < 0 ? null : i + 1;
  }

  /** Gives a seat back: the person's time first, then the seat (a time record never outlives its seat). */
  async releaseSeat(seat: Seat): Promise<void> {
    await this.db.model(PersonTimeModel).deleteMany({ personId: seat.personId, shiftId: seat.shiftId });
    await this.db.model(SeatModel).deleteOne({ _id: seat._id });
  }

  async notify(
    userId: Types.ObjectId,
    kind: string,
    text: string,
    refs: Record<string, string>,
    key: string,
  ): Promise<void> {
    await this.notifier.notify([userId], kind, text, refs, key);
  }

  private async notifyPromoted(activity: Activity, shift: Shift, seat: Seat): Promise<void> {
    await this.notify(
      seat.personId,
      'seatPromoted',
      `您候补的「${activity.title}」${chinaSpan(shift.start, shift.end)} 班次有名额空出，已为您自动认领（${seat.seatNo} 号名额）。如不能参加，请在 ${chinaDateTime(claimDeadline(shift.start, shift.cutoffHours))} 前取消。`,
      { activityId: String(activity._id), shiftId: String(shift._id) },
      String(seat._id),
    );
  }

  private async stateOf(shiftId: Types.ObjectId, personId: Types.ObjectId): Promise<ClaimSeatResult | null> {
    const seat = await this.db.model(SeatModel).findOne({ shiftId, personId }).lean<Seat>();
    if (seat) return seatedResult(seat);
    const position = await this.waitlistPosition(shiftId, personId);
    if (position === null) return null;
    return { shiftId: String(shiftId), status: 'waitlisted', seatNo: null, waitlistPosition: position };
  }

  /**
   * Tries to give a person a seat: inserts a seat record on a free seat number (the unique
   * indexes decide every race), then the person's 15-minute time records. A clash undoes both.
   * Afterwards re-reads the shift: a seat number cut away or times moved meanwhile is undone and retried.
   */
  private async takeSeat(shift: Shift, personId: Types.ObjectId): Promise<TakeOutcome> {
    let current: Shift | null = shift;
    for (let attempt = 0; attempt < 3 && current; attempt++) {
      let seat: Seat | null = null;
      // Each refused insert means someone took a seat (or this person did, in a parallel request):
      // re-read the seats and go on only while one is free, so in a burst the losers stop as soon as
      // the shift is full instead of trying every number. Bounded: every refusal is another person's win.
      for (let tries = 0; !seat && tries <= current.seats * 2 + 4; tries++) {
        const taken = await this.db.model(SeatModel).find({ shiftId: current._id }).lean<Seat[]>();
        const mine = taken.find((s) => s.personId.equals(personId));
        if (mine) return { kind: 'seated', seat: mine, created: false };
        const used = new Set(taken.map((s) => s.seatNo));
        const free: number[] = [];
        for (let n = 1; n <= current.seats; n++) if (!used.has(n)) free.push(n);
        if (!free.length) return { kind: 'full' };
        const seatNo = free[Math.floor(Math.random() * Math.min(free.length, SPREAD))];
        try {
          seat = (
            await this.db.model(SeatModel).create({
              shiftId: current._id,
              seatNo,
              personId,
              activityId: current.activityId,
              createdAt: this.clock.now(),
            })
          ).toObject() as Seat;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      if (!seat) return { kind: 'full' };

      const clash = await this.reserveTime(personId, current);
      if (clash) {
        await this.db.model(SeatModel).deleteOne({ _id: seat._id });
        return { kind: 'clash', message: clash };
      }

      const fresh: Shift | null = await this.db.model(ShiftModel).findById(current._id).lean<Shift>();
      const activity = fresh && (await this.db.model(ActivityModel).findById(fresh.activityId).lean<Activity>());
      const unchanged =
        fresh &&
        activity?.status === 'published' &&
        seat.seatNo <= fresh.seats &&
        fresh.start.getTime() === current.start.getTime() &&
        fresh.end.getTime() === current.end.getTime();
      if (unchanged) return { kind: 'seated', seat, created: true };
      await this.releaseSeat(seat);
      if (activity && activity.status !== 'published') throw new AppError('INVALID_TRANSITION', '活动已取消，不能认领');
      current = fresh;
    }
    return { kind: 'full' };
  }

  /**
   * Inserts one record per 15-minute bucket of the shift, in time order, against the unique
   * (personId, bucketStart) index. Returns null when all went in, or the clash message after
   * removing what went in. Time order matters: of two overlapping claims racing, the one that
   * wins the first shared bucket is never blocked later by the other.
   */
  private async reserveTime(personId: Types.ObjectId, shift: Shift): Promise<string | null> {
    const times = this.db.model(PersonTimeModel);
    const buckets = quarterBuckets(shift.start, shift.end);
    for (let attempt = 0; attempt < 3; attempt++) {
      // Leftovers of this same seat (an interrupted earlier cancel) are ours to replace.
      await times.deleteMany({ personId, shiftId: shift._id });
      try {
        await times.insertMany(
          buckets.map((bucketStart) => ({ personId, bucketStart, shiftId: shift._id })),
          { ordered: true },
        );
        return null;
      } catch (err) {
        await times.deleteMany({ personId, shiftId: shift._id });
        if (!isDuplicateKey(err) && !(err as { writeErrors?: unknown[] }).writeErrors) throw err;
      }
      const holder = await times
        .findOne({ personId, bucketStart: { $in: buckets }, shiftId: { $ne: shift._id } })
        .sort({ bucketStart: 1 })
        .lean<PersonTime>();
      if (!holder) continue; // the other claim was undone meanwhile: try again
      const other = await this.db.model(ShiftModel).findById(holder.shiftId).lean<Shift>();
      const otherSeat = await this.db.model(SeatModel).exists({ shiftId: holder.shiftId, personId });
      if (!other || !otherSeat) {
        // Time records whose seat is gone (an interrupted cancel elsewhere): clear them and retry.
        await times.deleteMany({ personId, shiftId: holder.shiftId });
        continue;
      }
      const otherActivity = await this.db.model(ActivityModel).findById(other.activityId).lean<Activity>();
      return `时间冲突：您已认领 ${chinaSpan(other.start, other.end)} 的「${otherActivity?.title ?? '其他活动'}」班次，与本班次 ${chinaSpan(shift.start, shift.end)} 重叠`;
    }
    return `时间冲突：您在 ${chinaSpan(shift.start, shift.end)} 已有其他班次`;
  }

  private async countBy(
    model: typeof SeatModel | typeof WaitlistModel,
    shiftIds: Types.ObjectId[],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!shiftIds.length) return out;
    const rows = await this.db
      .model(model as typeof SeatModel)
      .aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { shiftId: { $in: shiftIds } } },
        { $group: { _id: '$shiftId', n: { $sum: 1 } } },
      ]);
    for (const r of rows) out.set(String(r._id), r.n);
    return out;
  }
}

function seatedResult(seat: Seat): ClaimSeatResult {
  return { shiftId: String(seat.shiftId), status: 'seated', seatNo: seat.seatNo, waitlistPosition: null };
}

function cmpId(a: Types.ObjectId, b: Types.ObjectId): number {
  return String(a).localeCompare(String(b));
}
