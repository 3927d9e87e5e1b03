import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** 驻区单位: a resident unit of a street's 党建联盟 (alliance). */
export interface Unit {
  _id: Types.ObjectId;
  name: string;
  streetId: Types.ObjectId;
  kind: string;
  /** false once deactivated: kept for history. Absent: active. */
  active?: boolean;
  /** Merged or closed into this unit: where its records went. */
  mergedInto?: Types.ObjectId | null;
}

export const UnitModel = defineModel<Unit>(
  'Unit',
  new Schema<Unit>(
    {
      name: { type: String, required: true },
      streetId: { type: Schema.Types.ObjectId, required: true, index: true },
      kind: { type: String, required: true },
      active: { type: Boolean, default: true },
      mergedInto: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'units', versionKey: false },
  ),
);
