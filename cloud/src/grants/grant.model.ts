import { Schema, Types } from 'mongoose';
import { GRANT_PLACE_KINDS, GRANT_ROLES, type GrantPlaceKind, type GrantRole } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/**
 * A grant (授权): person × role × place, granted by whom, when, until when. The API reads a person's
 * active grants on every request (through the principal cache), so revoking one takes effect at once.
 */
export interface Grant {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  role: GrantRole;
  placeKind: GrantPlaceKind;
  /** An org node (county, street, department, community, grid) or a unit. */
  placeId: Types.ObjectId;
  /** Denormalised from the tree (refreshed when the tree changes): scoping reads them without a lookup. */
  streetId: Types.ObjectId | null;
  communityId: Types.ObjectId | null;
  /**
   * Every place the grant lies in, as `<kind>:<id>` keys (county, street, community, grid, department,
   * unit): "grants at this place or below" is one top-level equality FerretDB hands to PostgreSQL.
   */
  placeKeys: string[];
  /** Service people: the unit's person resource they serve as. */
  resourceId: Types.ObjectId | null;
  /** null: made by the setup code or the system (the demo county). */
  grantedBy: Types.ObjectId | null;
  grantedAt: Date;
  invitationId: Types.ObjectId | null;
  /** The grant stops working after this moment; null: until revoked. */
  until: Date | null;
  revokedAt: Date | null;
  revokedBy: Types.ObjectId | null;
  revokeReason: string | null;
}

export const GrantModel = defineModel<Grant>(
  'Grant',
  new Schema<Grant>(
    {
      personId: { type: Schema.Types.ObjectId, required: true, index: true },
      role: { type: String, enum: GRANT_ROLES, required: true },
      placeKind: { type: String, enum: GRANT_PLACE_KINDS, required: true },
      placeId: { type: Schema.Types.ObjectId, required: true },
      streetId: { type: Schema.Types.ObjectId, default: null },
      communityId: { type: Schema.Types.ObjectId, default: null },
      placeKeys: { type: [String], required: true, index: true },
      resourceId: { type: Schema.Types.ObjectId, default: null },
      grantedBy: { type: Schema.Types.ObjectId, default: null },
      grantedAt: { type: Date, required: true },
      invitationId: { type: Schema.Types.ObjectId, default: null },
      until: { type: Date, default: null },
      revokedAt: { type: Date, default: null },
      revokedBy: { type: Schema.Types.ObjectId, default: null },
      revokeReason: { type: String, default: null },
    },
    { collection: 'grants', versionKey: false },
  )
    .index({ placeId: 1 })
    .index({ role: 1 }),
);

/** Active: not revoked and not past its end. */
export function isActiveGrant(g: Pick<Grant, 'revokedAt' | 'until'>, now: Date): boolean {
  return !g.revokedAt && (!g.until || g.until > now);
}
