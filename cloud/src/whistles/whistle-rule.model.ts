import { Schema, Types } from 'mongoose';
import {
  WHISTLE_RULE_CATEGORIES,
  WHISTLE_TYPES,
  type WhistleLimitTable,
  type WhistleRuleCategory,
  type WhistleType,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** Time limits of one whistle type (category `default`) or one type and category; `_id` is `${type}:${category}`. */
export interface WhistleRule {
  _id: string;
  type: WhistleType;
  category: WhistleRuleCategory;
  limits: WhistleLimitTable;
  updatedBy: Types.ObjectId | null;
  updatedAt: Date;
}

export function whistleRuleId(type: WhistleType, category: WhistleRuleCategory): string {
  return `${type}:${category}`;
}

const limits = new Schema(
  { reportMinutes: { type: Number, required: true }, resolveMinutes: { type: Number, required: true } },
  { _id: false },
);

export const WhistleRuleModel = defineModel<WhistleRule>(
  'WhistleRule',
  new Schema<WhistleRule>(
    {
      _id: { type: String, required: true },
      type: { type: String, enum: WHISTLE_TYPES, required: true },
      category: { type: String, enum: WHISTLE_RULE_CATEGORIES, required: true },
      limits: {
        emergency: { type: limits, required: true },
        urgent: { type: limits, required: true },
        normal: { type: limits, required: true },
      },
      updatedBy: { type: Schema.Types.ObjectId, default: null },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'whistleRules', versionKey: false },
  ),
);
