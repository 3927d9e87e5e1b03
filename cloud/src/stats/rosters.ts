import { Types } from 'mongoose';
import type { BranchRecord, PartyMemberRecord, StaffMemberRecord } from '@gongzhi/shared';
import type { Db } from '../core/db';

/**
 * Read-only access to the rosters the people area owns (shared/src/people/rosters.ts is the
 * contract). The stats area only counts them, so it reads the collections by name instead of
 * declaring models that would compete with the owner's.
 */
export type Stored<T> = Omit<T, 'branchId' | 'placeId'> & {
  _id: Types.ObjectId;
  branchId?: unknown;
  placeId: unknown;
};

export const rosters = (db: Db) => ({
  branches: db.connection.collection<Stored<BranchRecord>>('branches'),
  partyMembers: db.connection.collection<Stored<PartyMemberRecord>>('partyMembers'),
  staffMembers: db.connection.collection<Stored<StaffMemberRecord>>('staffMembers'),
});

/**
 * The contract types ids as strings; the owner may store them as ObjectIds. Match either, so the
 * dashboard keeps counting whichever way the import writes them.
 */
export function eitherId(ids: readonly string[]): unknown[] {
  return [...ids, ...ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id))];
}

/**
 * 在册党员 per branch: members on the roster, not transferred out or deactivated (active). The one
 * count of a branch's size — the dashboard's 党支部规模 and the points area's 支部排名 both read it, so
 * they cannot disagree (a ranking once counted only members linked to an account: 5 against 105).
 */
export async function countBranchMembers(db: Db, branchIds: readonly unknown[]): Promise<Map<string, number>> {
  const ids = branchIds.map(String);
  if (!ids.length) return new Map();
  // One $sum per $group (FerretDB returns 0 for a second accumulator).
  const counts = await rosters(db)
    .partyMembers.aggregate<{ _id: unknown; n: number }>([
      { $match: { active: true, branchId: { $in: eitherId(ids) } } },
      { $group: { _id: '$branchId', n: { $sum: 1 } } },
    ])
    .toArray();
  const membersOf = new Map<string, number>();
  for (const c of counts) membersOf.set(String(c._id), (membersOf.get(String(c._id)) ?? 0) + c.n);
  return membersOf;
}
