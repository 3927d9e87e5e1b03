import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { JoinCommunity, JoinPlaces, SessionUser, SetHomeBody } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from '../core/principal';
import { SignInService } from '../grants/sign-in.service';
import { OrgModel, type Org } from '../org/org.model';
import { PhoneNumberClient } from '../wechat/phone-number';
import { HomeMoveModel } from './join.model';
import { UserModel, type User } from './user.model';

const byName = new Intl.Collator('zh-Hans-CN', { numeric: true }).compare;
const isActive = (o: Pick<Org, 'active'>) => o.active !== false;

/** Metres between two points on the earth (haversine; GCJ-02 is close enough to WGS-84 for "nearest first"). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

/** Use cases: list_join_communities, list_join_places, set_my_home (join or move), bind_my_phone. */
@Provide()
export class JoinService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  @Inject()
  signIn!: SignInService;

  @Inject()
  phones!: PhoneNumberClient;

  async listCommunities(query: { lng?: number; lat?: number; q?: string }) {
    // The county has tens of communities: one read, filtered and ordered here.
    const orgs = (
      await this.db
        .model(OrgModel)
        .find({ kind: { $in: ['street', 'community'] } }, { kind: 1, name: 1, parentId: 1, location: 1, active: 1 })
        .lean<Org[]>()
    ).filter(isActive);
    const streets = new Map(orgs.filter((o) => o.kind === 'street').map((s) => [String(s._id), s]));
    const here = query.lng !== undefined && query.lat !== undefined ? { lng: query.lng, lat: query.lat } : null;
    const q = query.q?.trim();
    const items: JoinCommunity[] = orgs
      .filter((o) => o.kind === 'community')
      .map((c) => {
        const street = c.parentId ? streets.get(String(c.parentId)) : undefined;
        return {
          id: String(c._id),
          name: c.name,
          street: street ? { id: String(street._id), name: street.name } : null,
          distanceM: here && c.location ? distanceM(here, c.location) : null,
        };
      })
      .filter((c) => !q || c.name.includes(q) || !!c.street?.name.includes(q));
    // Nearest first; communities without a known location after those with one, by name.
    items.sort(
      (a, b) =>
        (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) || byName(a.name, b.name) || a.id.localeCompare(b.id),
    );
    return { items, byDistance: !!here };
  }

  async listPlaces(communityId: string): Promise<JoinPlaces> {
    const community = await this.activeOrg(communityId, 'community', 'params.id');
    const below = (
      await this.db
        .model(OrgModel)
        .find(
          { ancestors: community._id, kind: { $in: ['complex', 'building'] } },
          { kind: 1, name: 1, parentId: 1, active: 1 },
        )
        .lean<Org[]>()
    ).filter(isActive);
    const buildings = below.filter((o) => o.kind === 'building').sort((a, b) => byName(a.name, b.name));
    return {
      community: { id: String(community._id), name: community.name },
      complexes: below
        .filter((o) => o.kind === 'complex')
        .sort((a, b) => byName(a.name, b.name))
        .map((x) => ({
          id: String(x._id),
          name: x.name,
          buildings: buildings
            .filter((b) => b.parentId?.equals(x._id))
            .map((b) => ({ id: String(b._id), name: b.name })),
        })),
    };
  }

  /** Joining a community, or moving: the home changes, the move is recorded, earlier records keep their place. */
  async setHome(user: Principal, body: SetHomeBody): Promise<SessionUser> {
    const community = await this.activeOrg(body.communityId, 'community', 'body.communityId');
    let home = community;
    if (body.complexId) {
      const complex = await this.activeOrg(body.complexId, 'complex', 'body.complexId');
      if (!complex.ancestors.some((a) => a.equals(community._id)))
        throw fieldError('body.complexId', '这个小区不在所选社区');
      home = complex;
      if (body.buildingId) {
        const building = await this.activeOrg(body.buildingId, 'building', 'body.buildingId');
        if (!building.parentId?.equals(complex._id)) throw fieldError('body.buildingId', '这栋楼不在所选小区');
        home = building;
      }
    }
    const userId = new Types.ObjectId(user.userId);
    const me = await this.db.model(UserModel).findById(userId, { orgId: 1, communityId: 1, roles: 1 }).lean<User>();
    if (!me) throw new AppError('TOKEN_INVALID');
    if (!me.orgId?.equals(home._id) || !me.roles.includes('resident')) {
      // The history first: a crash before the update leaves a move the retry repeats, never a silent one.
      if (!me.orgId?.equals(home._id))
        await this.db.model(HomeMoveModel).create({
          userId,
          from: me.orgId ? { orgId: me.orgId, communityId: me.communityId } : null,
          to: { orgId: home._id, communityId: community._id },
          at: this.clock.now(),
        });
      await this.db
        .model(UserModel)
        .updateOne(
          { _id: userId },
          { $set: { orgId: home._id, communityId: community._id }, $addToSet: { roles: 'resident' } },
        );
      await this.principals.changed(userId);
    }
    return this.signIn.showMe(user.userId);
  }

  async bindPhone(user: Principal, code: string): Promise<SessionUser> {
    const result = await this.phones.getPhoneNumber(code);
    if (!result.ok && result.reason === 'invalidCode')
      throw fieldError('body.code', '手机号授权已过期，请重新点击“绑定手机号”');
    if (!result.ok) throw new AppError('WX_UNAVAILABLE', '微信暂时无法提供手机号，请稍后再试');
    if (result.countryCode !== '86' || !/^1[3-9]\d{9}$/.test(result.purePhoneNumber))
      throw fieldError('body.code', '目前只能绑定中国大陆的手机号，请在微信里换一个号码，或请社区工作人员帮您登记');
    await this.db.model(UserModel).updateOne({ _id: user.userId }, { $set: { phone: result.purePhoneNumber } });
    return this.signIn.showMe(user.userId);
  }

  private async activeOrg(id: string, kind: Org['kind'], path: string): Promise<Org> {
    const org = await this.db.model(OrgModel).findById(id).lean<Org>();
    const label = { community: '社区', complex: '小区', building: '楼栋' }[kind as 'community'] ?? '地点';
    if (!org || org.kind !== kind || !isActive(org)) {
      if (path.startsWith('params.')) throw new AppError('NOT_FOUND', `没有找到该${label}`);
      throw fieldError(path, `没有找到该${label}，请重新选择`);
    }
    return org;
  }
}

function fieldError(path: string, message: string) {
  return new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}
