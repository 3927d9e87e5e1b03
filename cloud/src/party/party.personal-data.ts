import type { Types } from 'mongoose';
import type { Db } from '../core/db';
import { registerPersonalData } from '../people/personal-data';
import { BranchModel, type BranchDoc } from './branch.model';
import { MemberLinkModel, type MemberLinkDoc } from './member-link.model';
import { linkMemberToUser, unlinkMember } from './member-links';
import { PartyMemberModel, type PartyMemberDoc } from './party-member.model';
import { StudySessionModel, type StudySessionDoc } from './study-session.model';
import { EvaluationModel, RegistrationModel, type EvaluationDoc, type RegistrationDoc } from './registration.model';

// 双报到 is the person's own record (and says they are a party member): exported with its year-end
// evaluations, and deleted with the account. The link to a roster member (and the study sessions
// attended through it) is exported; deleting the account removes the link, the roster stays the branch's.
registerPersonalData({
  area: 'party',
  collections: ['branches', 'evaluations', 'partyMemberLinks', 'partyMembers', 'registrations', 'partyStudySessions'],
  async exportFor({ db }, userId) {
    const membership = await partyMembershipOf(db, userId);
    const reg = await db.model(RegistrationModel).findOne({ userId }).lean<RegistrationDoc>();
    if (!reg) return { membership, registration: null, evaluations: [] };
    const evaluations = await db
      .model(EvaluationModel)
      .find({ registrationId: reg._id })
      .sort({ year: -1 })
      .lean<EvaluationDoc[]>();
    return {
      membership,
      registration: {
        communityId: String(reg.communityId),
        postId: String(reg.postId),
        unitId: String(reg.unitId),
        registeredAt: reg.registeredAt,
      },
      evaluations: evaluations.map((e) => ({ year: e.year, rating: e.rating, comment: e.comment, at: e.at })),
    };
  },
  async eraseFor({ db }, userId) {
    const link = await db.model(MemberLinkModel).findById(userId).lean<MemberLinkDoc>();
    if (link) await unlinkMember(db, link.memberId);
    const reg = await db.model(RegistrationModel).findOne({ userId }, { _id: 1 }).lean<{ _id: unknown }>();
    if (!reg) return;
    await db.model(EvaluationModel).deleteMany({ registrationId: reg._id });
    await db.model(RegistrationModel).deleteOne({ _id: reg._id });
  },
  // The person's own 双报到 and roster link win; the bare account's move over only where they have none.
  async mergeInto({ db, now }, from, to) {
    const regs = db.model(RegistrationModel);
    if (!(await regs.exists({ userId: to }))) await regs.updateOne({ userId: from }, { $set: { userId: to } });
    const link = await db.model(MemberLinkModel).findById(from).lean<MemberLinkDoc>();
    if (link && !(await db.model(MemberLinkModel).exists({ _id: to }))) {
      await unlinkMember(db, link.memberId);
      await linkMemberToUser(db, link.memberId, to, link.how, link.linkedBy, now);
    }
    for (const s of await db.model(StudySessionModel).find({ userIds: from }).lean<StudySessionDoc[]>()) {
      const userIds = s.userIds.map((u) => (u.equals(from) ? to : u));
      await db.model(StudySessionModel).updateOne({ _id: s._id }, { $set: { userIds } });
    }
  },
});

async function partyMembershipOf(db: Db, userId: Types.ObjectId) {
  const link = await db.model(MemberLinkModel).findById(userId).lean<MemberLinkDoc>();
  if (!link) return null;
  const member = await db.model(PartyMemberModel).findById(link.memberId, { branchId: 1 }).lean<PartyMemberDoc>();
  const branch = member ? await db.model(BranchModel).findById(member.branchId, { name: 1 }).lean<BranchDoc>() : null;
  const sessions = await db
    .model(StudySessionModel)
    .find({ userIds: userId }, { date: 1, topic: 1 })
    .sort({ date: -1 })
    .lean<StudySessionDoc[]>();
  return {
    branchName: branch?.name ?? null,
    linkedAt: link.at,
    linkedBy: link.how,
    studySessions: sessions.map((x) => ({ date: x.date, topic: x.topic })),
  };
}
