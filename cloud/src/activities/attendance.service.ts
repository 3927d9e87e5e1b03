import { createHmac, timingSafeEqual } from 'node:crypto';
import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  maskPhone,
  SHIFT_RULES,
  type AttendanceKind,
  type HoursRecord,
  type ShiftRosterEntry,
  chinaDateTime,
} from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { AuditLog } from '../core/audit';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';
import { PointsLedger } from '../points/ledger';
import { ActivityAccess } from './activity-access';
import { AttendanceModel, ServiceRecordModel, type Attendance, type ServiceRecord } from './attendance.model';
import { SeatModel, WaitlistModel, type Seat, type WaitlistEntry } from './claim.model';
import type { Shift } from './shift.model';
import { createKeyed } from '../core/create-keyed';
import { RateLimits } from '../core/rate-limits';

const MINUTE = 60_000;
const WINDOW_MS = SHIFT_RULES.codeWindowMinutes * MINUTE;
const QUARTER_MS = SHIFT_RULES.bucketMinutes * MINUTE;

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

  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  points!: PointsLedger;

  @Inject()
  limits!: RateLimits;

  /** The code of the current 5-minute window, as the QR content the organiser shows on site. */
  async showShiftCode(user: Principal, shiftId: string) {
    const { shift, activity } = await this.access.managedShift(user, shiftId);
    if (activity.status !== 'published') throw new AppError('INVALID_TRANSITION', '活动未发布或已取消，不能签到');
    const window = Math.floor(this.clock.now().getTime() / WINDOW_MS);
    const code = this.codeOf(shift, window);
    return {
      shiftId: String(shift._id),
      code,
      content: `gz:checkin:${shift._id}:${code}`,
      refreshAt: new Date((window + 1) * WINDOW_MS).toISOString(),
      // Accepted during its own window and the next one: at most 10 minutes.
      expiresAt: new Date((window + 2) * WINDOW_MS).toISOString(),
    };
  }

  /**
   * Records a check-in or check-out by the seat holder with the shift's current code. The insert
   * is unique per (shift, person, kind): a repeat returns the first record.
   */
  async record(user: Principal, shiftId: string, rawCode: string, kind: AttendanceKind) {
    const { shift, activity } = await this.access.visibleShift(user, shiftId);
    const personId = new Types.ObjectId(user.userId);
    const code = parseCode(rawCode, String(shift._id));
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
    await this.checkCode(shift, code, now, String(personId));
    if (kind === 'checkOut' && !(await attendance.exists({ shiftId: shift._id, personId, kind: 'checkIn' }))) {
      throw new AppError('CONFLICT', '请先签到再签退');
    }
    try {
      return view((await attendance.create({ shiftId: shift._id, personId, kind, at: now })).toObject() as Attendance);
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
    if (now < shift.start) throw new AppError('INVALID_TRANSITION', '班次尚未开始，不能确认服务时长');
    const marks = await this.db.model(AttendanceModel).find({ shiftId: shift._id, personId }).lean<Attendance[]>();
    const checkIn = marks.find((m) => m.kind === 'checkIn')?.at ?? null;
    const checkOut = marks.find((m) => m.kind === 'checkOut')?.at ?? null;
    const shiftMinutes = Math.round((shift.end.getTime() - shift.start.getTime()) / MINUTE);
    let confirmed: number;
    if (minutes !== undefined) {
      if (minutes > shiftMinutes) {
        throw new AppError('VALIDATION_FAILED', undefined, [
          { path: 'body.minutes', message: `不能超过班次时长 ${shiftMinutes} 分钟` },
        ]);
      }
      confirmed = minutes;
    } else {
      if (!checkIn || !checkOut) throw new AppError('CONFLICT', '该志愿者没有完整的签到签退记录，请填写服务时长');
      const worked = Math.floor((checkOut.getTime() - checkIn.getTime()) / QUARTER_MS) * SHIFT_RULES.bucketMinutes;
      confirmed = Math.min(worked, shiftMinutes);
      if (confirmed < SHIFT_RULES.bucketMinutes)
        throw new AppError('CONFLICT', '签到到签退不足 15 分钟，请填写服务时长');
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
  async listShiftRoster(user: Principal, shiftId: string, page: number, pageSize: number) {
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
    const items: ShiftRosterEntry[] = [];
    for (const e of slice) {
      const person = people.find((p) => p._id.equals(e.personId));
      const at = (kind: AttendanceKind) =>
        marks.find((m) => m.personId.equals(e.personId) && m.kind === kind)?.at.toISOString() ?? null;
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
        confirmedMinutes: records.find((r) => r.personId.equals(e.personId))?.minutes ?? null,
      });
    }
    return { items, total: all.length, page, pageSize };
  }

  /** HMAC of the shift, its own secret and the 5-minute window, cut to 6 digits. */
  codeOf(shift: Pick<Shift, '_id' | 'codeSecret'>, window: number): string {
    const mac = createHmac('sha256', this.settings.jwtSecret)
      .update(`${shift._id}:${shift.codeSecret}:${window}`)
      .digest();
    return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }

  /**
   * 限流: a person has a few attempts at the code, and so has the shift as a whole (rules checkInPerson
   * and checkInShift); used up, the next attempt locks them out for a while, even with the right code.
   */
  private async checkCode(shift: Shift, code: string, now: Date, personId: string) {
    const shiftId = String(shift._id);
    await this.limits.attempt('checkInPerson', personId);
    try {
      await this.limits.attempt('checkInShift', shiftId);
    } catch (err) {
      await this.limits.succeeded('checkInPerson', personId); // not this person's guess: the shift is locked
      throw err;
    }
    if (!this.codeAccepted(shift, code, now)) throw new AppError('CHECKIN_CODE_INVALID');
    await Promise.all([
      this.limits.succeeded('checkInPerson', personId),
      this.limits.succeeded('checkInShift', shiftId),
    ]);
  }

  private codeAccepted(shift: Shift, code: string, now: Date): boolean {
    const window = Math.floor(now.getTime() / WINDOW_MS);
    return [window, window - 1].some((w) => timingSafeEqual(Buffer.from(this.codeOf(shift, w)), Buffer.from(code)));
  }
}

/** Accepts the 6 digits or the whole QR content; a code of another shift is refused. */
function parseCode(raw: string, shiftId: string): string {
  const m = /^(?:gz:checkin:([0-9a-f]{24}):)?(\d{6})$/.exec(raw);
  if (!m || (m[1] && m[1] !== shiftId)) throw new AppError('CHECKIN_CODE_INVALID', '这不是本班次的签到码');
  return m[2];
}

function view(a: Attendance) {
  return { shiftId: String(a.shiftId), kind: a.kind, at: a.at.toISOString() };
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
