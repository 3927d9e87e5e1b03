import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * A need linked to a project. UNIQUE (needId) holds "a need belongs to one project at most",
 * even when two staff link it to two projects at once; UNIQUE (projectId, needId) says the same
 * per project (and serves the project's list of needs).
 */
export interface ProjectNeed {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  needId: Types.ObjectId;
  linkedBy: Types.ObjectId;
  linkedAt: Date;
}

export const ProjectNeedModel = defineModel<ProjectNeed>(
  'ProjectNeed',
  new Schema<ProjectNeed>(
    {
      projectId: { type: Schema.Types.ObjectId, required: true },
      needId: { type: Schema.Types.ObjectId, required: true },
      linkedBy: { type: Schema.Types.ObjectId, required: true },
      linkedAt: { type: Date, required: true },
    },
    { collection: 'projectNeeds', versionKey: false },
  )
    .index({ projectId: 1, needId: 1 }, { unique: true })
    .index({ needId: 1 }, { unique: true }),
);
