import { Schema, Types } from 'mongoose';
import { GRID_DUTIES, GRID_POSITIONS, type GridDuty, type GridPosition } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * A member of a grid's team ("1+1+3+X"). Two unique indexes hold the team's rules under
 * concurrent edits (FerretDB has no partial indexes, so the keys are filled for everyone):
 * - (gridId, slot): `slot` is 'chief' or 'worker' for the "1+1", and `member:<_id>` for everyone
 *   else, so at most one chief and one worker per grid;
 * - (gridId, personKey): `personKey` is the user id for account members, `person:<_id>` for people
 *   without an account, so an account sits on a grid's team at most once.
 */
export interface GridMember {
  _id: Types.ObjectId;
  gridId: Types.ObjectId;
  /** Denormalised for scoping: the grid's community and street. */
  communityId: Types.ObjectId;
  streetId: Types.ObjectId;
  position: GridPosition;
  slot: string;
  personKey: string;
  userId: Types.ObjectId | null;
  /** People without an account; for account members the user's own name and phone are read. */
  name: string | null;
  phone: string | null;
  /** The resident unit of an X member (驻区单位党员). */
  unitId: Types.ObjectId | null;
  duties: GridDuty[];
  addedBy: Types.ObjectId;
  addedAt: Date;
}

export const GridMemberModel = defineModel<GridMember>(
  'GridMember',
  new Schema<GridMember>(
    {
      gridId: { type: Schema.Types.ObjectId, required: true },
      communityId: { type: Schema.Types.ObjectId, required: true },
      streetId: { type: Schema.Types.ObjectId, required: true },
      position: { type: String, enum: GRID_POSITIONS, required: true },
      slot: { type: String, required: true },
      personKey: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, default: null },
      name: { type: String, default: null },
      phone: { type: String, default: null },
      unitId: { type: Schema.Types.ObjectId, default: null },
      duties: { type: [String], enum: GRID_DUTIES, required: true },
      addedBy: { type: Schema.Types.ObjectId, required: true },
      addedAt: { type: Date, required: true },
    },
    { collection: 'gridMembers', versionKey: false },
  )
    .index({ gridId: 1, slot: 1 }, { unique: true })
    .index({ gridId: 1, personKey: 1 }, { unique: true })
    .index({ userId: 1 }),
);

/** The slot a new member takes: the position itself for the "1+1", a slot of their own otherwise. */
export function slotOf(position: GridPosition, memberId: Types.ObjectId): string {
  return position === 'chief' || position === 'worker' ? position : `member:${memberId}`;
}

export function personKeyOf(userId: Types.ObjectId | null, memberId: Types.ObjectId): string {
  return userId ? String(userId) : `person:${memberId}`;
}
