import { Schema, Types } from 'mongoose';
import { POINTS_KINDS, type PointsKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * One line of a person's points ledger (积分流水), append-only. Entries form a chain per person:
 * entry n+1 carries the balance after it, and the unique (personId, seq) index lets exactly one of two
 * concurrent appends take a given place, so the balance is never computed from a stale read and never
 * goes below zero. The unique sourceKey means one event (a confirmed shift, a patrol…) earns once.
 * FerretDB cannot $inc a balance document atomically, so the chain's head *is* the balance.
 */
export interface PointsEntry {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  seq: number;
  delta: number;
  /** Balance after this entry. */
  balance: number;
  kind: PointsKind;
  /** What caused it, e.g. `hours:<recordId>`, `patrol:<id>`, `redeem:<redemptionId>`. */
  sourceKey: string;
  /** The record several entries may belong to (a service record and its corrections). */
  sourceRef: string | null;
  /** China-time year of the event: yearly totals and caps. */
  year: number;
  /** The person's community when earned: community rankings. */
  communityId: Types.ObjectId | null;
  note: string;
  at: Date;
}

export const PointsEntryModel = defineModel<PointsEntry>(
  'PointsEntry',
  new Schema<PointsEntry>(
    {
      personId: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true },
      delta: { type: Number, required: true },
      balance: { type: Number, required: true },
      kind: { type: String, enum: POINTS_KINDS, required: true },
      sourceKey: { type: String, required: true },
      sourceRef: { type: String, default: null },
      year: { type: Number, required: true },
      communityId: { type: Schema.Types.ObjectId, default: null },
      note: { type: String, default: '' },
      at: { type: Date, required: true },
    },
    { collection: 'pointsEntries', versionKey: false },
  )
    .index({ personId: 1, seq: 1 }, { unique: true })
    .index({ sourceKey: 1 }, { unique: true })
    .index({ year: 1, communityId: 1 }),
);
