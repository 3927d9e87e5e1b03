import type { Types } from 'mongoose';
import type { Db } from '../core/db';
import { OrgModel, type Org } from './org.model';

/** How residents reach their community's office. */
export interface CommunityContact {
  name: string;
  phone: string | null;
  officeHours: string | null;
}

export async function communityContact(
  db: Db,
  communityId: Types.ObjectId | string | null | undefined,
): Promise<CommunityContact | null> {
  if (!communityId) return null;
  const org = await db
    .model(OrgModel)
    .findById(communityId, { name: 1, phone: 1, officeHours: 1 })
    .lean<Pick<Org, 'name' | 'phone' | 'officeHours'>>();
  return org ? { name: org.name, phone: org.phone ?? null, officeHours: org.officeHours ?? null } : null;
}
