import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** An in-app message to one user (消息): a need dispatched to them, a seat freed up, an activity cancelled. */
export interface Notification {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  kind: string;
  text: string;
  /** What it is about, e.g. { needId } or { activityId, shiftId }. */
  refs: Record<string, string>;
  createdAt: Date;
  readAt: Date | null;
}

export const NotificationModel = defineModel<Notification>(
  'Notification',
  new Schema<Notification>(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      kind: { type: String, required: true },
      text: { type: String, required: true },
      refs: { type: Schema.Types.Mixed, default: {} },
      createdAt: { type: Date, required: true },
      readAt: { type: Date, default: null },
    },
    { collection: 'notifications', versionKey: false, minimize: false },
  ).index({ userId: 1, createdAt: -1 }),
);
