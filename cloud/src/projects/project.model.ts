import { Schema, Types } from 'mongoose';
import {
  MENU_CATEGORY_CODES,
  PROJECT_EVENT_ACTIONS,
  PROJECT_LEVELS,
  PROJECT_STATUSES,
  type MenuCategoryCode,
  type ProjectEventAction,
  type ProjectLevel,
  type ProjectStatus,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/** A public-benefit project (项目清单), built from needs of one category. */
export interface Project {
  _id: Types.ObjectId;
  title: string;
  goal: string;
  categoryCode: MenuCategoryCode;
  level: ProjectLevel;
  /** For a street project: the lead community's place. */
  place: Place;
  /** Integer fen. */
  budgetFen: number;
  responsibleUnitIds: Types.ObjectId[];
  /** Projection of the last event (see ProjectEvent): recomputable, never the source of truth. */
  status: ProjectStatus;
  seq: number;
  cancelReason: string | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
  openedAt: Date | null;
  deliveredAt: Date | null;
}

export const ProjectModel = defineModel<Project>(
  'Project',
  new Schema<Project>(
    {
      title: { type: String, required: true },
      goal: { type: String, required: true },
      categoryCode: { type: String, enum: MENU_CATEGORY_CODES, required: true },
      level: { type: String, enum: PROJECT_LEVELS, required: true },
      place: { type: placeSchema, required: true },
      budgetFen: { type: Number, required: true, min: 0 },
      responsibleUnitIds: { type: [Schema.Types.ObjectId], default: [] },
      status: { type: String, enum: PROJECT_STATUSES, required: true },
      seq: { type: Number, required: true },
      cancelReason: { type: String, default: null },
      createdBy: { type: Schema.Types.ObjectId, required: true },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
      openedAt: { type: Date, default: null },
      deliveredAt: { type: Date, default: null },
    },
    { collection: 'projects', versionKey: false },
  )
    .index({ 'place.communityId': 1, status: 1 })
    .index({ 'place.streetId': 1, status: 1 })
    .index({ responsibleUnitIds: 1 }),
);

/**
 * A status change of a project: its timeline and the guard of its state machine. A change is
 * the insert of seq n+1 — UNIQUE (projectId, seq) — so of two simultaneous changes (deliver
 * twice, deliver vs cancel) exactly one wins; the other gets 409.
 */
export interface ProjectEvent {
  _id: Types.ObjectId;
  projectId: Types.ObjectId;
  seq: number;
  action: ProjectEventAction;
  from: ProjectStatus | null;
  to: ProjectStatus;
  actorId: Types.ObjectId;
  actorRole: string;
  actorName: string;
  at: Date;
  note: string | null;
  /** cancel: the needs released from the project. */
  needIds?: Types.ObjectId[];
}

export const ProjectEventModel = defineModel<ProjectEvent>(
  'ProjectEvent',
  new Schema<ProjectEvent>(
    {
      projectId: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true },
      action: { type: String, enum: PROJECT_EVENT_ACTIONS, required: true },
      from: { type: String, enum: [...PROJECT_STATUSES, null], default: null },
      to: { type: String, enum: PROJECT_STATUSES, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      actorRole: { type: String, required: true },
      actorName: { type: String, required: true },
      at: { type: Date, required: true },
      note: { type: String, default: null },
      needIds: { type: [Schema.Types.ObjectId], default: undefined },
    },
    { collection: 'projectEvents', versionKey: false },
  ).index({ projectId: 1, seq: 1 }, { unique: true }),
);
