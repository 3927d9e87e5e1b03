import { Schema, Types } from 'mongoose';
import { EVALUATION_RATINGS, type EvaluationRating } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** 双报到 posts (岗位) a community offers in-service members. */
export interface RegistrationPostDoc {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  name: string;
  description: string;
  order: number;
}

export const RegistrationPostModel = defineModel<RegistrationPostDoc>(
  'RegistrationPost',
  new Schema<RegistrationPostDoc>(
    {
      communityId: { type: Schema.Types.ObjectId, required: true, index: true },
      name: { type: String, required: true },
      description: { type: String, default: '' },
      order: { type: Number, default: 0 },
    },
    { collection: 'registrationPosts', versionKey: false },
  ),
);

/** 双报到: one per member (the user id is the key, so a double tap cannot register twice). */
export interface RegistrationDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  communityId: Types.ObjectId;
  streetId: Types.ObjectId;
  postId: Types.ObjectId;
  /** The work unit the year-end report goes back to. */
  unitId: Types.ObjectId;
  /** Encrypted: a registration says the person is a party member. */
  nameEnc: string;
  registeredAt: Date;
}

export const RegistrationModel = defineModel<RegistrationDoc>(
  'Registration',
  new Schema<RegistrationDoc>(
    {
      userId: { type: Schema.Types.ObjectId, required: true, unique: true },
      communityId: { type: Schema.Types.ObjectId, required: true, index: true },
      streetId: { type: Schema.Types.ObjectId, required: true },
      postId: { type: Schema.Types.ObjectId, required: true },
      unitId: { type: Schema.Types.ObjectId, required: true, index: true },
      nameEnc: { type: String, required: true },
      registeredAt: { type: Date, required: true },
    },
    { collection: 'registrations', versionKey: false },
  ),
);

/** 双报告: the community's year-end evaluation of a registered member; `_id` is `<registration>:<year>`. */
export interface EvaluationDoc {
  _id: string;
  registrationId: Types.ObjectId;
  unitId: Types.ObjectId;
  communityId: Types.ObjectId;
  year: number;
  rating: EvaluationRating;
  comment: string;
  evaluatorId: Types.ObjectId;
  at: Date;
  /** 内容安全: WeChat could not judge the comment; staff should look. */
  contentReview?: 'pending';
}

export const EvaluationModel = defineModel<EvaluationDoc>(
  'Evaluation',
  new Schema<EvaluationDoc>(
    {
      _id: { type: String, required: true },
      registrationId: { type: Schema.Types.ObjectId, required: true },
      unitId: { type: Schema.Types.ObjectId, required: true },
      communityId: { type: Schema.Types.ObjectId, required: true },
      year: { type: Number, required: true },
      rating: { type: String, enum: EVALUATION_RATINGS, required: true },
      comment: { type: String, required: true },
      evaluatorId: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
      contentReview: { type: String, enum: ['pending'] },
    },
    { collection: 'evaluations', versionKey: false },
  ).index({ unitId: 1, year: 1 }),
);
