import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  BOOKING_HORIZON_DAYS,
  formatSlotTime,
  localInstant,
  addDays,
  maskPhone,
  nextBookingStatus,
  RELEASED_BOOKING_STATUSES,
  slotCells,
  slotRun,
  type BookingAction,
  type BookingDetail,
  type BookingStatus,
  type BookingView,
  type CreateBookingBody,
  type Role,
  type z,
  type listMyBookingsQuery,
  type listResourceBookingsQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { UnitModel, type Unit } from '../org/unit.model';
import { UserModel, type User } from '../people/user.model';
import { bookingLog, bookingOfEvents } from './booking-log';
import { BookingNotices } from './booking-notices';
import { holdCells, releaseCells } from './booking-slots';
import { BookingModel, type Booking } from './booking.model';
import { ResourceAccess, canHandle, type Caller } from './resource-access';
import { ResourcesService } from './resources.service';

type MyQuery = z.output<typeof listMyBookingsQuery>;
type ResourceBookingsQuery = z.output<typeof listResourceBookingsQuery>;
type Transition = Exclude<BookingAction, 'create'>;

const DAY_MS = 24 * 3600_000;
const BOOKER_ROLES: readonly Role[] = ['resident', 'volunteer', 'partyMember'];
const HANDLER_ROLES: readonly Role[] = ['countyAdmin', 'unitAdmin', 'staff'];
const NOT_FOUND = '没有找到这个预约';

/**
 * Use cases of bookings (预约): create_booking, approve_booking, reject_booking, cancel_booking,
 * show_booking, list_my_bookings, list_resource_bookings. Slots are held by unique-index inserts
 * (bookingSlots), transitions by unique-index inserts (bookingEvents); `bookings.status` is their projection.
 */
@Provide()
export class BookingsService {
  @Inject()
  db!: Db;

  @Inject()
  access!: ResourceAccess;

  @Inject()
  resources!: ResourcesService;

  @Inject()
  audit!: AuditLog;

  @Inject()
  notices!: BookingNotices;

  /**
   * `keyedId` (from an Idempotency-Key) is the booking's id: a re-run of a request whose first
   * attempt died mid-way finds that booking, or takes its cells over, instead of booking twice.
   */
  async createBooking(
    user: Principal,
    body: CreateBookingBody,
    keyedId: Types.ObjectId | null = null,
  ): Promise<BookingView> {
    const caller = await this.access.caller(user);
    if (keyedId) {
      const done = await this.finishKeyed(keyedId, caller);
      if (done) return done;
    }
    const r = await this.resources.load(caller, body.resourceId).catch((err: unknown) => {
      if (err instanceof AppError) return null;
      throw err;
    });
    if (!r || !r.active) throw new AppError('NOT_FOUND', '没有找到这个资源');
    if (!r.bookable || !r.slotMinutes) throw invalid('body.resourceId', '该资源不接受预约');

    const start = new Date(body.start);
    const now = Date.now();
    if (start.getTime() <= now) throw invalid('body.start', '不能预约已经开始或过去的时段');
    if (start.getTime() > now + BOOKING_HORIZON_DAYS * DAY_MS)
      throw invalid('body.start', `只能预约 ${BOOKING_HORIZON_DAYS} 天以内的时段`);
    const first = slotRun(r.hours, r.slotMinutes, start, 1);
    if (!first) throw invalid('body.start', '所选时间不在开放时间内，或不是一个时段的开始');
    const run = slotRun(r.hours, r.slotMinutes, start, body.slots);
    if (!run) {
      const from = formatSlotTime(first[0].start, first[0].end);
      throw invalid('body.slots', `从 ${from} 起没有 ${body.slots} 个相连的开放时段`);
    }
    const end = new Date(run[run.length - 1].end);

    const booker = await this.db.model(UserModel).findById(caller.userId, { name: 1 }).lean<Pick<User, 'name'>>();
    if (!booker) throw new AppError('TOKEN_INVALID');
    const bookingId = keyedId ?? new Types.ObjectId();
    const held = await holdCells(this.db, r._id, bookingId, slotCells(start, end));
    if (!held.ok) {
      const slot = run.find((s) => new Date(s.start) <= held.cell && held.cell < new Date(s.end)) ?? run[0];
      const message = `${formatSlotTime(slot.start, slot.end)} 已被预约，请选择其他时段`;
      throw new AppError('SLOT_TAKEN', message, [{ path: 'body.start', message }]);
    }

    const at = new Date();
    const booking: Booking = {
      _id: bookingId,
      resourceId: r._id,
      resourceName: r.name,
      resourceKind: r.kind,
      unitId: r.unitId,
      place: r.place,
      bookerId: new Types.ObjectId(caller.userId),
      bookerName: booker.name,
      start,
      end,
      slots: run.length,
      purpose: body.purpose,
      attendees: body.attendees,
      status: 'pending',
      seq: 0,
      reason: null,
      createdAt: at,
      updatedAt: at,
    };
    try {
      await this.db.model(BookingModel).create(booking);
    } catch (err) {
      // A retry of the same key that was taken over from us stored it first: that booking is the answer.
      const done = keyedId && isDuplicateKey(err) ? await this.finishKeyed(keyedId, caller) : null;
      if (done) return done;
      await releaseCells(this.db, bookingId).catch(() => undefined);
      throw err;
    }
    await this.recordCreated(booking, roleAs(caller, BOOKER_ROLES));
    return (await this.views([booking], false))[0];
  }

  /** The create event of a booking; a re-run after a crash finds it there already. */
  private async recordCreated(booking: Booking, actorRole: string): Promise<void> {
    const created = await bookingLog(this.db).record(
      {
        _id: new Types.ObjectId(),
        bookingId: booking._id,
        seq: 0,
        action: 'create',
        from: null,
        to: 'pending',
        actorId: booking.bookerId,
        actorRole,
        note: null,
        at: booking.createdAt,
      },
      { bookingId: booking._id },
    );
    if (!created) throw new Error(`booking ${String(booking._id)}: its create event is taken`);
  }

  /** A keyed create whose booking is already stored (by an attempt that died before answering): completes and returns it. */
  private async finishKeyed(id: Types.ObjectId, caller: Caller): Promise<BookingView | null> {
    const booking = await this.db
      .model(BookingModel)
      .findOne({ _id: id, bookerId: new Types.ObjectId(caller.userId) })
      .lean<Booking>();
    if (!booking) return null;
    await this.recordCreated(booking, roleAs(caller, BOOKER_ROLES));
    return (await this.views([booking], false))[0];
  }

  approveBooking(user: Principal, id: string, note?: string): Promise<BookingView> {
    return this.transition(user, id, 'approve', note ?? null);
  }

  rejectBooking(user: Principal, id: string, reason: string): Promise<BookingView> {
    return this.transition(user, id, 'reject', reason);
  }

  cancelBooking(user: Principal, id: string, reason?: string): Promise<BookingView> {
    return this.transition(user, id, 'cancel', reason ?? null);
  }

  /** One booking with its timeline; its handler sees the booker's phone (and that read is audited). */
  async showBooking(user: Principal, id: string): Promise<BookingDetail> {
    const caller = await this.access.caller(user);
    const { booking, asBooker, asHandler } = await this.loadFor(caller, id);
    // A projection write lost to a race or a crash is repaired from the log.
    const { entity: synced, events } = await bookingLog(this.db).current(booking);
    const fullPhone = asHandler && !asBooker;
    if (fullPhone) await this.audit.personalDataRead(caller, booking.bookerId, ['phone'], `booking:${id}`);
    const [view] = await this.views([synced], fullPhone);
    return {
      ...view,
      timeline: events.map((e) => ({
        seq: e.seq,
        action: e.action,
        status: e.to,
        actorRole: e.actorRole,
        note: e.note,
        at: new Date(e.at).toISOString(),
      })),
    };
  }

  async listMyBookings(user: Principal, q: MyQuery) {
    const filter: Record<string, unknown> = { bookerId: new Types.ObjectId(user.userId) };
    if (q.status) filter.status = q.status;
    return this.page(filter, { start: -1, _id: -1 }, q.page, q.pageSize);
  }

  async listResourceBookings(user: Principal, resourceId: string, q: ResourceBookingsQuery) {
    const caller = await this.access.caller(user);
    const r = await this.resources.load(caller, resourceId);
    if (!canHandle(caller, r)) throw new AppError('FORBIDDEN', '只有资源所属单位或所在社区可以查看预约');
    const filter: Record<string, unknown> = { resourceId: r._id };
    if (q.status) filter.status = q.status;
    if (q.date) filter.start = { $gte: localInstant(q.date, 0), $lt: localInstant(addDays(q.date, 1), 0) };
    return this.page(filter, { start: 1, _id: 1 }, q.page, q.pageSize);
  }

  private async page(filter: Record<string, unknown>, sort: Record<string, 1 | -1>, page: number, pageSize: number) {
    const model = this.db.model(BookingModel);
    const [total, docs] = await Promise.all([
      model.countDocuments(filter),
      model
        .find(filter)
        .sort(sort)
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<Booking[]>(),
    ]);
    return { items: await this.views(docs, false), total, page, pageSize };
  }

  /**
   * Moves a booking along the shared state machine. The event log is the truth: the next seq is
   * claimed by inserting event (bookingId, seq) against its unique index, so of two simultaneous
   * approvals (or an approval and a cancellation) exactly one wins and the other gets 409.
   */
  private async transition(user: Principal, id: string, action: Transition, note: string | null): Promise<BookingView> {
    const caller = await this.access.caller(user);
    const { booking, asBooker, asHandler } = await this.loadFor(caller, id);
    if (action !== 'cancel' && !asHandler) throw new AppError('FORBIDDEN', '只有资源所属单位或所在社区可以审核预约');

    const log = bookingLog(this.db);
    const { event, before } = await log.append(
      { bookingId: booking._id },
      (events) => {
        const last = events[events.length - 1];
        const current: { status: BookingStatus } = last ? { status: last.to } : booking;
        const next = nextBookingStatus(current.status, action);
        if (!next)
          throw new AppError('INVALID_TRANSITION', `预约${statusText(current.status)}，不能再${ACTION_TEXT[action]}`);
        const started = booking.start.getTime() <= Date.now();
        if (started && action === 'approve') throw new AppError('INVALID_TRANSITION', '预约的时段已经开始，不能再批准');
        if (started && action === 'cancel') throw new AppError('INVALID_TRANSITION', '预约的时段已经开始，不能再取消');
        return {
          bookingId: booking._id,
          action,
          from: current.status,
          to: next,
          actorId: new Types.ObjectId(caller.userId),
          actorRole:
            asHandler && (action !== 'cancel' || !asBooker)
              ? roleAs(caller, HANDLER_ROLES)
              : roleAs(caller, BOOKER_ROLES),
          note,
          at: new Date(),
        };
      },
      // A booking whose create event was lost with a crash is at its own seq.
      booking.seq,
    );
    // Only the winner of the event frees the slots, so a slot is never freed under a live booking.
    if (RELEASED_BOOKING_STATUSES.includes(event.to)) await releaseCells(this.db, booking._id);
    await log.reproject(booking);
    await this.notices.stepTaken(booking, event);
    const projected = { ...booking, ...bookingOfEvents(booking, [...before, event]) };
    return (await this.views([projected], false))[0];
  }

  /** A booking the caller booked or handles; anything else is "not found". */
  private async loadFor(caller: Caller, id: string) {
    const booking = await this.db.model(BookingModel).findById(id).lean<Booking>();
    if (!booking) throw new AppError('NOT_FOUND', NOT_FOUND);
    const asBooker = String(booking.bookerId) === caller.userId;
    const asHandler = canHandle(caller, booking);
    if (!asBooker && !asHandler) throw new AppError('NOT_FOUND', NOT_FOUND);
    return { booking, asBooker, asHandler };
  }

  private async views(bookings: Booking[], fullPhone: boolean): Promise<BookingView[]> {
    const ids = (list: (Types.ObjectId | null)[]) =>
      [...new Set(list.filter((x) => x).map(String))].map((x) => new Types.ObjectId(x));
    const [users, units] = await Promise.all([
      this.db
        .model(UserModel)
        .find({ _id: { $in: ids(bookings.map((b) => b.bookerId)) } }, { phone: 1 })
        .lean<Pick<User, '_id' | 'phone'>[]>(),
      this.db
        .model(UnitModel)
        .find({ _id: { $in: ids(bookings.map((b) => b.unitId)) } }, { name: 1 })
        .lean<Pick<Unit, '_id' | 'name'>[]>(),
    ]);
    const phones = new Map(users.map((u) => [String(u._id), u.phone]));
    const unitNames = new Map(units.map((u) => [String(u._id), u.name]));
    return bookings.map((b) => {
      const phone = phones.get(String(b.bookerId)) ?? null;
      return {
        id: String(b._id),
        resource: { id: String(b.resourceId), name: b.resourceName, kind: b.resourceKind },
        unit: b.unitId ? { id: String(b.unitId), name: unitNames.get(String(b.unitId)) ?? '' } : null,
        communityId: String(b.place.communityId),
        start: new Date(b.start).toISOString(),
        end: new Date(b.end).toISOString(),
        slots: b.slots,
        timeText: formatSlotTime(b.start, b.end),
        purpose: b.purpose,
        attendees: b.attendees,
        status: b.status,
        reason: b.reason,
        booker: { id: String(b.bookerId), name: b.bookerName, phone: fullPhone ? phone : maskPhone(phone) },
        createdAt: new Date(b.createdAt).toISOString(),
        updatedAt: new Date(b.updatedAt).toISOString(),
      };
    });
  }
}

const ACTION_TEXT: Record<Transition, string> = { approve: '批准', reject: '拒绝', cancel: '取消' };

function statusText(status: BookingStatus): string {
  return { pending: '还在审核中', approved: '已经批准', rejected: '已经被拒绝', cancelled: '已经取消' }[status];
}

/** The role the caller acts in, for the timeline. */
function roleAs(caller: Caller, preferred: readonly Role[]): Role {
  return caller.roles.find((r) => preferred.includes(r)) ?? caller.roles[0];
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}
