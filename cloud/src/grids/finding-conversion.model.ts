import { Schema, Types } from 'mongoose';
import { FINDING_OUTCOMES, type FindingOutcome } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * The one outcome of a finding, keyed by the finding's id: the primary key is the guard, so two
 * clicks on "转为需求" (or a need and a whistle at once, or a conversion and an on-the-spot close)
 * insert once and only the winner creates anything. `targetId` is filled in after the need or
 * whistle exists; a record still without it after STALE_MS is taken as abandoned (a crash
 * between the guard and the creation) and may be claimed again.
 */
export interface FindingConversion {
  /** The finding's id. */
  _id: Types.ObjectId;
  kind: FindingOutcome;
  /** The need or whistle created; null while it is being created, and for on-the-spot handling. */
  targetId: Types.ObjectId | null;
  /** True once the outcome is complete (target created, or handled on the spot). */
  done: boolean;
  by: Types.ObjectId;
  at: Date;
  note: string | null;
}

export const FINDING_CONVERSION_STALE_MS = 2 * 60_000;

export const FindingConversionModel = defineModel<FindingConversion>(
  'FindingConversion',
  new Schema<FindingConversion>(
    {
      kind: { type: String, enum: FINDING_OUTCOMES, required: true },
      targetId: { type: Schema.Types.ObjectId, default: null },
      done: { type: Boolean, required: true },
      by: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
      note: { type: String, default: null },
    },
    { collection: 'findingConversions', versionKey: false },
  ),
);
