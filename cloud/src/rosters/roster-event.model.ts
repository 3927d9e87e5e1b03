import { Schema, Types } from 'mongoose';
import { ROSTER_ACTIONS, ROSTER_ROW_KINDS, type RosterAction, type RosterRowKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** One field of a change. Personal values (name, phone, ID number) are stored as ciphertexts. */
export interface StoredChange {
  field: string;
  from: string | null;
  to: string | null;
  personal: boolean;
}

/**
 * Collection `rosterEvents`: the history of every roster row — who changed it, when, what from → to,
 * and why. Insert-only: a correction never rewrites an event (erasing a person's account blanks the
 * personal values of the events about them, nothing else). Ordered by `at`, then `_id`.
 */
export interface RosterEventDoc {
  _id: Types.ObjectId;
  rowKind: RosterRowKind;
  rowId: Types.ObjectId;
  /** The row's community after the change (a complex's, a volunteer's home community…). */
  communityId: Types.ObjectId | null;
  action: RosterAction;
  changes: StoredChange[];
  reason: string;
  actorId: Types.ObjectId;
  via: 'manual' | 'import';
  at: Date;
}

const changeSchema = new Schema<StoredChange>(
  {
    field: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, default: null },
    personal: { type: Boolean, default: false },
  },
  { _id: false },
);

export const RosterEventModel = defineModel<RosterEventDoc>(
  'RosterEvent',
  new Schema<RosterEventDoc>(
    {
      rowKind: { type: String, enum: ROSTER_ROW_KINDS, required: true },
      rowId: { type: Schema.Types.ObjectId, required: true, index: true },
      communityId: { type: Schema.Types.ObjectId, default: null },
      action: { type: String, enum: ROSTER_ACTIONS, required: true },
      changes: { type: [changeSchema], default: [] },
      reason: { type: String, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      via: { type: String, enum: ['manual', 'import'], required: true },
      at: { type: Date, required: true },
    },
    { collection: 'rosterEvents', versionKey: false },
  ),
);
