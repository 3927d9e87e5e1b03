import type { Role } from '@gongzhi/shared';

/** Who is calling: carried in the signed token, checked on every endpoint. */
export interface Principal {
  userId: string;
  roles: Role[];
  /** The caller's place in the org tree (community, grid, street, department…), if any. */
  orgId: string | null;
  communityId: string | null;
  /** The street above the caller's place (null for county-level roles and departments). */
  streetId: string | null;
}
