import { Schema, Types } from 'mongoose';
import { EMPLOYMENTS, MEMBER_CATEGORIES, type Employment, type MemberCategory } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * Collection `partyMembers`. The plain fields are the roster contract (shared/src/people/rosters.ts)
 * the dashboards count; name, ID number, phone and health are AES-GCM ciphertexts (core/cipher.ts),
 * and `idHash` is the ID number's blind index: the import key, unique so one person is one member.
 */
export interface PartyMemberDoc {
  _id: Types.ObjectId;
  branchId: Types.ObjectId;
  placeId: Types.ObjectId;
  streetId: Types.ObjectId;
  birthDate: string;
  mobile: boolean;
  /** In force: the staff override when there is one, else computedCategory. */
  category: MemberCategory;
  computedCategory: MemberCategory;
  /** The latest staff override (its reason is in partyMemberEvents), or null. */
  overrideCategory: MemberCategory | null;
  employment: Employment;
  active: boolean;
  idHash: string;
  nameEnc: string;
  idNumberEnc: string;
  phoneEnc: string | null;
  /** 'good' | 'frail', encrypted: health is personal data. */
  healthEnc: string;
  /** The member's own account, when they have one (双报到). */
  userId: Types.ObjectId | null;
  updatedAt: Date;
}

export const PartyMemberModel = defineModel<PartyMemberDoc>(
  'PartyMember',
  new Schema<PartyMemberDoc>(
    {
      branchId: { type: Schema.Types.ObjectId, required: true, index: true },
      placeId: { type: Schema.Types.ObjectId, required: true, index: true },
      streetId: { type: Schema.Types.ObjectId, required: true },
      birthDate: { type: String, required: true },
      mobile: { type: Boolean, required: true },
      category: { type: String, enum: MEMBER_CATEGORIES, required: true },
      computedCategory: { type: String, enum: MEMBER_CATEGORIES, required: true },
      overrideCategory: { type: String, enum: [...MEMBER_CATEGORIES, null], default: null },
      employment: { type: String, enum: EMPLOYMENTS, required: true },
      active: { type: Boolean, default: true },
      idHash: { type: String, required: true, unique: true },
      nameEnc: { type: String, required: true },
      idNumberEnc: { type: String, required: true },
      phoneEnc: { type: String, default: null },
      healthEnc: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, default: null },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'partyMembers', versionKey: false },
  ),
);

/** A staff override of a member's category: the log is the history; the member holds the projection. */
export interface MemberEventDoc {
  _id: Types.ObjectId;
  memberId: Types.ObjectId;
  seq: number;
  kind: 'categoryOverride';
  from: MemberCategory;
  to: MemberCategory;
  reason: string;
  actorId: Types.ObjectId;
  at: Date;
}

export const MemberEventModel = defineModel<MemberEventDoc>(
  'MemberEvent',
  new Schema<MemberEventDoc>(
    {
      memberId: { type: Schema.Types.ObjectId, required: true },
      seq: { type: Number, required: true },
      kind: { type: String, enum: ['categoryOverride'], required: true },
      from: { type: String, enum: MEMBER_CATEGORIES, required: true },
      to: { type: String, enum: MEMBER_CATEGORIES, required: true },
      reason: { type: String, required: true },
      actorId: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'partyMemberEvents', versionKey: false },
  ).index({ memberId: 1, seq: 1 }, { unique: true }),
);
