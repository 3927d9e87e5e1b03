import { Inject, Provide } from '@midwayjs/core';
import {
  ROLES,
  ROLE_LABELS,
  maskPhone,
  type DemoAccount,
  type SessionResponse,
  type SessionUser,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db, isDuplicateKey } from '../core/db';
import { Tokens } from '../core/tokens';
import { OrgService } from '../org/org.service';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { WechatClient } from '../wechat/wechat.client';
import { UserModel, WxIdentityModel, type User, type WxIdentity } from './user.model';

/** Use cases of signing in: list_demo_accounts, sign_in_demo, sign_in_wechat, show_me. */
@Provide()
export class SignInService {
  @Inject()
  db!: Db;

  @Inject()
  tokens!: Tokens;

  @Inject()
  orgs!: OrgService;

  @Inject()
  wechat!: WechatClient;

  async listDemoAccounts(): Promise<DemoAccount[]> {
    const users = await this.db
      .model(UserModel)
      .find({ demoAccount: { $exists: true } })
      .lean<User[]>();
    // Residents first, county last: the order of ROLES.
    users.sort(
      (a, b) => ROLES.indexOf(a.roles[0]) - ROLES.indexOf(b.roles[0]) || a.demoAccount!.localeCompare(b.demoAccount!),
    );
    const orgIds = users.map((u) => u.orgId).filter((id) => id !== null);
    const orgs = await this.db
      .model(OrgModel)
      .find({ _id: { $in: orgIds } })
      .lean<Org[]>();
    const unitIds = users.map((u) => u.unitId).filter((id) => id !== null);
    const units = await this.db
      .model(UnitModel)
      .find({ _id: { $in: unitIds } })
      .lean<Unit[]>();
    const placeName = new Map([...orgs, ...units].map((o) => [String(o._id), o.name]));
    return users.map((u) => ({
      account: u.demoAccount!,
      name: u.name,
      role: u.roles[0],
      roleLabel: ROLE_LABELS[u.roles[0]],
      // A unit admin is known by their unit, everyone else by their place in the tree.
      orgName: placeName.get(String(u.unitId ?? u.orgId)) ?? '',
    }));
  }

  async signInDemo(account: string): Promise<SessionResponse> {
    const user = await this.db.model(UserModel).findOne({ demoAccount: account }).lean<User>();
    if (!user)
      throw new AppError('NOT_FOUND', '没有这个演示账号', [{ path: 'body.account', message: '没有这个演示账号' }]);
    return this.session(user);
  }

  async signInWechat(code: string): Promise<SessionResponse> {
    const wx = await this.wechat.code2Session(code);
    const identities = this.db.model(WxIdentityModel);
    let userId = (await identities.findById(wx.openid).lean<WxIdentity>())?.userId;
    if (!userId) {
      // First sign-in: a new resident without a place yet; they choose their community later.
      const user = await this.db.model(UserModel).create({ name: '微信用户', roles: ['resident'] });
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
    const user = await this.db.model(UserModel).findById(userId).lean<User>();
    if (!user) throw new AppError('TOKEN_INVALID');
    return this.session(user);
  }

  async showMe(userId: string): Promise<SessionUser> {
    const user = await this.db.model(UserModel).findById(userId).lean<User>();
    if (!user) throw new AppError('TOKEN_INVALID');
    return this.sessionUser(user);
  }

  private async session(user: User): Promise<SessionResponse> {
    const street = await this.orgs.streetOf(await this.orgs.get(user.orgId));
    const { token, expiresAt } = this.tokens.issue({
      userId: String(user._id),
      roles: user.roles,
      orgId: user.orgId ? String(user.orgId) : null,
      communityId: user.communityId ? String(user.communityId) : null,
      streetId: street ? String(street._id) : null,
    });
    return { token, expiresAt, user: await this.sessionUser(user) };
  }

  private async sessionUser(user: User): Promise<SessionUser> {
    const org = await this.orgs.get(user.orgId);
    const community = await this.orgs.get(user.communityId);
    return {
      id: String(user._id),
      name: user.name,
      roles: user.roles,
      phone: maskPhone(user.phone),
      org: this.orgs.ref(org),
      community: community ? { id: String(community._id), name: community.name } : null,
    };
  }
}
