import { Schema, Types } from 'mongoose';
import { ORG_EVENT_ACTIONS, type OrgEventAction, type OrgSubjectKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * One change of the org tree or of a resident unit (insert-only): who, in what role, when, what it
 * was before and after, and why. `nodeIds` holds the subject and, for a merge or close, the target,
 * so both nodes' histories list it with one top-level equality.
 */
export interface OrgEvent {
  /** `<subject>:create` for a creation (a retried create records it once), else a fresh id. */
  _id: string;
  subjectKind: OrgSubjectKind;
  subjectId: Types.ObjectId;
  nodeIds: Types.ObjectId[];
  action: OrgEventAction;
  actorId: Types.ObjectId | null;
  actorName: string;
  actorRole: string;
  at: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  /** 'api' (the admin pages) or 'import' (the org-tree template). */
  source: 'api' | 'import';
}

export const OrgEventModel = defineModel<OrgEvent>(
  'OrgEvent',
  new Schema<OrgEvent>(
    {
      _id: { type: String, required: true },
      subjectKind: { type: String, required: true },
      subjectId: { type: Schema.Types.ObjectId, required: true },
      nodeIds: { type: [Schema.Types.ObjectId], required: true },
      action: { type: String, enum: ORG_EVENT_ACTIONS, required: true },
      actorId: { type: Schema.Types.ObjectId, default: null },
      actorName: { type: String, required: true },
      actorRole: { type: String, required: true },
      at: { type: Date, required: true },
      before: { type: Schema.Types.Mixed, default: null },
      after: { type: Schema.Types.Mixed, default: null },
      reason: { type: String, default: null },
      source: { type: String, enum: ['api', 'import'], required: true },
    },
    { collection: 'orgEvents', versionKey: false, minimize: false },
  ).index({ nodeIds: 1, at: -1 }),
);
