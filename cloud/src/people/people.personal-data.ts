import { OrgModel, type Org } from '../org/org.model';
import { AuditModel, type AuditEntry } from '../audit/audit-log';
import { IdempotencyModel, IdempotencyTakeoverModel } from '../core/idempotency.model';
import { HomeMoveModel, RecordLinkAttemptModel, RecordLinkModel, type HomeMove } from './join.model';
import { ERASED_NAME, registerPersonalData } from './personal-data';
import { UserModel, WxIdentityModel, type User } from './user.model';

// The profile itself, the WeChat identity, and who on the staff read this person's data (audit log).
registerPersonalData({
  area: 'people',
  collections: [
    'homeMoves',
    'idempotency',
    'idempotencyTakeovers',
    'users',
    'wxIdentities',
    'recordLinks',
    'recordLinkAttempts',
  ],
  async exportFor({ db }, userId) {
    const user = await db.model(UserModel).findById(userId).lean<User>();
    if (!user) return null;
    const org = user.orgId ? await db.model(OrgModel).findById(user.orgId).lean<Org>() : null;
    const wechatLinked = await db.model(WxIdentityModel).exists({ userId });
    const moves = await db.model(HomeMoveModel).find({ userId }).sort({ at: 1 }).lean<HomeMove[]>();
    const reads = await db
      .model(AuditModel)
      .find({ $or: [{ subjectId: userId }, { subjectUserId: userId }], actorId: { $ne: userId } })
      .sort({ at: -1 })
      .limit(1000)
      .lean<AuditEntry[]>();
    return {
      profile: {
        id: String(user._id),
        name: user.name,
        roles: user.roles,
        phone: user.phone,
        place: org ? { id: String(org._id), kind: org.kind, name: org.name } : null,
        createdAt: user.createdAt,
      },
      wechatLinked: !!wechatLinked,
      homeMoves: moves.map((m) => ({ from: m.from?.orgId ?? null, to: m.to.orgId, at: m.at })),
      /** PIPL: which staff roles read my data, what, when and why. */
      readsByStaff: reads.map((r) => ({ actorRoles: r.actorRoles, what: r.what, via: r.via, at: r.at })),
    };
  },
  async eraseFor({ db, now }, userId) {
    // No WeChat identity: the next wx.login creates a new, empty account instead of reaching this one.
    await db.model(WxIdentityModel).deleteMany({ userId });
    // Stored replies to the person's retried requests hold what they submitted (phones, words).
    const mine = { _id: { $regex: `^${String(userId)}:` } };
    await db.model(IdempotencyModel).deleteMany(mine);
    await db.model(IdempotencyTakeoverModel).deleteMany(mine);
    // The account is no longer anyone's imported record, and its attempts to link one go.
    await db.model(RecordLinkModel).deleteMany({ $or: [{ userId }, { fromUserId: userId }] });
    await db.model(RecordLinkAttemptModel).deleteMany({ userId });
    const user = await db.model(UserModel).findById(userId).lean<User>();
    if (!user) return;
    await db.model(UserModel).updateOne(
      { _id: userId },
      {
        // The community stays (statistics by community); the building, a home address, goes.
        $set: { name: ERASED_NAME, phone: null, orgId: user.communityId, erasedAt: user.erasedAt ?? now },
        // The ID number (and its blind index, which would find the person again in a re-import) go.
        $unset: { demoAccount: 1, idNumberHash: 1, idNumberEnc: 1 },
      },
    );
  },
  // Runs last: the WeChat sign-in moves to the person, who keeps their own home and phone (or takes
  // the ones the bare account chose), and the bare account is closed (its tokens stop working).
  async mergeInto({ db, now }, from, to) {
    const users = db.model(UserModel);
    const [bare, person] = await Promise.all([users.findById(from).lean<User>(), users.findById(to).lean<User>()]);
    if (!bare || !person) return;
    await db.model(WxIdentityModel).updateMany({ userId: from }, { $set: { userId: to } });
    const set: Partial<User> = {};
    if (!person.phone && bare.phone) set.phone = bare.phone;
    if (!person.orgId && bare.orgId && bare.communityId) {
      set.orgId = bare.orgId;
      set.communityId = bare.communityId;
      await db.model(HomeMoveModel).create({
        userId: to,
        from: null,
        to: { orgId: bare.orgId, communityId: bare.communityId },
        at: now,
      });
    }
    if (Object.keys(set).length) await users.updateOne({ _id: to }, { $set: set });
    await users.updateOne({ _id: from }, { $set: { mergedInto: to } });
  },
});
