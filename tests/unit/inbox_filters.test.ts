import { Types } from 'mongoose';
import { inboxFilters } from '../../cloud/src/needs/inbox-filters';
import { principal } from '../support/principal';

// FerretDB 1.24 hands only top-level equality to PostgreSQL (dotted paths, $and, ranges and $in are
// filtered in Go after decoding the whole collection): the inbox's scope must be one top-level
// equality on placeKeys, which the GIN index on placeKeys serves (docs/performance.md).
const C = '65a000000000000000000001';
const S = '65a000000000000000000002';
const G = '65a000000000000000000003';
const query = { status: 'submitted', sort: 'dueSoonest', page: 1, pageSize: 20 } as Parameters<typeof inboxFilters>[1];
const now = new Date('2026-11-26T00:00:00Z');

test("staff: the list, its counts and the overdue count are scoped by {placeKeys: 'community:…'}, flat", () => {
  const f = inboxFilters(principal(['staff'], { communityId: C, streetId: S }), query, now)!;
  expect(f.list).toEqual({ placeKeys: `community:${C}`, status: 'submitted' });
  expect(f.counts).toEqual({ placeKeys: `community:${C}` });
  expect(f.overdue).toEqual({ placeKeys: `community:${C}`, dueAt: { $lt: now } });
  for (const part of Object.values(f)) {
    expect(part).not.toHaveProperty('$and');
    expect(Object.keys(part).some((k) => k.includes('.'))).toBe(false);
  }
});

test('street admin and grid worker by their node; county sees all; residents none', () => {
  expect(inboxFilters(principal(['streetAdmin'], { streetId: S }), query, now)!.counts).toEqual({
    placeKeys: `street:${S}`,
  });
  expect(inboxFilters(principal(['gridWorker'], { orgId: G, communityId: C }), query, now)!.counts).toEqual({
    placeKeys: `grid:${G}`,
  });
  expect(inboxFilters(principal(['countyAdmin']), query, now)!.counts).toEqual({});
  expect(inboxFilters(principal(['resident'], { communityId: C }), query, now)).toBeNull();
  // A staff token without a community matches nothing rather than everything.
  expect(inboxFilters(principal(['staff']), query, now)!.counts).toEqual({ placeKeys: 'community:none' });
});

test('other filters stay flat beside the scope', () => {
  const from = new Date('2026-11-01T00:00:00Z');
  const f = inboxFilters(
    principal(['staff'], { communityId: C }),
    { ...query, categoryCode: 'legalAid', gridId: G, from, overdue: true } as typeof query,
    now,
  )!;
  expect(f.list).toEqual({
    placeKeys: `community:${C}`,
    categoryCode: 'legalAid',
    'place.gridId': new Types.ObjectId(G),
    submittedAt: { $gte: from },
    status: 'submitted',
    dueAt: { $lt: now },
  });
});
