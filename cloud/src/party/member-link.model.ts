import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * Collection `partyMemberLinks`: which account is which party member. `_id` is the user id and
 * `memberId` is unique, so a user is linked to at most one member and a member to at most one user,
 * held by the insert itself (FerretDB 1.24 has no partial indexes, and a unique index does not stop
 * an *update*, so `partyMembers.userId` cannot hold it). `partyMembers.userId` is this link's projection.
 */
export interface MemberLinkDoc {
  _id: Types.ObjectId;
  memberId: Types.ObjectId;
  /** `idNumber`: matched by the ID number's blind index; `manual`: a 党务 staff member linked them. */
  how: 'idNumber' | 'manual';
  linkedBy: Types.ObjectId | null;
  at: Date;
}

export const MemberLinkModel = defineModel<MemberLinkDoc>(
  'MemberLink',
  new Schema<MemberLinkDoc>(
    {
      _id: { type: Schema.Types.ObjectId, required: true },
      memberId: { type: Schema.Types.ObjectId, required: true, unique: true },
      how: { type: String, enum: ['idNumber', 'manual'], required: true },
      linkedBy: { type: Schema.Types.ObjectId, default: null },
      at: { type: Date, required: true },
    },
    { collection: 'partyMemberLinks', versionKey: false },
  ),
);
