import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * Collection `partyStudySessions`: a branch's 学习 (三会一课, 主题党日…) as a 党务 staff member recorded
 * it. Attendees are members with an account (`userIds` lines up with `memberIds`): each earns
 * studySession points once, keyed by session and member (points/ledger.ts).
 */
export interface StudySessionDoc {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  placeId: Types.ObjectId;
  streetId: Types.ObjectId;
  /** YYYY-MM-DD (China). */
  date: string;
  topic: string;
  memberIds: Types.ObjectId[];
  userIds: Types.ObjectId[];
  recordedBy: Types.ObjectId;
  recordedAt: Date;
}

export const StudySessionModel = defineModel<StudySessionDoc>(
  'StudySession',
  new Schema<StudySessionDoc>(
    {
      branchId: { type: Schema.Types.ObjectId, required: true, index: true },
      placeId: { type: Schema.Types.ObjectId, required: true, index: true },
      streetId: { type: Schema.Types.ObjectId, required: true },
      date: { type: String, required: true },
      topic: { type: String, required: true },
      memberIds: { type: [Schema.Types.ObjectId], required: true },
      userIds: { type: [Schema.Types.ObjectId], required: true, index: true },
      recordedBy: { type: Schema.Types.ObjectId, required: true },
      recordedAt: { type: Date, required: true },
    },
    { collection: 'partyStudySessions', versionKey: false },
  ),
);
