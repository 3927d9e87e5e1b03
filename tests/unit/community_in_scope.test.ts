import { Types } from 'mongoose';
import { communityInScope, isUnder } from '../../cloud/src/core/place';
import { principal } from '../support/principal';

// One scope rule for the seven services that check "is this community mine?" (menu curation,
// notices, imports, points, hours, party member links, grid patrols).
const S1 = new Types.ObjectId('65a000000000000000000011');
const S2 = new Types.ObjectId('65a000000000000000000012');
const COUNTY = new Types.ObjectId('65a000000000000000000001');
const mine = { _id: new Types.ObjectId('65a000000000000000000021'), ancestors: [COUNTY, S1] };
const elsewhere = { _id: new Types.ObjectId('65a000000000000000000022'), ancestors: [COUNTY, S2] };

test('isUnder: an ancestor by id; never for a null id', () => {
  expect(isUnder(mine, String(S1))).toBe(true);
  expect(isUnder(mine, String(S2))).toBe(false);
  expect(isUnder(mine, null)).toBe(false);
  expect(isUnder({ ancestors: [] }, String(S1))).toBe(false);
});

test('county admins: every community', () => {
  const u = principal(['countyAdmin']);
  expect(communityInScope(u, mine)).toBe(true);
  expect(communityInScope(u, elsewhere)).toBe(true);
});

test("street admins: their street's communities only", () => {
  const u = principal(['streetAdmin'], { streetId: String(S1), orgId: String(S1) });
  expect(communityInScope(u, mine)).toBe(true);
  expect(communityInScope(u, elsewhere)).toBe(false);
  expect(communityInScope(principal(['streetAdmin']), mine)).toBe(false);
});

test('staff: their own community only, not its neighbours on the same street', () => {
  const u = principal(['staff'], { communityId: String(mine._id), streetId: String(S1) });
  expect(communityInScope(u, mine)).toBe(true);
  const neighbour = { _id: new Types.ObjectId('65a000000000000000000023'), ancestors: [COUNTY, S1] };
  expect(communityInScope(u, neighbour)).toBe(false);
});

test('other roles: none, even their own community', () => {
  for (const role of ['resident', 'volunteer', 'partyMember', 'gridWorker', 'department', 'unitAdmin'] as const) {
    const u = principal([role], { communityId: String(mine._id), streetId: String(S1) });
    expect(communityInScope(u, mine)).toBe(false);
  }
});
