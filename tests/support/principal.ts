import type { Principal } from '../../cloud/src/core/principal';

/** A caller for pure-function tests: the roles given, no place, plus any fields to set. */
export const principal = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({
  userId: '65a0000000000000000000ff',
  roles,
  orgId: null,
  communityId: null,
  streetId: null,
  name: 'x',
  duties: [],
  unitId: null,
  sessionId: null,
  grants: [],
  ...extra,
});
