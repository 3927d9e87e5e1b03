import type { Role } from '@gongzhi/shared';

/** What the signed token carries. */
export interface TokenClaims {
  userId: string;
  roles: Role[];
  /** The caller's place in the org tree (community, grid, street, department…), if any. */
  orgId: string | null;
  communityId: string | null;
  /** The street above the caller's place (null for county-level roles and departments). */
  streetId: string | null;
}

/**
 * Who is calling: the token's claims plus what `Handle` reads from the account once per request
 * (not carried in the token, so a change to them works at once).
 */
export interface Principal extends TokenClaims {
  name: string;
  /** Duties beyond the role: `partyWork` (党务) lets staff-type users read party rosters. */
  duties: string[];
  /** The unit a unit admin acts for. */
  unitId: string | null;
}
