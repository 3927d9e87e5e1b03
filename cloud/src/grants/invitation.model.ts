import { Schema, Types } from 'mongoose';
import { GRANT_PLACE_KINDS, GRANT_ROLES, type GrantPlaceKind, type GrantRole } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * An invitation to a post: role + place, valid until `expiresAt`, used once. The code travels in a
 * mini-program code or an H5 link; it is looked up by its hash and kept encrypted so that its creator
 * can show it again.
 */
export interface Invitation {
  _id: Types.ObjectId;
  codeHash: string;
  codeEnc: string;
  role: GrantRole;
  placeKind: GrantPlaceKind;
  placeId: Types.ObjectId;
  placeKeys: string[];
  resourceId: Types.ObjectId | null;
  note: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
  expiresAt: Date;
  /** The grant it makes ends then (null: until revoked). */
  until: Date | null;
  cancelledAt: Date | null;
  acceptedBy: Types.ObjectId | null;
  acceptedAt: Date | null;
  grantId: Types.ObjectId | null;
}

export const InvitationModel = defineModel<Invitation>(
  'Invitation',
  new Schema<Invitation>(
    {
      codeHash: { type: String, required: true, unique: true },
      codeEnc: { type: String, required: true },
      role: { type: String, enum: GRANT_ROLES, required: true },
      placeKind: { type: String, enum: GRANT_PLACE_KINDS, required: true },
      placeId: { type: Schema.Types.ObjectId, required: true },
      placeKeys: { type: [String], required: true, index: true },
      resourceId: { type: Schema.Types.ObjectId, default: null },
      note: { type: String, default: '' },
      createdBy: { type: Schema.Types.ObjectId, required: true, index: true },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
      until: { type: Date, default: null },
      cancelledAt: { type: Date, default: null },
      acceptedBy: { type: Schema.Types.ObjectId, default: null },
      acceptedAt: { type: Date, default: null },
      grantId: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'invitations', versionKey: false },
  ),
);

/**
 * The single use of an invitation: `_id` is the invitation's. Two people accepting at once both try
 * this insert and the primary key lets one win (FerretDB's updates are not atomic; inserts are).
 */
export interface InvitationUse {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  at: Date;
}

export const InvitationUseModel = defineModel<InvitationUse>(
  'InvitationUse',
  new Schema<InvitationUse>(
    {
      _id: { type: Schema.Types.ObjectId, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'invitationUses', versionKey: false },
  ),
);
