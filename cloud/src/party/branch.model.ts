import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** Collection `branches` (contract: shared/src/people/rosters.ts BranchRecord). */
export interface BranchDoc {
  _id: Types.ObjectId;
  name: string;
  /** The community (or the street, for a unit's branch) the branch sits in. */
  placeId: Types.ObjectId;
  unitId: Types.ObjectId | null;
  /** The street above placeId, so street admins' lists are one equality filter. */
  streetId: Types.ObjectId;
}

export const BranchModel = defineModel<BranchDoc>(
  'Branch',
  new Schema<BranchDoc>(
    {
      name: { type: String, required: true },
      placeId: { type: Schema.Types.ObjectId, required: true, index: true },
      unitId: { type: Schema.Types.ObjectId, default: null },
      streetId: { type: Schema.Types.ObjectId, required: true, index: true },
    },
    { collection: 'branches', versionKey: false },
  ),
);
