import { createHash } from 'node:crypto';
import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import QRCode from 'qrcode';
import {
  GRANT_ROLE_DUTIES,
  PEOPLE_KINDS,
  localInstant,
  addDays,
  PLACEHOLDER_NAME,
  maskName,
  type CreateInvitationBody,
  type InvitationPreview,
  type InvitationStatus,
  type InvitationView,
  type ResourceKind,
  type z,
  type createInvitationBody,
  type listInvitationsQuery,
  type SessionUser,
  type GrantView,
} from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Cipher } from '../core/cipher';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { allOf, findByIds } from '../core/filters';
import type { Principal } from '../core/principal';
import { randomCode } from '../core/random-code';
import { UserModel, type User } from '../people/user.model';
import { ResourceModel, type Resource } from '../resources/resource.model';
import { WxacodeClient } from '../wechat/wxacode';
import { GrantPlaces } from './grant-places';
import { mayGrant, overseenFilter } from './grant-scope';
import { GrantModel, isActiveGrant, type Grant } from './grant.model';
import { GrantsService } from './grants.service';
import { InvitationModel, InvitationUseModel, type Invitation } from './invitation.model';
import { SessionUsers } from './session-users';
import { oid } from '../core/oid';

/** The page that accepts an invitation, in the mini-program and in the H5 version. */
export const INVITE_PAGE = 'packages/account/invite/index';
const DAY_MS = 24 * 3600 * 1000;
const hashOf = (code: string) => createHash('sha256').update(`gongzhi:invitation:${code}`).digest('hex');

type Body = z.output<typeof createInvitationBody>;
type ListQuery = z.output<typeof listInvitationsQuery>;

/**
 * Use cases of invitations (邀请): create_invitation, list_invitations, share_invitation (mini-program
 * code and link), cancel_invitation, and for the invitee preview_invitation and accept_invitation.
 */
@Provide()
export class InvitationsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  cipher!: Cipher;

  @Inject()
  places!: GrantPlaces;

  @Inject()
  grants!: GrantsService;

  @Inject()
  sessionUsers!: SessionUsers;

  @Inject()
  wxacode!: WxacodeClient;

  @Config('gongzhi')
  settings!: Settings;

  async createInvitation(
    user: Principal,
    body: Body | CreateInvitationBody,
    keyedId: Types.ObjectId | null,
  ): Promise<InvitationView> {
    const input = body as Body;
    if (keyedId) {
      const again = await this.db.model(InvitationModel).findById(keyedId).lean<Invitation>();
      if (again) return (await this.views([again]))[0];
    }
    const place = await this.places.resolve(input.role, input.placeId);
    if (!mayGrant(user, input.role, place.placeKeys)) {
      throw new AppError('FORBIDDEN', '您不能在这里授予这个身份');
    }
    let resourceId: Types.ObjectId | null = null;
    if (input.resourceId) {
      const r = await this.db.model(ResourceModel).findById(input.resourceId).lean<Resource>();
      const fits =
        !!r &&
        r.active &&
        input.role === 'servicePerson' &&
        !!r.unitId?.equals(place.placeId) &&
        (PEOPLE_KINDS as readonly ResourceKind[]).includes(r.kind);
      if (!fits) {
        const message = '请选择本单位资源清单里的人员（律师、教师、医生等）';
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.resourceId', message }]);
      }
      resourceId = r!._id;
    }
    const now = this.clock.now();
    const until = input.until ? localInstant(addDays(input.until, 1), 0) : null;
    if (until && until.getTime() <= now.getTime()) {
      const message = '授权截止日期不能早于今天';
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.until', message }]);
    }
    const code = randomCode(16);
    const invitation: Invitation = {
      _id: keyedId ?? new Types.ObjectId(),
      codeHash: hashOf(code),
      codeEnc: this.cipher.encrypt(code),
      role: input.role,
      placeKind: place.placeKind,
      placeId: place.placeId,
      placeKeys: place.placeKeys,
      resourceId,
      note: input.note,
      createdBy: oid(user.userId),
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.validDays * DAY_MS),
      until,
      cancelledAt: null,
      acceptedBy: null,
      acceptedAt: null,
      grantId: null,
    };
    try {
      await this.db.model(InvitationModel).create(invitation);
    } catch (err) {
      if (!(keyedId && isDuplicateKey(err))) throw err;
      const first = await this.db.model(InvitationModel).findById(keyedId).lean<Invitation>();
      return (await this.views([first!]))[0];
    }
    return (await this.views([invitation]))[0];
  }

  async listInvitations(user: Principal, query: ListQuery) {
    const scope = overseenFilter(user);
    if (!scope) throw new AppError('FORBIDDEN');
    // Everyone sees the invitations they sent; overseers also those sent within their place.
    const found = await this.db
      .model(InvitationModel)
      .find(allOf(scope))
      .sort({ createdAt: -1, _id: -1 })
      .lean<Invitation[]>();
    const now = this.clock.now();
    const rows = query.status ? found.filter((i) => statusOf(i, now) === query.status) : found;
    const start = (query.page - 1) * query.pageSize;
    return {
      items: await this.views(rows.slice(start, start + query.pageSize)),
      total: rows.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async shareInvitation(user: Principal, id: string) {
    const inv = await this.visible(user, id);
    if (statusOf(inv, this.clock.now()) !== 'open')
      throw new AppError('INVALID_TRANSITION', '这个邀请已失效，不能再分享');
    const code = this.cipher.decrypt(inv.codeEnc);
    const link = this.linkOf(code);
    const [linkQr, wx] = await Promise.all([
      QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      this.wxacode.getUnlimited(code, INVITE_PAGE),
    ]);
    return {
      link,
      linkQr: `data:image/svg+xml;base64,${Buffer.from(linkQr).toString('base64')}`,
      wxacode: wx.ok ? `data:${wx.type};base64,${wx.image.toString('base64')}` : null,
      wxacodeError: wx.ok ? null : wx.message,
    };
  }

  async cancelInvitation(user: Principal, id: string): Promise<InvitationView> {
    const inv = await this.visible(user, id);
    const status = statusOf(inv, this.clock.now());
    if (status !== 'open') throw new AppError('INVALID_TRANSITION', '只有待接受的邀请可以作废');
    if (inv.createdBy.toString() !== user.userId && !mayGrant(user, inv.role, inv.placeKeys)) {
      throw new AppError('FORBIDDEN', '只有发出邀请的人或上级可以作废');
    }
    const cancelledAt = this.clock.now();
    await this.db.model(InvitationModel).updateOne({ _id: inv._id, acceptedAt: null }, { $set: { cancelledAt } });
    return (await this.views([{ ...inv, cancelledAt }]))[0];
  }

  async previewInvitation(user: Principal, code: string): Promise<InvitationPreview> {
    const inv = await this.byCode(code);
    const now = this.clock.now();
    const [inviter] = await findByIds<User>(this.db.model(UserModel), [inv.createdBy], { name: 1 });
    const places = await this.places.views([inv]);
    const resource = await this.resourceRef(inv.resourceId);
    const held = user.grants.some((g) => g.role === inv.role && g.placeId === String(inv.placeId));
    return {
      role: inv.role,
      duty: GRANT_ROLE_DUTIES[inv.role],
      place: places.get(String(inv.placeId))!,
      invitedBy: inviter ? maskName(inviter.name) : '',
      note: inv.note,
      resource,
      expiresAt: inv.expiresAt.toISOString(),
      until: inv.until?.toISOString() ?? null,
      status: statusOf(inv, now),
      alreadyHeld: held,
      askName: user.name === PLACEHOLDER_NAME,
    };
  }

  /**
   * The invitee takes the post. The invitation's single use is an insert keyed by its id, so two
   * people accepting one code at once cannot both get the post. A grant refused for this person
   * (a post on another line of the tree) leaves the invitation open for the right person.
   */
  async acceptInvitation(
    user: Principal,
    code: string,
    name?: string,
  ): Promise<{ grant: GrantView; user: SessionUser }> {
    const inv = await this.byCode(code);
    const now = this.clock.now();
    const status = statusOf(inv, now);
    if (status === 'accepted' && inv.acceptedBy?.equals(user.userId)) return this.accepted(user, inv);
    if (status !== 'open') throw new AppError('INVALID_TRANSITION', STATUS_REFUSALS[status]);
    // A post is held by a named person: colleagues, the grants list and residents read the name.
    if (user.name === PLACEHOLDER_NAME && !name) {
      const message = '请填写您的真实姓名，方便同事和居民认出您';
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.name', message }]);
    }
    const me = oid(user.userId);
    try {
      await this.db.model(InvitationUseModel).create({ _id: inv._id, personId: me, at: now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const use = await this.db.model(InvitationUseModel).findById(inv._id).lean<{ personId: Types.ObjectId }>();
      if (use?.personId.equals(me)) return this.accepted(user, await this.byCode(code));
      throw new AppError('INVALID_TRANSITION', STATUS_REFUSALS.accepted);
    }
    let grant: Grant;
    try {
      grant = await this.grants.grantRole({
        personId: me,
        role: inv.role,
        placeId: inv.placeId,
        grantedBy: inv.createdBy,
        until: inv.until,
        invitationId: inv._id,
        resourceId: inv.resourceId,
      });
    } catch (err) {
      await this.db.model(InvitationUseModel).deleteOne({ _id: inv._id, personId: me });
      throw err;
    }
    await this.db
      .model(InvitationModel)
      .updateOne({ _id: inv._id }, { $set: { acceptedBy: me, acceptedAt: now, grantId: grant._id } });
    if (name && user.name === PLACEHOLDER_NAME) {
      await this.db.model(UserModel).updateOne({ _id: me }, { $set: { name } });
      await this.grants.principals.changed(me);
    }
    // A service person is the unit's person resource from now on: dispatches to it reach them.
    if (inv.resourceId)
      await this.db.model(ResourceModel).updateOne({ _id: inv.resourceId }, { $set: { personId: me } });
    const named = name && user.name === PLACEHOLDER_NAME ? { ...user, name } : user;
    return this.accepted(named, { ...inv, acceptedBy: me, acceptedAt: now, grantId: grant._id });
  }

  private async accepted(user: Principal, inv: Invitation) {
    const grant = await this.db.model(GrantModel).findById(inv.grantId).lean<Grant>();
    if (!grant) throw new AppError('CONFLICT', '邀请正在处理，请稍后刷新');
    const [view] = await this.grantViews(user, grant);
    return { grant: view, user: await this.sessionUsers.of(user.userId) };
  }

  private async grantViews(user: Principal, grant: Grant): Promise<GrantView[]> {
    const places = await this.places.views([grant]);
    const [inviter] = grant.grantedBy
      ? await findByIds<User>(this.db.model(UserModel), [grant.grantedBy], { name: 1 })
      : [];
    return [
      {
        id: String(grant._id),
        person: { id: user.userId, name: user.name, phone: null },
        role: grant.role,
        place: places.get(String(grant.placeId))!,
        grantedBy: inviter ? { id: String(inviter._id), name: inviter.name } : null,
        grantedAt: grant.grantedAt.toISOString(),
        until: grant.until?.toISOString() ?? null,
        status: isActiveGrant(grant, this.clock.now()) ? 'active' : grant.revokedAt ? 'revoked' : 'expired',
        revokedAt: grant.revokedAt?.toISOString() ?? null,
        revokedBy: null,
        revokeReason: grant.revokeReason,
        canRevoke: false,
      },
    ];
  }

  private async byCode(code: string): Promise<Invitation> {
    const inv = await this.db
      .model(InvitationModel)
      .findOne({ codeHash: hashOf(code) })
      .lean<Invitation>();
    if (!inv) throw new AppError('NOT_FOUND', '没有找到这个邀请，请确认链接或小程序码是否完整');
    return inv;
  }

  /** An invitation within the caller's oversight (or sent by them); otherwise 404. */
  private async visible(user: Principal, id: string): Promise<Invitation> {
    const inv = await this.db.model(InvitationModel).findById(id).lean<Invitation>();
    const keys = user.grants.map((g) => `${g.placeKind}:${g.placeId}`);
    const mine = !!inv && (inv.createdBy.toString() === user.userId || inv.placeKeys.some((k) => keys.includes(k)));
    if (!inv || !mine) throw new AppError('NOT_FOUND', '没有找到这个邀请');
    return inv;
  }

  private linkOf(code: string): string {
    return `${this.settings.publicUrl}/#/${INVITE_PAGE}?code=${code}`;
  }

  private async resourceRef(id: Types.ObjectId | null) {
    if (!id) return null;
    const r = await this.db.model(ResourceModel).findById(id, { name: 1 }).lean<Resource>();
    return r ? { id: String(r._id), name: r.name } : null;
  }

  private async views(rows: Invitation[]): Promise<InvitationView[]> {
    const now = this.clock.now();
    const people = await findByIds<User>(
      this.db.model(UserModel),
      rows.flatMap((r) => [r.createdBy, r.acceptedBy].filter((x): x is Types.ObjectId => !!x)),
      { name: 1 },
    );
    const names = new Map(people.map((p) => [String(p._id), p.name]));
    const ref = (id: Types.ObjectId | null) => (id ? { id: String(id), name: names.get(String(id)) ?? '' } : null);
    const places = await this.places.views(rows);
    const resources = await findByIds<Resource>(
      this.db.model(ResourceModel),
      rows.map((r) => r.resourceId).filter((x): x is Types.ObjectId => !!x),
      { name: 1 },
    );
    const resourceNames = new Map(resources.map((r) => [String(r._id), r.name]));
    return rows.map((r) => {
      const status = statusOf(r, now);
      const code = status === 'open' ? this.cipher.decrypt(r.codeEnc) : null;
      return {
        id: String(r._id),
        role: r.role,
        place: places.get(String(r.placeId)) ?? { kind: r.placeKind, id: String(r.placeId), name: '', path: '' },
        note: r.note,
        resource: r.resourceId
          ? { id: String(r.resourceId), name: resourceNames.get(String(r.resourceId)) ?? '' }
          : null,
        createdBy: ref(r.createdBy)!,
        createdAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        until: r.until?.toISOString() ?? null,
        status,
        acceptedBy: ref(r.acceptedBy),
        acceptedAt: r.acceptedAt?.toISOString() ?? null,
        code,
        link: code ? this.linkOf(code) : null,
        mpPath: code ? `${INVITE_PAGE}?code=${code}` : null,
      };
    });
  }
}

export function statusOf(i: Pick<Invitation, 'acceptedAt' | 'cancelledAt' | 'expiresAt'>, now: Date): InvitationStatus {
  if (i.acceptedAt) return 'accepted';
  if (i.cancelledAt) return 'cancelled';
  return i.expiresAt > now ? 'open' : 'expired';
}

const STATUS_REFUSALS: Record<InvitationStatus, string> = {
  open: '',
  accepted: '这个邀请已经被使用过了，请向邀请人要一个新的',
  expired: '这个邀请已过期，请向邀请人要一个新的',
  cancelled: '这个邀请已被作废，请向邀请人确认',
};
