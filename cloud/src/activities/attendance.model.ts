import { Schema, Types } from 'mongoose';
import { ATTENDANCE_KINDS, type AttendanceKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** A check-in or check-out (签到 / 签退); unique per (shift, person, kind), so a repeat is harmless. */
export interface Attendance {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  personId: Types.ObjectId;
  kind: AttendanceKind;
  at: Date;
  /** On a check-out too short for the rule (SHORT_STAY): accepted, and flagged for staff. Null otherwise. */
  shortStay?: { minutes: number; neededMinutes: number } | null;
}

export const AttendanceModel = defineModel<Attendance>(
  'Attendance',
  new Schema<Attendance>(
    {
      shiftId: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      kind: { type: String, enum: ATTENDANCE_KINDS, required: true },
      at: { type: Date, required: true },
      shortStay: {
        type: new Schema({ minutes: Number, neededMinutes: Number }, { _id: false }),
        default: null,
      },
    },
    { collection: 'attendance', versionKey: false },
  )
    .index({ shiftId: 1, personId: 1, kind: 1 }, { unique: true })
    .index({ personId: 1 }),
);

/**
 * Confirmed service time of one person in one shift (服务时长), append-only and unique per
 * (shift, person): hours, stars and certificates are sums over these records.
 */
export interface ServiceRecord {
  _id: Types.ObjectId;
  shiftId: Types.ObjectId;
  activityId: Types.ObjectId;
  personId: Types.ObjectId;
  communityId: Types.ObjectId;
  brand: string;
  minutes: number;
  checkInAt: Date | null;
  checkOutAt: Date | null;
  confirmedBy: Types.ObjectId;
  confirmedAt: Date;
}

export const ServiceRecordModel = defineModel<ServiceRecord>(
  'ServiceRecord',
  new Schema<ServiceRecord>(
    {
      shiftId: { type: Schema.Types.ObjectId, required: true },
      activityId: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      communityId: { type: Schema.Types.ObjectId, required: true },
      brand: { type: String, required: true },
      minutes: { type: Number, required: true },
      checkInAt: { type: Date, default: null },
      checkOutAt: { type: Date, default: null },
      confirmedBy: { type: Schema.Types.ObjectId, required: true },
      confirmedAt: { type: Date, required: true },
    },
    { collection: 'serviceRecords', versionKey: false },
  )
    .index({ shiftId: 1, personId: 1 }, { unique: true })
    .index({ personId: 1 }),
);
