import { Schema, Types } from 'mongoose';
import { ROLES, type Role } from '@gongzhi/shared';
import { defineModel } from '../core/db';

export interface User {
  _id: Types.ObjectId;
  name: string;
  /**
   * Membership roles only (resident, volunteer, partyMember): who the person is. Posts (staff, street,
   * department, unit…) are grants (grants/grant.model), read per request; a grant role found here in
   * an older database is turned into a grant once at start-up.
   */
  roles: Role[];
  /** Full number: only ever leaves the server masked, except to whoever handles that person's case. */
  phone: string | null;
  /** Where the person lives: a building, complex or community they chose (or were imported with). */
  orgId: Types.ObjectId | null;
  /** Derived from orgId, kept for scoping queries. */
  communityId: Types.ObjectId | null;
  /** Older databases: the unit a unit admin acted for (now a grant's place). */
  unitId?: Types.ObjectId | null;
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
  /** Set by a county administrator: the account's tokens stop working at the next request. */
  disabledAt?: Date | null;
  disabledReason?: string | null;
  /**
   * A WeChat account that was linked to the person's imported record (volunteer, party member, staff):
   * that record is the person from then on, and this one's tokens no longer work.
   */
  mergedInto?: Types.ObjectId | null;
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
      disabledAt: { type: Date, default: null },
      disabledReason: { type: String, default: null },
      mergedInto: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'users', versionKey: false },
    // Linking an account to an imported record looks the record up by its ID number's blind index.
  ).index({ idNumberHash: 1 }),
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
