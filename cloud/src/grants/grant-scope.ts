import { GRANTS_BY, type GrantRole } from '@gongzhi/shared';
import type { Principal, PrincipalGrant } from '../core/principal';

const keyOfGrant = (g: PrincipalGrant) => `${g.placeKind}:${g.placeId}`;
const grantsAny = (g: PrincipalGrant) => (GRANTS_BY[g.role as GrantRole] ?? []).length > 0;

/**
 * Whether the caller may grant (or revoke) `role` at a place lying in `placeKeys`: one of their own
 * grants allows that role (GRANTS_BY) and its place is the target's or above it.
 */
export function mayGrant(user: Principal, role: GrantRole, placeKeys: readonly string[]): boolean {
  return user.grants.some(
    (g) => (GRANTS_BY[g.role as GrantRole] ?? []).includes(role) && placeKeys.includes(keyOfGrant(g)),
  );
}

/**
 * The filter on grants and invitations (both carry `placeKeys`) for what the caller oversees: whatever
 * lies at or below the place of a grant that lets them grant anything. Null when they grant nothing.
 */
export function overseenFilter(user: Principal): Record<string, unknown> | null {
  const keys = [...new Set(user.grants.filter(grantsAny).map(keyOfGrant))];
  if (!keys.length) return null;
  // One key (the usual case) is a top-level equality FerretDB hands to PostgreSQL.
  return keys.length === 1 ? { placeKeys: keys[0] } : { placeKeys: { $in: keys } };
}
