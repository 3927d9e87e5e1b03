import { STAFF_ROLES, type Endpoint, type Role } from '@gongzhi/shared';

/** Whether someone with these roles sees the 管理 tab (STAFF_ROLES of the shared contract). */
export function hasStaffRole(roles: readonly Role[] | undefined | null): boolean {
  return !!roles && roles.some((r) => STAFF_ROLES.includes(r));
}

/**
 * Whether these roles may call an endpoint at all, read from the endpoint's own access list in the
 * shared contract: the admin tab offers a task only when the API would take the call. Object-level
 * scope (own community, own unit) is still the server's to check.
 */
export function canCall(endpoint: Pick<Endpoint, 'access'>, roles: readonly Role[] | undefined | null): boolean {
  if (!roles || roles.length === 0) return false;
  const access = endpoint.access;
  if (access === 'public' || access === 'signedIn') return true;
  return roles.some((r) => access.includes(r));
}
