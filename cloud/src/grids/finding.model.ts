import { Schema, Types } from 'mongoose';
import {
  FINDING_CATEGORIES,
  FINDING_OUTCOMES,
  FINDING_STATUSES,
  type FindingCategory,
  type FindingOutcome,
  type FindingStatus,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/** The finding's outcome as last projected from its findingConversions record (see finding-conversion.model.ts). */
export interface FindingOutcomeDoc {
  kind: FindingOutcome;
  targetId: Types.ObjectId | null;
  at: Date;
  by: Types.ObjectId;
  note: string | null;
}

/** 巡查发现: a problem found on a patrol. Its status is a projection of its outcome and closing. */
export interface Finding {
  _id: Types.ObjectId;
  patrolId: Types.ObjectId;
  /** Where it was found: a complex or building of the grid, or the grid itself. */
  place: Place;
  /** The most precise org node of `place` and its label (南门小区 1号楼). */
  placeId: Types.ObjectId;
  placeLabel: string;
  category: FindingCategory;
  description: string;
  /** 内容安全: WeChat could not judge its text (unreachable, or `review`): staff should look (cloud/src/wechat/content-guard.ts). */
  contentReview?: 'pending';
  photos: Types.ObjectId[];
  location: { lat: number; lng: number } | null;
  reportedBy: Types.ObjectId;
  foundAt: Date;
  status: FindingStatus;
  outcome: FindingOutcomeDoc | null;
  closedAt: Date | null;
  closedBy: Types.ObjectId | null;
  closeNote: string | null;
}

const outcomeSchema = new Schema<FindingOutcomeDoc>(
  {
    kind: { type: String, enum: FINDING_OUTCOMES, required: true },
    targetId: { type: Schema.Types.ObjectId, default: null },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    note: { type: String, default: null },
  },
  { _id: false },
);

export const FindingModel = defineModel<Finding>(
  'Finding',
  new Schema<Finding>(
    {
      patrolId: { type: Schema.Types.ObjectId, required: true, index: true },
      place: { type: placeSchema, required: true },
      placeId: { type: Schema.Types.ObjectId, required: true },
      placeLabel: { type: String, required: true },
      category: { type: String, enum: FINDING_CATEGORIES, required: true },
      description: { type: String, required: true },
      contentReview: { type: String, enum: ['pending'] },
      photos: { type: [Schema.Types.ObjectId], default: [] },
      location: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: null },
      reportedBy: { type: Schema.Types.ObjectId, required: true },
      foundAt: { type: Date, required: true },
      status: { type: String, enum: FINDING_STATUSES, required: true },
      outcome: { type: outcomeSchema, default: null },
      closedAt: { type: Date, default: null },
      closedBy: { type: Schema.Types.ObjectId, default: null },
      closeNote: { type: String, default: null },
    },
    { collection: 'patrolFindings', versionKey: false },
  )
    .index({ 'place.communityId': 1, status: 1, foundAt: -1 })
    .index({ 'place.gridId': 1, status: 1, foundAt: -1 })
    .index({ photos: 1 }),
);
