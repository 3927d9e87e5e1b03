import { Schema } from 'mongoose';
import { POINTS_EARN_KINDS, type PointsEarnKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** A county-wide points rule (积分规则); a kind without a document uses DEFAULT_POINTS_RULES. */
export interface PointsRuleDoc {
  _id: PointsEarnKind;
  points: number;
  yearlyExpectation: number;
  yearlyCap: number;
  updatedAt: Date;
}

export const PointsRuleModel = defineModel<PointsRuleDoc>(
  'PointsRule',
  new Schema<PointsRuleDoc>(
    {
      _id: { type: String, enum: POINTS_EARN_KINDS, required: true },
      points: { type: Number, required: true },
      yearlyExpectation: { type: Number, required: true },
      yearlyCap: { type: Number, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'pointsRules', versionKey: false },
  ),
);
