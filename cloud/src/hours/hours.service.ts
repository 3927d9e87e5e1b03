import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  DEFAULT_STAR_THRESHOLDS,
  brandName,
  chinaYearOf,
  hoursConfirmOpensAt,
  minutesWords,
  starOf,
  suggestedMinutes,
  type MyHours,
  type PendingHours,
  type ServiceRecordView,
  type z,
  type correctServiceRecordBody,
} from '@gongzhi/shared';
import { ActivityAccess } from '../activities/activity-access';
import { ActivityModel, type Activity } from '../activities/activity.model';
import {
  AttendanceModel,
  ServiceRecordModel,
  type Attendance,
  type ServiceRecord,
} from '../activities/attendance.model';
import { ShiftModel, type Shift } from '../activities/shift.model';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { isUnder } from '../core/place';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { Notifier } from '../notifications/notifier';
import { PointsLedger } from '../points/ledger';
import {
  ServiceRecordCorrectionModel,
  StarSettingModel,
  type ServiceRecordCorrection,
  type StarSetting,
} from './hours.model';
import { createKeyed } from '../core/create-keyed';
import { oid } from '../core/oid';

/** A confirmed shift as it stands: the organiser's record and its latest correction, if any. */
export interface EffectiveRecord {
  record: ServiceRecord;
  minutes: number;
  latest: ServiceRecordCorrection | null;
  activity: Activity | null;
  shift: Shift | null;
  community: Org | null;
}

/** Use cases of service records: show_my_hours, correct_service_record, star thresholds. */
@Provide()
export class HoursService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: ActivityAccess;

  @Inject()
  points!: PointsLedger;

  @Inject()
  notifier!: Notifier;

  /** Every confirmed shift of a person, latest shift first, with corrections applied. */
  async effectiveRecords(personId: Types.ObjectId): Promise<EffectiveRecord[]> {
    const [records, corrections] = await Promise.all([
      this.db.model(ServiceRecordModel).find({ personId }).lean<ServiceRecord[]>(),
      this.db.model(ServiceRecordCorrectionModel).find({ personId }).lean<ServiceRecordCorrection[]>(),
    ]);
    const [activities, shifts, communities] = await Promise.all([
      this.db
        .model(ActivityModel)
        .find({ _id: { $in: records.map((r) => r.activityId) } }, { title: 1, brand: 1 })
        .lean<Activity[]>(),
      this.db
        .model(ShiftModel)
        .find({ _id: { $in: records.map((r) => r.shiftId) } }, { start: 1, end: 1 })
        .lean<Shift[]>(),
      this.db
        .model(OrgModel)
        .find({ _id: { $in: records.map((r) => r.communityId) } })
        .lean<Org[]>(),
    ]);
    return records
      .map((record) => {
        const latest =
          corrections.filter((c) => c.recordId.equals(record._id)).sort((a, b) => b.revision - a.revision)[0] ?? null;
        return {
          record,
          minutes: latest?.minutes ?? record.minutes,
          latest,
          activity: activities.find((a) => a._id.equals(record.activityId)) ?? null,
          shift: shifts.find((s) => s._id.equals(record.shiftId)) ?? null,
          community: communities.find((c) => c._id.equals(record.communityId)) ?? null,
        };
      })
      .sort((a, b) => startOf(b) - startOf(a) || String(b.record._id).localeCompare(String(a.record._id)));
  }

  async showMyHours(user: Principal, page: number, pageSize: number): Promise<MyHours> {
    const all = await this.effectiveRecords(oid(user.userId));
    const year = chinaYearOf(this.clock.now());
    const totalMinutes = all.reduce((n, r) => n + r.minutes, 0);
    const yearMinutes = all
      .filter((r) => chinaYearOf(new Date(startOf(r))) === year)
      .reduce((n, r) => n + r.minutes, 0);
    const { thresholds } = await this.thresholdsFor(user.communityId ?? user.orgId);
    const pending = await this.pendingHours(oid(user.userId), all);
    return {
      pending,
      items: all.slice((page - 1) * pageSize, page * pageSize).map(recordView),
      total: all.length,
      page,
      pageSize,
      totalMinutes,
      yearMinutes,
      star: starOf(totalMinutes, thresholds),
      thresholds,
    };
  }

  /**
   * Shifts the person checked in to that no organiser has confirmed yet, soonest first: what the
   * hours page lists as 等社区确认 (a check-in is the sign they came; the organiser decides the hours).
   */
  private async pendingHours(personId: Types.ObjectId, confirmed: EffectiveRecord[]): Promise<PendingHours[]> {
    const marks = await this.db.model(AttendanceModel).find({ personId }).lean<Attendance[]>();
    const waitingIds = marks
      .filter((m) => m.kind === 'checkIn' && !confirmed.some((r) => r.record.shiftId.equals(m.shiftId)))
      .map((m) => m.shiftId);
    if (!waitingIds.length) return [];
    const shifts = await this.db
      .model(ShiftModel)
      .find({ _id: { $in: waitingIds } })
      .lean<Shift[]>();
    const activities = await this.db
      .model(ActivityModel)
      .find({ _id: { $in: shifts.map((s) => s.activityId) } }, { title: 1, brand: 1 })
      .lean<Activity[]>();
    return shifts
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((s) => {
        const a = activities.find((x) => x._id.equals(s.activityId));
        const at = (kind: string) => marks.find((m) => m.shiftId.equals(s._id) && m.kind === kind);
        const checkIn = at('checkIn')!;
        const checkOut = at('checkOut') ?? null;
        return {
          shiftId: String(s._id),
          activity: {
            id: String(s.activityId),
            title: a?.title ?? '（活动已删除）',
            brand: a?.brand ?? 'other',
            brandName: a ? brandName(a.brand) : '',
          },
          start: s.start.toISOString(),
          end: s.end.toISOString(),
          checkInAt: checkIn.at.toISOString(),
          checkOutAt: checkOut?.at.toISOString() ?? null,
          minutes: checkOut ? suggestedMinutes(s, checkIn.at, checkOut.at) : null,
          shortStay: !!checkOut?.shortStay,
          confirmFrom: hoursConfirmOpensAt(s).toISOString(),
        };
      });
  }

  /**
   * Appends a correction to a record the caller organised. The revision is the next one: two
   * correctors at once both read revision n, one insert wins, the other is told to refresh.
   */
  async correctRecord(
    user: Principal,
    recordId: string,
    body: z.output<typeof correctServiceRecordBody>,
    keyedId: Types.ObjectId | null = null,
  ) {
    const record = await this.db.model(ServiceRecordModel).findById(recordId).lean<ServiceRecord>();
    if (!record) throw new AppError('NOT_FOUND', '没有找到这条服务记录');
    await this.access.managedShift(user, String(record.shiftId)).catch(() => {
      throw new AppError('NOT_FOUND', '没有找到这条服务记录');
    });
    const shift = (await this.db.model(ShiftModel).findById(record.shiftId).lean<Shift>())!;
    const shiftMinutes = Math.round((shift.end.getTime() - shift.start.getTime()) / 60_000);
    if (body.minutes > shiftMinutes) {
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'body.minutes', message: `不能超过班次时长 ${shiftMinutes} 分钟` },
      ]);
    }
    // A retry of a crashed attempt finishes the correction that attempt stored.
    const stored =
      keyedId && (await this.db.model(ServiceRecordCorrectionModel).findById(keyedId).lean<ServiceRecordCorrection>());
    if (stored) return this.finishCorrection(user, record, stored);
    const last = await this.db
      .model(ServiceRecordCorrectionModel)
      .findOne({ recordId: record._id })
      .sort({ revision: -1 })
      .lean<ServiceRecordCorrection>();
    const previousMinutes = last?.minutes ?? record.minutes;
    if (previousMinutes === body.minutes) {
      throw new AppError('CONFLICT', `服务时长已是 ${body.minutes} 分钟，无需更正`);
    }
    const doc: ServiceRecordCorrection = {
      _id: new Types.ObjectId(),
      recordId: record._id,
      personId: record.personId,
      revision: (last?.revision ?? 0) + 1,
      previousMinutes,
      minutes: body.minutes,
      reason: body.reason,
      correctedBy: oid(user.userId),
      at: this.clock.now(),
    };
    let saved: ServiceRecordCorrection;
    try {
      saved = await createKeyed<ServiceRecordCorrection>(this.db.model(ServiceRecordCorrectionModel), keyedId, doc);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      throw new AppError('CONFLICT', '这条服务记录刚被其他人更正过，请刷新后再试');
    }
    return this.finishCorrection(user, record, saved);
  }

  private async finishCorrection(user: Principal, record: ServiceRecord, doc: ServiceRecordCorrection) {
    await this.points.adjustForHours(record.personId, record._id, doc.revision, doc.minutes);
    const activity = await this.db.model(ActivityModel).findById(record.activityId, { title: 1 }).lean<Activity>();
    await this.notifier.notify(
      [record.personId],
      'hoursCorrected',
      `您参加「${activity?.title ?? '志愿活动'}」的服务时长已更正为 ${minutesWords(doc.minutes)}（原为 ${minutesWords(doc.previousMinutes)}），原因：${doc.reason}`,
      { activityId: String(record.activityId), recordId: String(record._id) },
      String(doc._id),
    );
    return {
      recordId: String(record._id),
      revision: doc.revision,
      previousMinutes: doc.previousMinutes,
      minutes: doc.minutes,
      reason: doc.reason,
      correctedBy: user.userId,
      at: doc.at.toISOString(),
    };
  }

  /** The thresholds of the nearest node (itself first, then its ancestors) that has a setting. */
  async thresholdsFor(orgId: string | Types.ObjectId | null): Promise<{
    thresholds: number[];
    source: { orgId: string | null; name: string };
  }> {
    const node = orgId ? await this.db.model(OrgModel).findById(orgId).lean<Org>() : null;
    const chain = node ? [node._id, ...[...node.ancestors].reverse()] : [];
    if (chain.length) {
      const [settings, orgs] = await Promise.all([
        this.db
          .model(StarSettingModel)
          .find({ _id: { $in: chain } })
          .lean<StarSetting[]>(),
        this.db
          .model(OrgModel)
          .find({ _id: { $in: chain } }, { name: 1 })
          .lean<Org[]>(),
      ]);
      for (const id of chain) {
        const s = settings.find((x) => x._id.equals(id));
        if (s)
          return {
            thresholds: s.thresholds,
            source: { orgId: String(id), name: orgs.find((o) => o._id.equals(id))?.name ?? '' },
          };
      }
    }
    return { thresholds: [...DEFAULT_STAR_THRESHOLDS], source: { orgId: null, name: '全县默认' } };
  }

  async showThresholds(user: Principal, orgId?: string) {
    const at = orgId ?? user.communityId ?? user.orgId;
    return { orgId: at ?? '', ...(await this.thresholdsFor(at)) };
  }

  /** Staff set their own community; street admins their street or its communities; the county any region. */
  async setThresholds(user: Principal, orgId: string, thresholds: number[]) {
    const org = await this.db.model(OrgModel).findById(orgId).lean<Org>();
    if (!org || !['county', 'street', 'community'].includes(org.kind)) {
      throw new AppError('NOT_FOUND', '没有找到这个县、街道或社区');
    }
    const own =
      user.roles.includes('countyAdmin') ||
      (user.roles.includes('staff') && user.communityId === orgId) ||
      (user.roles.includes('streetAdmin') && (orgId === user.streetId || isUnder(org, user.streetId)));
    if (!own) throw new AppError('FORBIDDEN', '只能设置本辖区的星级标准');
    await this.db
      .model(StarSettingModel)
      .updateOne(
        { _id: org._id },
        { $set: { thresholds, updatedBy: oid(user.userId), updatedAt: this.clock.now() } },
        { upsert: true },
      );
    return { orgId, ...(await this.thresholdsFor(org._id)) };
  }
}

function startOf(r: EffectiveRecord): number {
  return (r.shift?.start ?? r.record.confirmedAt).getTime();
}

function recordView(r: EffectiveRecord): ServiceRecordView {
  const start = r.shift?.start ?? r.record.confirmedAt;
  return {
    id: String(r.record._id),
    shiftId: String(r.record.shiftId),
    activity: {
      id: String(r.record.activityId),
      title: r.activity?.title ?? '（活动已删除）',
      brand: r.record.brand,
      brandName: r.activity ? brandName(r.activity.brand) : r.record.brand,
    },
    community: { id: String(r.record.communityId), name: r.community?.name ?? '' },
    start: start.toISOString(),
    end: (r.shift?.end ?? start).toISOString(),
    minutes: r.minutes,
    confirmedAt: r.record.confirmedAt.toISOString(),
    correction: r.latest
      ? {
          revision: r.latest.revision,
          originalMinutes: r.record.minutes,
          reason: r.latest.reason,
          at: r.latest.at.toISOString(),
        }
      : null,
  };
}
