import { Types } from 'mongoose';
import { GRANT_ROLES, isGrantRole, type GrantRole } from '@gongzhi/shared';
import type { Db } from '../core/db';
import { UserModel, type User } from '../people/user.model';
import { MetaModel } from '../core/meta.model';
import type { GrantsService } from './grants.service';

const MARKER = 'grantsFromRoles';

/**
 * Databases from before grants kept posts in `users.roles` with the place in `orgId` (a unit admin's
 * unit in `unitId`). Once per database: each such post becomes a grant (made by the system) and the
 * account keeps only its membership roles, so nothing that worked before stops working.
 */
export async function grantsFromRoles(db: Db, grants: GrantsService): Promise<number> {
  const meta = db.model(MetaModel);
  if (await meta.exists({ _id: MARKER })) return 0;
  const users = await db
    .model(UserModel)
    .find({ roles: { $in: [...GRANT_ROLES] } })
    .lean<User[]>();
  let moved = 0;
  for (const u of users) {
    const posts = u.roles.filter(isGrantRole) as GrantRole[];
    for (const role of posts) {
      const placeId = role === 'unitAdmin' || role === 'servicePerson' ? u.unitId : u.orgId;
      if (!placeId) continue;
      try {
        await grants.grantRole({
          personId: u._id,
          role,
          placeId: new Types.ObjectId(String(placeId)),
          grantedBy: null,
        });
        moved++;
      } catch {
        // A post at a place that no longer fits its role (or is gone): it is not carried over.
      }
    }
    // Staff-type accounts had their post as their place; they live nowhere known.
    const member = u.roles.filter((r) => !isGrantRole(r));
    const unset = posts.length
      ? { orgId: member.length ? u.orgId : null, communityId: member.length ? u.communityId : null }
      : {};
    await db.model(UserModel).updateOne({ _id: u._id }, { $set: { roles: member, ...unset } });
  }
  await meta.updateOne({ _id: MARKER }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  return moved;
}
