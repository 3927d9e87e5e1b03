import { Schema, Types } from 'mongoose';
import {
  MENU_CATEGORY_CODES,
  NEED_STATUSES,
  ROUTE_KINDS,
  type MenuCategoryCode,
  type NeedStatus,
  type RouteKind,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

export interface NeedRouteDoc {
  kind: RouteKind;
  targetId: Types.ObjectId;
  /** Events only: the target's name when it was dispatched, so the timeline tells what happened then. */
  title?: string | null;
}

export interface NeedAssigneeDoc {
  id: Types.ObjectId;
  /** As residents read it: 刘明律师. */
  name: string;
}

export interface NeedRatingDoc {
  stars: number;
  comment: string;
}

/**
 * The fields of a need that follow from its events (need-event.model.ts): a projection for lists
 * and filters, recomputable from the timeline (see need-projection.ts).
 */
export interface NeedProjection {
  status: NeedStatus;
  /** The last event's seq this projection reflects. */
  seq: number;
  route: NeedRouteDoc | null;
  rating: NeedRatingDoc | null;
  reopenedOnce: boolean;
  /** The staff member who last accepted or dispatched it: the one who sees the phone in full. */
  handlerId: Types.ObjectId | null;
  rejectReason: string | null;
  /** The service person it is dispatched to (待我服务); cleared when they decline or it is reopened. */
  assigneeId: Types.ObjectId | null;
  assigneeName: string | null;
  /** The last decline, until the need is dispatched again: who (as named) and why. Staff read it. */
  declinedBy: string | null;
  declineReason: string | null;
  /** Photos of every completion: who may see them follows the need. */
  resultPhotos: Types.ObjectId[];
  submittedAt: Date;
  acceptedAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  dueAcceptAt: Date;
  dueCompleteAt: Date | null;
  /** The limit that runs in the current status; far future when none does (sorts last, never overdue). */
  dueAt: Date;
}

/** 需求 / 点单: an order from the menu (or 其他) by a resident, with its place in the org tree. */
export interface Need extends NeedProjection {
  _id: Types.ObjectId;
  owner: Types.ObjectId;
  /** Set when a grid worker ordered for a resident. */
  onBehalfOf: { name: string; phone: string } | null;
  menuItemId: Types.ObjectId | null;
  categoryCode: MenuCategoryCode;
  /** The item's name at ordering time, or the resident's words for 其他. */
  title: string;
  otherText: string | null;
  description: string;
  /** 内容安全: WeChat could not judge its text (unreachable, or `review`): staff should look (cloud/src/wechat/content-guard.ts). */
  contentReview?: 'pending';
  preferredTime: Date | null;
  place: Place;
  /** `placeKeysOf(place)` (core/place-keys.ts): what the inbox scopes by, pushed down to PostgreSQL. */
  placeKeys: string[];
  /** e.g. 南门小区 1号楼, kept so lists need no lookups. */
  placeLabel: string;
  /** Full number; masked in responses except to the owner and the handler. */
  contactPhone: string;
  photos: Types.ObjectId[];
  answers: Record<string, string | number | string[]>;
  /** The item's time limits at ordering time (later menu edits do not move running limits). */
  limits: { acceptHours: number; completeHours: number };
}

const routeSchema = new Schema<NeedRouteDoc>(
  {
    kind: { type: String, enum: ROUTE_KINDS, required: true },
    targetId: { type: Schema.Types.ObjectId, required: true },
  },
  { _id: false },
);
const ratingSchema = new Schema<NeedRatingDoc>(
  { stars: { type: Number, required: true }, comment: { type: String, default: '' } },
  { _id: false },
);

export const NeedModel = defineModel<Need>(
  'Need',
  new Schema<Need>(
    {
      owner: { type: Schema.Types.ObjectId, required: true },
      onBehalfOf: { type: new Schema({ name: String, phone: String }, { _id: false }), default: null },
      menuItemId: { type: Schema.Types.ObjectId, default: null },
      categoryCode: { type: String, enum: MENU_CATEGORY_CODES, required: true },
      title: { type: String, required: true },
      otherText: { type: String, default: null },
      description: { type: String, required: true },
      contentReview: { type: String, enum: ['pending'] },
      preferredTime: { type: Date, default: null },
      place: { type: placeSchema, required: true },
      placeKeys: { type: [String], required: true },
      placeLabel: { type: String, required: true },
      contactPhone: { type: String, required: true },
      photos: { type: [Schema.Types.ObjectId], default: [] },
      answers: { type: Schema.Types.Mixed, default: {} },
      limits: {
        acceptHours: { type: Number, required: true },
        completeHours: { type: Number, required: true },
      },
      status: { type: String, enum: NEED_STATUSES, required: true },
      seq: { type: Number, required: true },
      route: { type: routeSchema, default: null },
      rating: { type: ratingSchema, default: null },
      reopenedOnce: { type: Boolean, default: false },
      handlerId: { type: Schema.Types.ObjectId, default: null },
      rejectReason: { type: String, default: null },
      assigneeId: { type: Schema.Types.ObjectId, default: null },
      assigneeName: { type: String, default: null },
      declinedBy: { type: String, default: null },
      declineReason: { type: String, default: null },
      resultPhotos: { type: [Schema.Types.ObjectId], default: [] },
      submittedAt: { type: Date, required: true },
      acceptedAt: { type: Date, default: null },
      completedAt: { type: Date, default: null },
      closedAt: { type: Date, default: null },
      dueAcceptAt: { type: Date, required: true },
      dueCompleteAt: { type: Date, default: null },
      dueAt: { type: Date, required: true },
    },
    { collection: 'needs', versionKey: false, minimize: false },
  )
    .index({ 'place.communityId': 1, status: 1, submittedAt: -1 })
    // The inbox's scope; its first key is what the GIN step (core/pg-indexes.ts) indexes.
    .index({ placeKeys: 1, status: 1, dueAt: 1 })
    .index({ 'place.gridId': 1, status: 1 })
    .index({ owner: 1, submittedAt: -1 })
    .index({ status: 1, completedAt: 1 })
    .index({ photos: 1 })
    // 待我服务: the assignee's list (top-level equality, pushed down to PostgreSQL).
    .index({ assigneeId: 1, status: 1, dueAt: 1 }),
);
