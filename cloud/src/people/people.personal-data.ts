import { OrgModel, type Org } from '../org/org.model';
import { AuditModel, type AuditEntry } from '../core/audit';
import { IdempotencyModel } from '../core/idempotency.model';
import { ERASED_NAME, registerPersonalData } from './personal-data';
import { UserModel, WxIdentityModel, type User } from './user.model';

// The profile itself, the WeChat identity, and who on the staff read this person's data (audit log).
registerPersonalData({
  area: 'people',
  async exportFor({ db }, userId) {
    const user = await db.model(UserModel).findById(userId).lean<User>();
    if (!user) return null;
    const org = user.orgId ? await db.model(OrgModel).findById(user.orgId).lean<Org>() : null;
    const wechatLinked = await db.model(WxIdentityModel).exists({ userId });
    const reads = await db
      .model(AuditModel)
      .find({ subjectId: userId, actorId: { $ne: userId } })
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
      /** PIPL: which staff roles read my data, what, when and why. */
      readsByStaff: reads.map((r) => ({ actorRoles: r.actorRoles, what: r.what, via: r.via, at: r.at })),
    };
  },
  async eraseFor({ db, now }, userId) {
    // No WeChat identity: the next wx.login creates a new, empty account instead of reaching this one.
    await db.model(WxIdentityModel).deleteMany({ userId });
    // Stored replies to the person's retried requests hold what they submitted (phones, words).
    await db.model(IdempotencyModel).deleteMany({ _id: { $regex: `^${String(userId)}:` } });
    const user = await db.model(UserModel).findById(userId).lean<User>();
    if (!user) return;
    await db.model(UserModel).updateOne(
      { _id: userId },
      {
        // The community stays (statistics by community); the building, a home address, goes.
        $set: { name: ERASED_NAME, phone: null, orgId: user.communityId, erasedAt: user.erasedAt ?? now },
        $unset: { demoAccount: 1 },
      },
    );
  },
});
