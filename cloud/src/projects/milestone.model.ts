import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** A step of a project with its own progress; the project's progress is their mean. */
export interface Milestone {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  title: string;
  /** YYYY-MM-DD: a day, not an instant. */
  due: string;
  progress: number;
  /** When progress reached 100; cleared if it drops again. */
  doneAt: Date | null;
  createdAt: Date;
}

export const MilestoneModel = defineModel<Milestone>(
  'Milestone',
  new Schema<Milestone>(
    {
      projectId: { type: Schema.Types.ObjectId, required: true },
      title: { type: String, required: true },
      due: { type: String, required: true },
      progress: { type: Number, required: true, min: 0, max: 100 },
      doneAt: { type: Date, default: null },
      createdAt: { type: Date, required: true },
    },
    { collection: 'milestones', versionKey: false },
  ).index({ projectId: 1, due: 1 }),
);
