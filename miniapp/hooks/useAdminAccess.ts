import { useMemo } from 'react';
import { STAFF_ROLES, type Endpoint, type Role, type SessionUser } from '@gongzhi/shared';
import { getSavedUser } from '../services/session';

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

export interface AdminAccess {
  user: SessionUser | null;
  roles: readonly Role[];
  /** A staff-type role: the admin tab and its pages are open (the API still checks every call). */
  staff: boolean;
  can: (endpoint: Pick<Endpoint, 'access'>) => boolean;
}

/** The signed-in person's standing for the admin pages, from the session saved at sign-in. */
export function useAdminAccess(): AdminAccess {
  return useMemo(() => {
    const user = getSavedUser();
    const roles = user?.roles ?? [];
    return { user, roles, staff: hasStaffRole(roles), can: (e) => canCall(e, roles) };
  }, []);
}
