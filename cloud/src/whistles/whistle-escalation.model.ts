import { Schema, Types } from 'mongoose';
import { WHISTLE_SUPERVISORS, type WhistleSupervisor } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * The claim on one escalation step: inserted BEFORE anything else is done, so the unique
 * (whistleId, targetKey, level) index lets exactly one sweep (of any instance) own the step.
 * `doneAt` stays null until every follow-up (timeline event, projection, notices) is written; a
 * sweep that finds a record without it completes the follow-up (each part is idempotent), so a
 * restart in the middle loses nothing and repeats nothing.
 */
export interface WhistleEscalation {
  _id: Types.ObjectId;
  whistleId: Types.ObjectId;
  targetKey: string;
  level: number;
  supervisor: WhistleSupervisor;
  /** When the sweep found it due: the time the timeline shows, even when completed later. */
  heldAt: Date;
  doneAt: Date | null;
}

export const WhistleEscalationModel = defineModel<WhistleEscalation>(
  'WhistleEscalation',
  new Schema<WhistleEscalation>(
    {
      whistleId: { type: Schema.Types.ObjectId, required: true },
      targetKey: { type: String, required: true },
      level: { type: Number, required: true },
      supervisor: { type: String, enum: WHISTLE_SUPERVISORS, required: true },
      heldAt: { type: Date, required: true },
      doneAt: { type: Date, default: null },
    },
    { collection: 'whistleEscalations', versionKey: false },
  )
    .index({ whistleId: 1, targetKey: 1, level: 1 }, { unique: true })
    .index({ doneAt: 1 }),
);
