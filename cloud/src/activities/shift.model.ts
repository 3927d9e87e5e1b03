import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** A time slot of an activity with a number of seats (班次 / 名额). */
export interface Shift {
  _id: Types.ObjectId;
  activityId: Types.ObjectId;
  start: Date;
  end: Date;
  seats: number;
  /** Claims close, and giving a seat back needs the organiser, this many hours before the start. */
  cutoffHours: number;
  /** Mixed into the check-in code, so one shift's codes say nothing about another's. Never sent out. */
  codeSecret: string;
  createdAt: Date;
}

export const ShiftModel = defineModel<Shift>(
  'Shift',
  new Schema<Shift>(
    {
      activityId: { type: Schema.Types.ObjectId, required: true },
      start: { type: Date, required: true },
      end: { type: Date, required: true },
      seats: { type: Number, required: true },
      cutoffHours: { type: Number, required: true },
      codeSecret: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'shifts', versionKey: false },
  )
    .index({ activityId: 1, start: 1 })
    .index({ start: 1 }),
);
