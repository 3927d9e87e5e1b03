import { Types } from 'mongoose';
import { type Db, isDuplicateKey } from '../core/db';
import { UserModel, type User } from '../people/user.model';
import { MemberLinkModel, type MemberLinkDoc } from './member-link.model';
import { PartyMemberModel, type PartyMemberDoc } from './party-member.model';

export type LinkOutcome = 'linked' | 'alreadyLinked' | 'userTaken' | 'memberTaken';

/**
 * Links an account to a party member: the insert into `partyMemberLinks` decides (see the model),
 * then the member's `userId` is set from it. Idempotent: linking the same pair again only re-applies
 * the projection (which also repairs one a crash left unset).
 */
export async function linkMemberToUser(
  db: Db,
  memberId: Types.ObjectId,
  userId: Types.ObjectId,
  how: MemberLinkDoc['how'],
  linkedBy: Types.ObjectId | null,
  at: Date,
): Promise<LinkOutcome> {
  let outcome: LinkOutcome = 'linked';
  try {
    await db.model(MemberLinkModel).create({ _id: userId, memberId, how, linkedBy, at });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const mine = await db.model(MemberLinkModel).findById(userId).lean<MemberLinkDoc>();
    if (mine && !mine.memberId.equals(memberId)) return 'userTaken';
    if (!mine) return 'memberTaken';
    outcome = 'alreadyLinked';
  }
  await db.model(PartyMemberModel).updateOne({ _id: memberId }, { $set: { userId } });
  return outcome;
}

/** Removes a member's link (if any); returns the user it was linked to. */
export async function unlinkMember(db: Db, memberId: Types.ObjectId): Promise<Types.ObjectId | null> {
  const link = await db.model(MemberLinkModel).findOne({ memberId }).lean<MemberLinkDoc>();
  await db.model(PartyMemberModel).updateOne({ _id: memberId }, { $set: { userId: null } });
  if (!link) return null;
  await db.model(MemberLinkModel).deleteOne({ _id: link._id, memberId });
  return link._id;
}

/**
 * Links members and accounts that carry the same ID-number blind index (members' `idHash`, users'
 * `idNumberHash`), for the given hashes: called after party members or people are imported or seeded.
 * A hash already linked elsewhere is left alone (a staff member may have linked it by hand).
 */
export async function linkByIdHashes(db: Db, hashes: string[], at: Date): Promise<number> {
  if (!hashes.length) return 0;
  const [members, users] = await Promise.all([
    db
      .model(PartyMemberModel)
      .find({ idHash: { $in: hashes }, userId: null }, { idHash: 1 })
      .lean<Pick<PartyMemberDoc, '_id' | 'idHash'>[]>(),
    db
      .model(UserModel)
      .find({ idNumberHash: { $in: hashes }, erasedAt: null }, { idNumberHash: 1 })
      .lean<Pick<User, '_id' | 'idNumberHash'>[]>(),
  ]);
  const userOf = new Map(users.map((u) => [u.idNumberHash!, u._id]));
  let linked = 0;
  for (const m of members) {
    const userId = userOf.get(m.idHash);
    if (!userId) continue;
    if ((await linkMemberToUser(db, m._id, userId, 'idNumber', null, at)) === 'linked') linked++;
  }
  return linked;
}
