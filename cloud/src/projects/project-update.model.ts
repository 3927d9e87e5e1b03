import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** A public progress note of a project (公开进展), shown to the community. */
export interface ProjectUpdate {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  text: string;
  /** Upload ids. */
  photos: Types.ObjectId[];
  at: Date;
  authorId: Types.ObjectId;
  authorName: string;
  authorRole: string;
  /** 内容安全: WeChat could not judge the text; staff should look. */
  contentReview?: 'pending';
}

export const ProjectUpdateModel = defineModel<ProjectUpdate>(
  'ProjectUpdate',
  new Schema<ProjectUpdate>(
    {
      projectId: { type: Schema.Types.ObjectId, required: true },
      text: { type: String, required: true },
      photos: { type: [Schema.Types.ObjectId], default: [] },
      at: { type: Date, required: true },
      authorId: { type: Schema.Types.ObjectId, required: true },
      authorName: { type: String, required: true },
      authorRole: { type: String, required: true },
      contentReview: { type: String, enum: ['pending'] },
    },
    { collection: 'projectUpdates', versionKey: false },
  ).index({ projectId: 1, at: -1 }),
);
