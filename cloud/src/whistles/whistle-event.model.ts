import { Schema, Types } from 'mongoose';
import {
  WHISTLE_EVENT_ACTIONS,
  WHISTLE_SUPERVISORS,
  WHISTLE_TARGET_STATUSES,
  type WhistleEventAction,
  type WhistleSupervisor,
  type WhistleTargetStatus,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * One step of one target of a whistle: its timeline entry and audit record. The unique
 * (whistleId, targetKey, seq) index is the lock: two people moving the same target at once both
 * try seq n+1 and only one insert wins. Different targets never contend.
 */
export interface WhistleEvent {
  _id: Types.ObjectId;
  whistleId: Types.ObjectId;
  /** `${kind}:${orgId}` of the target (whistle.model.ts targetKeyOf). */
  targetKey: string;
  seq: number;
  action: WhistleEventAction;
  from: WhistleTargetStatus | null;
  to: WhistleTargetStatus;
  /** null for the system (escalation). */
  actorId: Types.ObjectId | null;
  actorRole: string;
  at: Date;
  /** report: a note; sendBack: the reason; confirm: the comment. */
  note: string | null;
  /** resolve: the result and its photos. */
  result: string | null;
  photos: Types.ObjectId[];
  /** confirm: 1–5 stars. */
  satisfaction: number | null;
  /** escalate: the level reached and who was told. */
  level: number | null;
  supervisor: WhistleSupervisor | null;
}

export const WhistleEventModel = defineModel<WhistleEvent>(
  'WhistleEvent',
  new Schema<WhistleEvent>(
    {
      whistleId: { type: Schema.Types.ObjectId, required: true },
      targetKey: { type: String, required: true },
      seq: { type: Number, required: true },
      action: { type: String, enum: WHISTLE_EVENT_ACTIONS, required: true },
      from: { type: String, enum: WHISTLE_TARGET_STATUSES, default: null },
      to: { type: String, enum: WHISTLE_TARGET_STATUSES, required: true },
      actorId: { type: Schema.Types.ObjectId, default: null },
      actorRole: { type: String, required: true },
      at: { type: Date, required: true },
      note: { type: String, default: null },
      result: { type: String, default: null },
      photos: { type: [Schema.Types.ObjectId], default: [] },
      satisfaction: { type: Number, default: null },
      level: { type: Number, default: null },
      supervisor: { type: String, enum: WHISTLE_SUPERVISORS, default: null },
    },
    { collection: 'whistleEvents', versionKey: false },
  )
    .index({ whistleId: 1, targetKey: 1, seq: 1 }, { unique: true })
    .index({ photos: 1 }),
);
