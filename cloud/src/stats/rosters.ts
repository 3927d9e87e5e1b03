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
