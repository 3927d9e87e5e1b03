import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * Collection `homeMoves`: every change of where a person lives (joining a community, moving), insert
 * only. The user's `orgId`/`communityId` is the current home; this is its history. Records made
 * before a move (needs, bookings) keep the place they were made for.
 */
export interface HomeMove {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** null for the first join. */
  from: { orgId: Types.ObjectId; communityId: Types.ObjectId | null } | null;
  to: { orgId: Types.ObjectId; communityId: Types.ObjectId };
  at: Date;
}

const placeSchema = new Schema(
  { orgId: { type: Schema.Types.ObjectId, required: true }, communityId: { type: Schema.Types.ObjectId } },
  { _id: false },
);

export const HomeMoveModel = defineModel<HomeMove>(
  'HomeMove',
  new Schema<HomeMove>(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      from: { type: placeSchema, default: null },
      to: { type: placeSchema, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'homeMoves', versionKey: false },
  ).index({ userId: 1, at: -1 }),
);

/**
 * Collection `recordLinks`: which WeChat sign-in claimed which imported record (by the ID number's
 * blind index). `_id` is the blind index and `fromUserId` is unique, so a record is claimed by one
 * account and an account claims one record, held by the insert itself (two simultaneous links: one wins).
 */
export interface RecordLink {
  _id: string;
  /** The account that asked (the bare WeChat account). */
  fromUserId: Types.ObjectId;
  /** The person from then on: the imported user, or the asking account itself when the record is a roster entry only. */
  userId: Types.ObjectId;
  at: Date;
}

export const RecordLinkModel = defineModel<RecordLink>(
  'RecordLink',
  new Schema<RecordLink>(
    {
      _id: { type: String, required: true },
      fromUserId: { type: Schema.Types.ObjectId, required: true, unique: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'recordLinks', versionKey: false },
  ),
);

/**
 * Collection `recordLinkAttempts`: one insert per attempt, `_id` = `<userId>:<China date>:<n>` with
 * n in 1..LINK_ATTEMPTS_PER_DAY. An attempt takes the first free n; none free means the day's limit
 * is reached. Inserts against the primary key hold the limit under concurrent attempts.
 */
export interface RecordLinkAttempt {
  _id: string;
  userId: Types.ObjectId;
  at: Date;
}

export const RecordLinkAttemptModel = defineModel<RecordLinkAttempt>(
  'RecordLinkAttempt',
  new Schema<RecordLinkAttempt>(
    {
      _id: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true, index: true },
      at: { type: Date, required: true },
    },
    { collection: 'recordLinkAttempts', versionKey: false },
  ),
);
