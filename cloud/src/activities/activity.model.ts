import { Schema, Types } from 'mongoose';
import {
  ACTIVITY_FORMATS,
  ACTIVITY_STATUSES,
  BRAND_CODES,
  MENU_CATEGORY_CODES,
  TEAM_CODES,
  type ActivityFormat,
  type ActivityStatus,
  type BrandCode,
  type MenuCategoryCode,
  type TeamCode,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/** A volunteer activity (活动清单). Its shifts hold the seats. */
export interface Activity {
  _id: Types.ObjectId;
  title: string;
  brand: BrandCode;
  categoryCode: MenuCategoryCode;
  team: TeamCode | null;
  /** A resident unit organising it; null: the community itself. */
  organiserUnitId: Types.ObjectId | null;
  /** The org node chosen as the place, and the place derived from it (scopes every query). */
  placeId: Types.ObjectId;
  place: Place;
  address: string;
  description: string;
  format: ActivityFormat;
  status: ActivityStatus;
  cancelReason: string | null;
  /** Projection of the shifts (earliest start, latest end), recomputed after each shift change. */
  startsAt: Date | null;
  endsAt: Date | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export const ActivityModel = defineModel<Activity>(
  'Activity',
  new Schema<Activity>(
    {
      title: { type: String, required: true },
      brand: { type: String, enum: BRAND_CODES, required: true },
      categoryCode: { type: String, enum: MENU_CATEGORY_CODES, required: true },
      team: { type: String, enum: [...TEAM_CODES, null], default: null },
      organiserUnitId: { type: Schema.Types.ObjectId, default: null, index: true },
      placeId: { type: Schema.Types.ObjectId, required: true },
      place: { type: placeSchema, required: true },
      address: { type: String, required: true },
      description: { type: String, default: '' },
      format: { type: String, enum: ACTIVITY_FORMATS, required: true },
      status: { type: String, enum: ACTIVITY_STATUSES, required: true },
      cancelReason: { type: String, default: null },
      startsAt: { type: Date, default: null },
      endsAt: { type: Date, default: null },
      createdBy: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'activities', versionKey: false },
  )
    .index({ 'place.communityId': 1, status: 1, startsAt: 1 })
    .index({ brand: 1 }),
);
