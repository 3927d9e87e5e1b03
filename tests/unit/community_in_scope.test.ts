import { Types } from 'mongoose';
import { communityInScope, isUnder } from '../../cloud/src/core/place';
import type { Principal } from '../../cloud/src/core/principal';

// One scope rule for the seven services that check "is this community mine?" (menu curation,
// notices, imports, points, hours, party member links, grid patrols).
const S1 = new Types.ObjectId('65a000000000000000000011');
const S2 = new Types.ObjectId('65a000000000000000000012');
const COUNTY = new Types.ObjectId('65a000000000000000000001');
const mine = { _id: new Types.ObjectId('65a000000000000000000021'), ancestors: [COUNTY, S1] };
const elsewhere = { _id: new Types.ObjectId('65a000000000000000000022'), ancestors: [COUNTY, S2] };
const user = (roles: Principal['roles'], extra: Partial<Principal> = {}): Principal => ({
  userId: '65a0000000000000000000ff',
  roles,
  orgId: null,
  communityId: null,
  streetId: null,
  name: 'x',
  duties: [],
  unitId: null,
  ...extra,
});

test('isUnder: an ancestor by id; never for a null id', () => {
  expect(isUnder(mine, String(S1))).toBe(true);
  expect(isUnder(mine, String(S2))).toBe(false);
  expect(isUnder(mine, null)).toBe(false);
  expect(isUnder({ ancestors: [] }, String(S1))).toBe(false);
});

test('county admins: every community', () => {
  const u = user(['countyAdmin']);
  expect(communityInScope(u, mine)).toBe(true);
  expect(communityInScope(u, elsewhere)).toBe(true);
});

test("street admins: their street's communities only", () => {
  const u = user(['streetAdmin'], { streetId: String(S1), orgId: String(S1) });
  expect(communityInScope(u, mine)).toBe(true);
  expect(communityInScope(u, elsewhere)).toBe(false);
  expect(communityInScope(user(['streetAdmin']), mine)).toBe(false);
});

test('staff: their own community only, not its neighbours on the same street', () => {
  const u = user(['staff'], { communityId: String(mine._id), streetId: String(S1) });
  expect(communityInScope(u, mine)).toBe(true);
  const neighbour = { _id: new Types.ObjectId('65a000000000000000000023'), ancestors: [COUNTY, S1] };
  expect(communityInScope(u, neighbour)).toBe(false);
});

test('other roles: none, even their own community', () => {
  for (const role of ['resident', 'volunteer', 'partyMember', 'gridWorker', 'department', 'unitAdmin'] as const) {
    const u = user([role], { communityId: String(mine._id), streetId: String(S1) });
    expect(communityInScope(u, mine)).toBe(false);
  }
});
