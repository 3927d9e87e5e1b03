import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Endpoint, Role, SessionUser } from '@gongzhi/shared';
import { USER_CHANGED, getSavedUser } from '../services/session';
import { canCall, hasStaffRole } from '../services/access';

export { canCall, hasStaffRole };

/** The saved session user, following its refreshes (a grant made or revoked shows without signing in again). */
export function useSessionUser(): SessionUser | null {
  const [user, setUser] = useState(getSavedUser);
  useEffect(() => {
    const follow = (next: SessionUser) => setUser(next);
    Taro.eventCenter.on(USER_CHANGED, follow);
    return () => void Taro.eventCenter.off(USER_CHANGED, follow);
  }, []);
  return user;
}

export interface AdminAccess {
  user: SessionUser | null;
  roles: readonly Role[];
  /** A staff-type role: the admin tab and its pages are open (the API still checks every call). */
  staff: boolean;
  can: (endpoint: Pick<Endpoint, 'access'>) => boolean;
}

/** The signed-in person's standing for the admin pages, from the saved session user. */
export function useAdminAccess(): AdminAccess {
  const user = useSessionUser();
  return useMemo(() => {
    const roles = user?.roles ?? [];
    return { user, roles, staff: hasStaffRole(roles), can: (e) => canCall(e, roles) };
  }, [user]);
}
