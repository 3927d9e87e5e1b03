import type { Role } from '@gongzhi/shared';

/** What the signed token carries: who, and for a browser signed in by scanning, which session. Nothing else. */
export interface TokenClaims {
  userId: string;
  /** Browser sessions (H5 scan sign-in) can be ended one by one; null for the mini-program's own sign-in. */
  sessionId: string | null;
}

/** One active grant of the caller: the role and where it holds. */
export interface PrincipalGrant {
  grantId: string;
  role: Role;
  placeKind: string;
  placeId: string;
  streetId: string | null;
  communityId: string | null;
}

/**
 * Who is calling, read server-side for every request from the account, its grants and its sessions
 * (cached, and the cache is invalidated when any of them changes): a revoked grant, an ended session
 * or a disabled account stops working on the very next request. The token names the person only.
 */
export interface Principal extends TokenClaims {
  name: string;
  /** Membership roles (resident, volunteer, partyMember) and the roles of every active grant. */
  roles: Role[];
  /**
   * The caller's place in the org tree: the place of their most senior place-bearing grant
   * (county, street, department, community or grid), else where they live.
   */
  orgId: string | null;
  communityId: string | null;
  /** The street above the caller's place (null for county-level roles and departments). */
  streetId: string | null;
  /** Duties beyond the role: `partyWork` (党务) lets staff-type users read party rosters. */
  duties: string[];
  /** The unit a unit admin or service person acts for. */
  unitId: string | null;
  /** Every active grant, most senior first. */
  grants: PrincipalGrant[];
}

/**
 * Resolves a token's claims to the caller (registered by the grants area under this id, so that
 * core depends on no area). Throws TOKEN_INVALID when the account, a browser session or the person is gone.
 */
export interface PrincipalSource {
  resolve(claims: TokenClaims): Promise<Principal>;
  /** Call after changing what a person's principal is made of (their account, home, grants), before answering. */
  changed(userId: string | { toString(): string }): Promise<void>;
}
export const PRINCIPAL_SOURCE = 'principalSource';
