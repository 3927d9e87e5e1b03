import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * A correction of a confirmed service record (更正): a new record naming the one it corrects and its
 * revision (1, 2…); the original and earlier corrections stay as they were. The unique
 * (recordId, revision) index lets one of two concurrent correctors win.
 */
export interface ServiceRecordCorrection {
  _id: Types.ObjectId;
  recordId: Types.ObjectId;
  personId: Types.ObjectId;
  revision: number;
  previousMinutes: number;
  minutes: number;
  reason: string;
  correctedBy: Types.ObjectId;
  at: Date;
}

export const ServiceRecordCorrectionModel = defineModel<ServiceRecordCorrection>(
  'ServiceRecordCorrection',
  new Schema<ServiceRecordCorrection>(
    {
      recordId: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true, index: true },
      revision: { type: Number, required: true },
      previousMinutes: { type: Number, required: true },
      minutes: { type: Number, required: true },
      reason: { type: String, required: true },
      correctedBy: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'serviceRecordCorrections', versionKey: false },
  ).index({ recordId: 1, revision: 1 }, { unique: true }),
);

/** Star thresholds (hours) set for one org node; `_id` is the node. The nearest ancestor's setting wins. */
export interface StarSetting {
  _id: Types.ObjectId;
  thresholds: number[];
  updatedBy: Types.ObjectId;
  updatedAt: Date;
}

export const StarSettingModel = defineModel<StarSetting>(
  'StarSetting',
  new Schema<StarSetting>(
    {
      thresholds: { type: [Number], required: true },
      updatedBy: { type: Schema.Types.ObjectId, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'starSettings', versionKey: false },
  ),
);

/** One line of a certificate, frozen at issue: the paper says what the records said that day. */
export interface CertificateLine {
  date: string;
  title: string;
  organiser: string;
  minutes: number;
}

/**
 * An issued service-record certificate (志愿服务记录证明). `_id` is the code printed on it and in
 * its QR code; anyone can check it. What it certifies is frozen at issue.
 */
export interface Certificate {
  _id: string;
  personId: Types.ObjectId;
  personName: string;
  issuerId: Types.ObjectId;
  issuerName: string;
  totalMinutes: number;
  star: string;
  lines: CertificateLine[];
  issuedAt: Date;
}

export const CertificateModel = defineModel<Certificate>(
  'Certificate',
  new Schema<Certificate>(
    {
      _id: { type: String, required: true },
      personId: { type: Schema.Types.ObjectId, required: true, index: true },
      personName: { type: String, required: true },
      issuerId: { type: Schema.Types.ObjectId, required: true },
      issuerName: { type: String, required: true },
      totalMinutes: { type: Number, required: true },
      star: { type: String, required: true },
      lines: {
        type: [
          new Schema<CertificateLine>(
            { date: String, title: String, organiser: String, minutes: Number },
            { _id: false },
          ),
        ],
        default: [],
      },
      issuedAt: { type: Date, required: true },
    },
    { collection: 'certificates', versionKey: false },
  ),
);
