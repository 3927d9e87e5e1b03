import { registerPersonalData } from '../people/personal-data';
import { GrantModel, type Grant } from './grant.model';
import { InvitationModel, InvitationUseModel } from './invitation.model';
import { BrowserSessionModel } from './session.model';

// A person's posts (grants), the invitations they accepted, their H5 sign-ins. On erasure every post
// of theirs ends now (a deleted account holds no office); the grants stay as the record of who held
// which post when, under an id that no longer names anyone. Their browser sessions go.
registerPersonalData({
  area: 'grants',
  collections: ['grants', 'invitations', 'invitationUses', 'browserSessions', 'setupClaims'],
  async exportFor({ db }, userId) {
    const grants = await db.model(GrantModel).find({ personId: userId }).sort({ grantedAt: 1 }).lean<Grant[]>();
    return grants.map((g) => ({
      role: g.role,
      placeKind: g.placeKind,
      placeId: String(g.placeId),
      grantedAt: g.grantedAt,
      until: g.until,
      revokedAt: g.revokedAt,
    }));
  },
  async eraseFor({ db, now }, userId) {
    await db
      .model(GrantModel)
      .updateMany(
        { personId: userId, revokedAt: null },
        { $set: { revokedAt: now, revokedBy: userId, revokeReason: '账号已注销' } },
      );
    await db.model(BrowserSessionModel).deleteMany({ userId });
    // The uses of an invitation and of the setup code stay (they hold single use, by id only); the
    // note the granter wrote on the person's invitation ("刘明律师") goes.
    const used = await db.model(InvitationUseModel).find({ personId: userId }, { _id: 1 }).lean<{ _id: unknown }[]>();
    if (used.length)
      await db.model(InvitationModel).updateMany({ _id: { $in: used.map((u) => u._id) } }, { $set: { note: '' } });
  },
});
