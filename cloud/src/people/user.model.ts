import { Schema, Types } from 'mongoose';
import { ROLES, type Role } from '@gongzhi/shared';
import { defineModel } from '../core/db';

export interface User {
  _id: Types.ObjectId;
  name: string;
  roles: Role[];
  /** Full number: only ever leaves the server masked, except to whoever handles that person's case. */
  phone: string | null;
  /** The user's place in the org tree: a building or community for residents, a grid, street or department for staff. */
  orgId: Types.ObjectId | null;
  /** Derived from orgId, kept for scoping queries. */
  communityId: Types.ObjectId | null;
  unitId: Types.ObjectId | null;
  /** Duties beyond the role: `partyWork` (党务) lets staff-type users read party rosters. */
  duties: string[];
  /** Imported people: blind index of the ID number (the import key) and the number encrypted (core/cipher). */
  idNumberHash?: string;
  idNumberEnc?: string;
  /** Demo accounts only: the name chosen on the development sign-in page. */
  demoAccount?: string;
  createdAt: Date;
  /** Set when the person deleted their account: the record stays as an anonymous id for statistics. */
  erasedAt?: Date | null;
}

export const UserModel = defineModel<User>(
  'User',
  new Schema<User>(
    {
      name: { type: String, required: true },
      roles: { type: [String], enum: ROLES, required: true },
      phone: { type: String, default: null },
      orgId: { type: Schema.Types.ObjectId, default: null },
      communityId: { type: Schema.Types.ObjectId, default: null, index: true },
      unitId: { type: Schema.Types.ObjectId, default: null },
      demoAccount: { type: String, index: true },
      duties: { type: [String], default: [] },
      idNumberHash: { type: String },
      idNumberEnc: { type: String },
      createdAt: { type: Date, default: () => new Date() },
      erasedAt: { type: Date, default: null },
    },
    { collection: 'users', versionKey: false },
  ),
);

/**
 * A WeChat identity: `_id` is the openid, so two simultaneous first sign-ins cannot create two
 * users (the insert is guarded by the primary key). session_key is kept here and never sent out.
 */
export interface WxIdentity {
  _id: string;
  userId: Types.ObjectId;
  unionId: string | null;
  sessionKey: string;
  updatedAt: Date;
}

export const WxIdentityModel = defineModel<WxIdentity>(
  'WxIdentity',
  new Schema<WxIdentity>(
    {
      _id: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true, index: true },
      unionId: { type: String, default: null },
      sessionKey: { type: String, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'wxIdentities', versionKey: false },
  ),
);
