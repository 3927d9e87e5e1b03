import { Schema, Types } from 'mongoose';
import { EDUCATION_LEVELS, type EducationLevel } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * Collection `staffMembers` (contract: StaffMemberRecord in shared/src/people/rosters.ts): community
 * workers and the 两委. The ID number is kept only as ciphertext and blind index (the import key).
 */
export interface StaffMemberDoc {
  _id: Types.ObjectId;
  name: string;
  placeId: Types.ObjectId;
  streetId: Types.ObjectId;
  birthDate: string;
  education: EducationLevel;
  post: string;
  committee: boolean;
  active: boolean;
  idHash: string;
  idNumberEnc: string;
  phoneEnc: string | null;
  updatedAt: Date;
}

export const StaffMemberModel = defineModel<StaffMemberDoc>(
  'StaffMember',
  new Schema<StaffMemberDoc>(
    {
      name: { type: String, required: true },
      placeId: { type: Schema.Types.ObjectId, required: true, index: true },
      streetId: { type: Schema.Types.ObjectId, required: true },
      birthDate: { type: String, required: true },
      education: { type: String, enum: EDUCATION_LEVELS, required: true },
      post: { type: String, required: true },
      committee: { type: Boolean, required: true },
      active: { type: Boolean, default: true },
      idHash: { type: String, required: true, unique: true },
      idNumberEnc: { type: String, required: true },
      phoneEnc: { type: String, default: null },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'staffMembers', versionKey: false },
  ),
);
