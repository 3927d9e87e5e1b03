import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  HOURS_WORDS,
  maskPhone,
  SHIFT_RULES,
  hoursConfirmOpensAt,
  hoursConfirmation,
  hoursNotYetReason,
  shiftMinutesOf,
  shortStayOf,
  shortStayReason,
  suggestedMinutes,
  type AttendanceKind,
  type CheckInTokenParts,
  type HoursRecord,
  type ShiftCheckInCode,
  type ShiftRoster,
  type ShiftRosterEntry,
  chinaDateTime,
  chinaSpan,
  minutesWords,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { AuditLog } from '../audit/audit-log';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';
import { Notifier } from '../notifications/notifier';
import { PointsLedger } from '../points/ledger';
import { ActivityAccess } from './activity-access';
import { AttendanceModel, ServiceRecordModel, type Attendance, type ServiceRecord } from './attendance.model';
import { SeatModel, WaitlistModel, type Seat, type WaitlistEntry } from './claim.model';
import type { Shift } from './shift.model';
import { createKeyed } from '../core/create-keyed';
import { RateLimits } from '../core/rate-limits';
import { CheckInCodes, TOKEN_REFUSALS } from './checkin-codes';

const MINUTE = 60_000;

/** What the volunteer gives: the typed 6 digits or the scanned token (the contract allows one of them). */
export interface CheckInSecret {
  code?: string;
  token?: string;
}

/** Use cases on site: show_shift_code, check_in, check_out, confirm_hours, list_shift_roster. */
@Provide()
export class AttendanceService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: ActivityAccess;

  @Inject()
  audit!: AuditLog;

  @Inject()
  codes!: CheckInCodes;

  @Inject()
  points!: PointsLedger;

  @Inject()
  limits!: RateLimits;

  @Inject()
  notifier!: Notifier;

  /** The current 5-minute window's code and QR token, with what the organiser's screen shows around them. */
  async showShiftCode(user: Principal, shiftId: string): Promise<ShiftCheckInCode> {
    const { shift, activity } = await this.access.managedShift(user, shiftId);
    if (activity.status !== 'published') throw new AppError('INVALID_TRANSITION', '活动未发布或已取消，不能签到');
    const window = this.codes.windowOf(this.clock.now());
    const expiresAt = this.codes.expiryOf(window);
    const token = this.codes.tokenOf(shift, expiresAt);
    return {
      shiftId: String(shift._id),
      code: this.codes.codeOf(shift, window),
      token,
      qrImage: await this.codes.qrImage(token),
      refreshAt: this.codes.refreshOf(window).toISOString(),
      expiresAt: expiresAt.toISOString(),
      shift: { start: shift.start.toISOString(), end: shift.end.toISOString() },
      activity: { id: String(activity._id), title: activity.title, address: activity.address },
    };
  }

  /**
   * Records a check-in or check-out by the seat holder with the shift's current code. The insert
   * is unique per (shift, person, kind): a repeat returns the first record.
   */
  async record(user: Principal, shiftId: string, secret: CheckInSecret, kind: AttendanceKind) {
    const { shift, activity } = await this.access.visibleShift(user, shiftId);
    const personId = new Types.ObjectId(user.userId);
    const token = secret.token ? this.codes.readToken(secret.token) : null;
    // Another shift's QR code: the person is on the wrong shift, not guessing.
    if (token && token.shiftId !== String(shift._id)) {
      throw new AppError('CHECKIN_CODE_INVALID', TOKEN_REFUSALS.otherShift);
    }
    if (!(await this.db.model(SeatModel).exists({ shiftId: shift._id, personId }))) {
      throw new AppError('CONFLICT', '您没有认领这个班次，不能签到签退');
    }
    const attendance = this.db.model(AttendanceModel);
    const first = await attendance.findOne({ shiftId: shift._id, personId, kind }).lean<Attendance>();
    if (first) return view(first);
    if (activity.status !== 'published') throw new AppError('INVALID_TRANSITION', '活动已取消');

    // The code counts only inside the shift's window: check-in from a little before the start,
    // check-out from the start, both until a little after the end.
    const now = this.clock.now();
    const opens = new Date(shift.start.getTime() - (kind === 'checkIn' ? SHIFT_RULES.checkInEarlyMinutes * MINUTE : 0));
    const closes = new Date(shift.end.getTime() + SHIFT_RULES.checkInLateMinutes * MINUTE);
    if (now < opens || now > closes) {
      const what = kind === 'checkIn' ? '签到' : '签退';
      throw new AppError('CHECKIN_CLOSED', `本班次${what}时间为 ${chinaDateTime(opens)} 至 ${chinaDateTime(closes)}`);
    }
    await this.checkSecret(shift, secret, token, now, String(personId));
    const checkIn =
      kind === 'checkOut'
        ? await attendance.findOne({ shiftId: shift._id, personId, kind: 'checkIn' }).lean<Attendance>()
        : null;
    if (kind === 'checkOut' && !checkIn) throw new AppError('CONFLICT', '请先签到再签退');
    // A short stay is accepted (the person may have had a reason) but flagged for the organiser.
    const shortStay = checkIn ? shortStayOf(shift, checkIn.at, now) : null;
    try {
      const created = await attendance.create({ shiftId: shift._id, personId, kind, at: now, shortStay });
      return view(created.toObject() as Attendance);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const won = await attendance.findOne({ shiftId: shift._id, personId, kind }).lean<Attendance>();
      if (!won) throw err;
      return view(won);
    }
  }

  /**
   * The organiser confirms a volunteer's service time once per shift (an append-only record). Under a
   * keyed id, a retry of a crashed attempt finds the stored record and completes its points.
   */
  async confirmHours(
    user: Principal,
    shiftId: string,
    personIdText: string,
    minutes?: number,
    keyedId: Types.ObjectId | null = null,
  ): Promise<HoursRecord> {
    const { shift, activity } = await this.access.managedShift(user, shiftId);
    const personId = new Types.ObjectId(personIdText);
    if (!(await this.db.model(SeatModel).exists({ shiftId: shift._id, personId }))) {
      throw new AppError('NOT_FOUND', '该志愿者没有认领这个班次');
    }
    const now = this.clock.now();
    if (now < hoursConfirmOpensAt(shift)) throw new AppError('INVALID_TRANSITION', hoursNotYetReason(shift));
    const marks = await this.db.model(AttendanceModel).find({ shiftId: shift._id, personId }).lean<Attendance[]>();
    const checkIn = marks.find((m) => m.kind === 'checkIn')?.at ?? null;
    const checkOut = marks.find((m) => m.kind === 'checkOut')?.at ?? null;
    const shiftMinutes = shiftMinutesOf(shift);
    let confirmed: number;
    if (minutes !== undefined) {
      if (minutes > shiftMinutes) {
        throw new AppError('VALIDATION_FAILED', undefined, [
          { path: 'body.minutes', message: `不能超过班次时长 ${shiftMinutes} 分钟` },
        ]);
      }
      confirmed = minutes;
    } else {
      if (!checkIn || !checkOut) throw new AppError('CONFLICT', `该志愿者${HOURS_WORDS.noMarks}`);
      const suggested = suggestedMinutes(shift, checkIn, checkOut);
      if (suggested === null) throw new AppError('CONFLICT', HOURS_WORDS.tooShort);
      confirmed = suggested;
    }
    const records = this.db.model(ServiceRecordModel);
    try {
      const created = await createKeyed<ServiceRecord>(records, keyedId, {
        shiftId: shift._id,
        activityId: activity._id,
        personId,
        communityId: activity.place.communityId,
        brand: activity.brand,
        minutes: confirmed,
        checkInAt: checkIn,
        checkOutAt: checkOut,
        confirmedBy: new Types.ObjectId(user.userId),
        confirmedAt: now,
      });
      await this.points.earnForHours(personId, created._id, confirmed, activity.title, shift.start);
      // Confirmed hours mean the activity took place: its organiser earns once (keyed by the activity).
      await this.points.earnForOrganising(activity.createdBy, activity._id, activity.title, shift.start);
      // The volunteer learns their time counted (keyed by the record: a retry tells them once).
      await this.notifier.notify(
        [personId],
        'hoursConfirmed',
        `您参加「${activity.title}」（${chinaSpan(shift.start, shift.end)}）的服务时长已确认：${minutesWords(confirmed)}`,
        { activityId: String(activity._id), shiftId: String(shift._id) },
        String(created._id),
      );
      return recordView(created);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const first = await records.findOne({ shiftId: shift._id, personId }).lean<ServiceRecord>();
      throw new AppError(
        'CONFLICT',
        `该志愿者本班次的服务时长已确认${first ? `（${first.minutes} 分钟）` : ''}，不能重复确认`,
      );
    }
  }

  /**
   * Seat holders (by seat number) then the waitlist (in order). Phones are full only for the staff
   * of the activity's own community, and each such read is audit-logged.
   */
  async listShiftRoster(user: Principal, shiftId: string, page: number, pageSize: number): Promise<ShiftRoster> {
    const { shift, activity } = await this.access.managedShift(user, shiftId);
    const [seats, waits] = await Promise.all([
      this.db.model(SeatModel).find({ shiftId: shift._id }).sort({ seatNo: 1 }).lean<Seat[]>(),
      this.db.model(WaitlistModel).find({ shiftId: shift._id }).sort({ createdAt: 1, _id: 1 }).lean<WaitlistEntry[]>(),
    ]);
    const all = [
      ...seats.map((s) => ({
        personId: s.personId,
        seatNo: s.seatNo as number | null,
        position: null as number | null,
        since: s.createdAt,
      })),
      ...waits.map((w, i) => ({ personId: w.personId, seatNo: null, position: i + 1, since: w.createdAt })),
    ];
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    const ids = slice.map((e) => e.personId);
    const [people, marks, records] = await Promise.all([
      this.db
        .model(UserModel)
        .find({ _id: { $in: ids } }, { name: 1, phone: 1 })
        .lean<User[]>(),
      this.db
        .model(AttendanceModel)
        .find({ shiftId: shift._id, personId: { $in: ids } })
        .lean<Attendance[]>(),
      this.db
        .model(ServiceRecordModel)
        .find({ shiftId: shift._id, personId: { $in: ids } })
        .lean<ServiceRecord[]>(),
    ]);
    const fullPhones = this.access.isCommunityStaff(user, activity);
    const now = this.clock.now();
    const items: ShiftRosterEntry[] = [];
    for (const e of slice) {
      const person = people.find((p) => p._id.equals(e.personId));
      const mark = (kind: AttendanceKind) => marks.find((m) => m.personId.equals(e.personId) && m.kind === kind);
      const at = (kind: AttendanceKind) => mark(kind)?.at.toISOString() ?? null;
      const confirmedMinutes = records.find((r) => r.personId.equals(e.personId))?.minutes ?? null;
      if (fullPhones && person?.phone)
        await this.audit.personalDataRead(user, e.personId, ['phone'], `shift:${shift._id}`);
      items.push({
        personId: String(e.personId),
        name: person?.name ?? '（已注销）',
        phone: fullPhones ? (person?.phone ?? null) : maskPhone(person?.phone),
        status: e.seatNo !== null ? 'seated' : 'waitlisted',
        seatNo: e.seatNo,
        waitlistPosition: e.position,
        since: e.since.toISOString(),
        checkInAt: at('checkIn'),
        checkOutAt: at('checkOut'),
        confirmedMinutes,
        shortStay: shortStayView(mark('checkOut')),
        confirm: hoursConfirmation({
          shift,
          now,
          seated: e.seatNo !== null,
          confirmed: confirmedMinutes !== null,
          checkInAt: mark('checkIn')?.at ?? null,
          checkOutAt: mark('checkOut')?.at ?? null,
        }),
      });
    }
    const open = now >= hoursConfirmOpensAt(shift);
    return {
      items,
      total: all.length,
      page,
      pageSize,
      hoursConfirm: {
        open,
        opensAt: hoursConfirmOpensAt(shift).toISOString(),
        reason: open ? null : hoursNotYetReason(shift),
      },
    };
  }

  /**
   * 限流: a person has a few attempts at the code (typed or scanned), and so has the shift as a whole
   * (rules checkInPerson and checkInShift); used up, the next attempt locks them out for a while,
   * even with the right code.
   */
  private async checkSecret(
    shift: Shift,
    secret: CheckInSecret,
    token: CheckInTokenParts | null,
    now: Date,
    personId: string,
  ) {
    const shiftId = String(shift._id);
    await this.limits.attempt('checkInPerson', personId);
    try {
      await this.limits.attempt('checkInShift', shiftId);
    } catch (err) {
      await this.limits.succeeded('checkInPerson', personId); // not this person's guess: the shift is locked
      throw err;
    }
    if (token) this.codes.checkToken(shift, token, now);
    else if (!secret.code || !this.codes.codeAccepted(shift, secret.code, now))
      throw new AppError('CHECKIN_CODE_INVALID');
    await Promise.all([
      this.limits.succeeded('checkInPerson', personId),
      this.limits.succeeded('checkInShift', shiftId),
    ]);
  }
}

function view(a: Attendance) {
  return {
    shiftId: String(a.shiftId),
    kind: a.kind,
    at: a.at.toISOString(),
    shortStay: shortStayView(a),
  };
}

function shortStayView(a: Attendance | undefined) {
  return a?.shortStay ? { ...a.shortStay, reason: shortStayReason(a.shortStay) } : null;
}

function recordView(r: ServiceRecord): HoursRecord {
  return {
    shiftId: String(r.shiftId),
    activityId: String(r.activityId),
    personId: String(r.personId),
    minutes: r.minutes,
    checkInAt: r.checkInAt?.toISOString() ?? null,
    checkOutAt: r.checkOutAt?.toISOString() ?? null,
    confirmedBy: String(r.confirmedBy),
    confirmedAt: r.confirmedAt.toISOString(),
  };
}
