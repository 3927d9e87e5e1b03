import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  GRANT_ROLES,
  PLACEHOLDER_NAME,
  ROLES,
  ROLE_LABELS,
  type DemoAccount,
  type Role,
  type SessionResponse,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { findByIds } from '../core/filters';
import { Tokens } from '../core/tokens';
import { RateLimits } from '../core/rate-limits';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { UserModel, WxIdentityModel, type User, type WxIdentity } from '../people/user.model';
import { WechatClient } from '../wechat/wechat.client';
import { GrantModel, isActiveGrant, type Grant } from './grant.model';
import { SessionUsers } from './session-users';

/** Use cases of signing in: list_demo_accounts, sign_in_demo, sign_in_wechat, show_me; `session` for the others. */
@Provide()
export class SignInService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  tokens!: Tokens;

  @Inject()
  wechat!: WechatClient;

  @Inject()
  sessionUsers!: SessionUsers;

  @Inject()
  limits!: RateLimits;

  async listDemoAccounts(): Promise<DemoAccount[]> {
    const users = await this.db
      .model(UserModel)
      .find({ demoAccount: { $exists: true } })
      .lean<User[]>();
    const now = this.clock.now();
    const grants = (await this.db.model(GrantModel).find({ revokedAt: null }).lean<Grant[]>()).filter((g) =>
      isActiveGrant(g, now),
    );
    // Each account is shown by its most senior post, else by who it is (resident, volunteer…).
    const post = new Map<string, Grant>();
    for (const g of grants.sort((a, b) => GRANT_ROLES.indexOf(a.role) - GRANT_ROLES.indexOf(b.role))) {
      if (!post.has(String(g.personId))) post.set(String(g.personId), g);
    }
    const roleOf = (u: User): Role => post.get(String(u._id))?.role ?? u.roles[0] ?? 'resident';
    const placeIds = users
      .map((u) => post.get(String(u._id))?.placeId ?? u.orgId)
      .filter((id): id is Types.ObjectId => !!id);
    const [orgs, units] = await Promise.all([
      findByIds<Org>(this.db.model(OrgModel), placeIds, { name: 1 }),
      findByIds<Unit>(this.db.model(UnitModel), placeIds, { name: 1 }),
    ]);
    const placeName = new Map([...orgs, ...units].map((o) => [String(o._id), o.name]));
    // Residents first, county last: the order of ROLES.
    users.sort(
      (a, b) => ROLES.indexOf(roleOf(a)) - ROLES.indexOf(roleOf(b)) || a.demoAccount!.localeCompare(b.demoAccount!),
    );
    return users.map((u) => ({
      account: u.demoAccount!,
      name: u.name,
      role: roleOf(u),
      roleLabel: ROLE_LABELS[roleOf(u)],
      orgName: placeName.get(String(post.get(String(u._id))?.placeId ?? u.orgId)) ?? '',
    }));
  }

  async signInDemo(account: string): Promise<SessionResponse> {
    await this.limits.take(['signInAccount', `demo:${account}`]);
    const user = await this.db.model(UserModel).findOne({ demoAccount: account }).lean<User>();
    if (!user)
      throw new AppError('NOT_FOUND', '没有这个演示账号', [{ path: 'body.account', message: '没有这个演示账号' }]);
    return this.session(String(user._id));
  }

  async signInWechat(code: string): Promise<SessionResponse> {
    const wx = await this.wechat.code2Session(code);
    // 限流 per WeChat account (per address: @Handle, the endpoint's signIn group).
    await this.limits.take(['signInAccount', `wx:${wx.openid}`]);
    const identities = this.db.model(WxIdentityModel);
    let userId = (await identities.findById(wx.openid).lean<WxIdentity>())?.userId;
    if (!userId) {
      // First sign-in: a new resident without a place yet; they choose their community next.
      const user = await this.db.model(UserModel).create({ name: PLACEHOLDER_NAME, roles: ['resident'] });
      try {
        await identities.create({
          _id: wx.openid,
          userId: user._id,
          unionId: wx.unionid,
          sessionKey: wx.sessionKey,
          updatedAt: new Date(),
        });
        userId = user._id;
      } catch (err) {
        // A simultaneous first sign-in won the insert: use its user, drop ours.
        if (!isDuplicateKey(err)) throw err;
        await this.db.model(UserModel).deleteOne({ _id: user._id });
        userId = (await identities.findById(wx.openid).lean<WxIdentity>())?.userId;
        if (!userId) throw err;
      }
    } else {
      await identities.updateOne({ _id: wx.openid }, { $set: { sessionKey: wx.sessionKey, updatedAt: new Date() } });
    }
    return this.session(String(userId));
  }

  /** A token and the person, for a mini-program sign-in (no session id) or a browser session. */
  async session(userId: string, browser?: { sessionId: string; hours: number }): Promise<SessionResponse> {
    // Resolving first refuses a disabled or deleted account before any token exists.
    const user = await this.sessionUsers.of(userId);
    const { token, expiresAt } = browser
      ? this.tokens.issue({ userId, sessionId: browser.sessionId }, browser.hours)
      : this.tokens.issue({ userId, sessionId: null });
    return { token, expiresAt, user };
  }

  showMe(userId: string) {
    return this.sessionUsers.of(userId);
  }
}
