import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * One 督办 of one target: inserted first, so the unique (whistleId, targetKey, hour) index lets one
 * reminder per target per hour through — two supervisors tapping at once, or one tapping twice, get
 * one reminder and one refusal. It holds what the follow-up (timeline entry, messages) needs, so a
 * retry after a crash in between completes that follow-up instead of losing it.
 */
export interface WhistleReminder {
  _id: Types.ObjectId;
  whistleId: Types.ObjectId;
  targetKey: string;
  /** Whole hours since the epoch of `at`: the time bucket the unique index holds. */
  hour: number;
  actorId: Types.ObjectId;
  actorRole: string;
  note: string | null;
  at: Date;
}

export const WhistleReminderModel = defineModel<WhistleReminder>(
  'WhistleReminder',
  new Schema<WhistleReminder>(
    {
      whistleId: { type: Schema.Types.ObjectId, required: true },
      targetKey: { type: String, required: true },
      hour: { type: Number, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      actorRole: { type: String, required: true },
      note: { type: String, default: null },
      at: { type: Date, required: true },
    },
    { collection: 'whistleReminders', versionKey: false },
  ).index({ whistleId: 1, targetKey: 1, hour: 1 }, { unique: true }),
);
