import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/** The one-time setup code of an empty production database (encrypted: a restart prints the same one). */
export interface SetupCode {
  _id: 'setup';
  codeEnc: string;
  createdAt: Date;
  expiresAt: Date;
}

export const SetupCodeModel = defineModel<SetupCode>(
  'SetupCode',
  new Schema<SetupCode>(
    {
      _id: { type: String, required: true },
      codeEnc: { type: String, required: true },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
    },
    { collection: 'setupCodes', versionKey: false },
  ),
);

/** The code's single use: an insert under a fixed `_id`, so two people claiming at once cannot both win. */
export interface SetupClaim {
  _id: 'setup';
  personId: Types.ObjectId;
  at: Date;
}

export const SetupClaimModel = defineModel<SetupClaim>(
  'SetupClaim',
  new Schema<SetupClaim>(
    {
      _id: { type: String, required: true },
      personId: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'setupClaims', versionKey: false },
  ),
);
