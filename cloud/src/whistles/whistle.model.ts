import { Schema, Types } from 'mongoose';
import {
  WHISTLE_CATEGORY_CODES,
  WHISTLE_ORIGIN_KINDS,
  WHISTLE_STATUSES,
  WHISTLE_TARGET_KINDS,
  WHISTLE_TARGET_STATUSES,
  WHISTLE_TYPES,
  WHISTLE_URGENCIES,
  type WhistleCategory,
  type WhistleOriginKind,
  type WhistleStatus,
  type WhistleTargetKind,
  type WhistleTargetStatus,
  type WhistleType,
  type WhistleUrgency,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * Where a whistle is. Like core/place.ts's Place, but a street-level whistle (街道吹哨) has no
 * community: communityId may be null. Scoped by the same `place.*` filters (core/place.ts placeScope).
 */
export interface WhistlePlace {
  streetId: Types.ObjectId;
  communityId: Types.ObjectId | null;
  gridId: Types.ObjectId | null;
  complexId: Types.ObjectId | null;
  buildingId: Types.ObjectId | null;
}

/** What follows from a target's events (whistle-projection.ts): recomputable, never the truth. */
export interface WhistleTargetProjection {
  status: WhistleTargetStatus;
  /** The last event's seq of this target. */
  seq: number;
  reportedAt: Date | null;
  reportedBy: Types.ObjectId | null;
  /** The latest resolution (a sent-back target resolves again). */
  resolvedAt: Date | null;
  result: string | null;
  resultPhotos: Types.ObjectId[];
  confirmedAt: Date | null;
  satisfaction: number | null;
  sendBacks: number;
  lastSendBackReason: string | null;
  escalationLevel: number;
}

/** One target of a whistle: the org that must report (a street, a department; party members: their community). */
export interface WhistleTarget extends WhistleTargetProjection {
  orgId: Types.ObjectId;
  kind: WhistleTargetKind;
  name: string;
  /** The limits it was blown with (later rule edits do not move running limits). */
  limits: { reportMinutes: number; resolveMinutes: number };
  reportDueAt: Date;
  resolveDueAt: Date;
}

/** The whistle-level fields that follow from the targets. */
export interface WhistleProjection {
  targets: WhistleTarget[];
  status: WhistleStatus;
  /** The earliest running limit of any target; far future when none runs (never overdue). */
  dueAt: Date;
  /** When the sweep must look at it next: the earliest escalation due; far future when none. */
  nextEscalationAt: Date;
  /** Events folded into this projection (all targets): a mismatch means a lost write to repair. */
  eventCount: number;
}

/** 吹哨: a problem a community, grid, street or project cannot solve, sent to one or more targets. */
export interface Whistle extends WhistleProjection {
  _id: Types.ObjectId;
  type: WhistleType;
  urgency: WhistleUrgency;
  category: WhistleCategory;
  title: string;
  description: string;
  /** 内容安全: WeChat could not judge its text (unreachable, or `review`): staff should look (cloud/src/wechat/content-guard.ts). */
  contentReview?: 'pending';
  photos: Types.ObjectId[];
  origin: { kind: WhistleOriginKind; refId: Types.ObjectId; name: string };
  place: WhistlePlace;
  placeLabel: string;
  subject: { kind: 'need' | 'finding' | 'text'; refId: Types.ObjectId | null };
  blownBy: Types.ObjectId;
  blownByRole: string;
  blownAt: Date;
  /** The China month of blownAt, `2026-11`: FerretDB hands this equality to PostgreSQL, a date range it never does. */
  blownMonth: string;
  volunteerCall: { activityId: Types.ObjectId; shiftId: Types.ObjectId | null } | null;
  /** `${kind}:${orgId}` of every target: scoping by one equality on a plain array. */
  targetKeys: string[];
}

export function targetKeyOf(t: Pick<WhistleTarget, 'kind' | 'orgId'>): string {
  return `${t.kind}:${String(t.orgId)}`;
}

const oid = Schema.Types.ObjectId;

const placeSchema = new Schema<WhistlePlace>(
  {
    streetId: { type: oid, required: true },
    communityId: { type: oid, default: null },
    gridId: { type: oid, default: null },
    complexId: { type: oid, default: null },
    buildingId: { type: oid, default: null },
  },
  { _id: false },
);

const targetSchema = new Schema<WhistleTarget>(
  {
    orgId: { type: oid, required: true },
    kind: { type: String, enum: WHISTLE_TARGET_KINDS, required: true },
    name: { type: String, required: true },
    limits: {
      reportMinutes: { type: Number, required: true },
      resolveMinutes: { type: Number, required: true },
    },
    reportDueAt: { type: Date, required: true },
    resolveDueAt: { type: Date, required: true },
    status: { type: String, enum: WHISTLE_TARGET_STATUSES, required: true },
    seq: { type: Number, required: true },
    reportedAt: { type: Date, default: null },
    reportedBy: { type: oid, default: null },
    resolvedAt: { type: Date, default: null },
    result: { type: String, default: null },
    resultPhotos: { type: [oid], default: [] },
    confirmedAt: { type: Date, default: null },
    satisfaction: { type: Number, default: null },
    sendBacks: { type: Number, default: 0 },
    lastSendBackReason: { type: String, default: null },
    escalationLevel: { type: Number, default: 0 },
  },
  { _id: false },
);

export const WhistleModel = defineModel<Whistle>(
  'Whistle',
  new Schema<Whistle>(
    {
      type: { type: String, enum: WHISTLE_TYPES, required: true },
      urgency: { type: String, enum: WHISTLE_URGENCIES, required: true },
      category: { type: String, enum: WHISTLE_CATEGORY_CODES, required: true },
      title: { type: String, required: true },
      description: { type: String, required: true },
      contentReview: { type: String, enum: ['pending'] },
      photos: { type: [oid], default: [] },
      origin: {
        type: new Schema(
          {
            kind: { type: String, enum: WHISTLE_ORIGIN_KINDS, required: true },
            refId: { type: oid, required: true },
            name: { type: String, required: true },
          },
          { _id: false },
        ),
        required: true,
      },
      place: { type: placeSchema, required: true },
      placeLabel: { type: String, required: true },
      subject: {
        type: new Schema(
          {
            kind: { type: String, enum: ['need', 'finding', 'text'], required: true },
            refId: { type: oid, default: null },
          },
          { _id: false },
        ),
        required: true,
      },
      blownBy: { type: oid, required: true },
      blownByRole: { type: String, required: true },
      blownAt: { type: Date, required: true },
      blownMonth: { type: String, required: true },
      volunteerCall: {
        type: new Schema(
          { activityId: { type: oid, required: true }, shiftId: { type: oid, default: null } },
          { _id: false },
        ),
        default: null,
      },
      targets: { type: [targetSchema], required: true },
      targetKeys: { type: [String], required: true },
      status: { type: String, enum: WHISTLE_STATUSES, required: true },
      dueAt: { type: Date, required: true },
      nextEscalationAt: { type: Date, required: true },
      eventCount: { type: Number, required: true },
    },
    { collection: 'whistles', versionKey: false, minimize: false },
  )
    .index({ targetKeys: 1, blownAt: -1 })
    .index({ 'place.communityId': 1, blownAt: -1 })
    .index({ 'place.streetId': 1, blownAt: -1 })
    .index({ 'place.gridId': 1, blownAt: -1 })
    .index({ blownAt: -1 })
    .index({ blownMonth: 1, blownAt: -1 })
    .index({ status: 1, nextEscalationAt: 1 })
    .index({ dueAt: 1 })
    .index({ 'subject.refId': 1 })
    .index({ photos: 1 }),
);
