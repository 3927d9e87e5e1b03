import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  GRANT_ROLES,
  maskPhone,
  type GrantRole,
  type GrantStatus,
  type GrantView,
  type MyPost,
  type z,
  type listGrantsQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { allOf, findByIds } from '../core/filters';
import type { Principal } from '../core/principal';
import { UserModel, type User } from '../people/user.model';
import { GrantModel, isActiveGrant, type Grant } from './grant.model';
import { GrantPlaces, type ResolvedPlace } from './grant-places';
import { mayGrant, overseenFilter } from './grant-scope';
import { Principals } from './principals';
import { oid } from '../core/oid';

/** What a grant is made of, by whoever makes it (an accepted invitation, the setup code, the demo county). */
export interface GrantInput {
  personId: Types.ObjectId;
  role: GrantRole;
  placeId: Types.ObjectId | string;
  grantedBy: Types.ObjectId | null;
  until?: Date | null;
  invitationId?: Types.ObjectId | null;
  resourceId?: Types.ObjectId | null;
}

type ListQuery = z.output<typeof listGrantsQuery>;

/**
 * Use cases of grants (授权): grant_role (for invitations, the setup code and the demo county),
 * list_grants, revoke_grant; and for other areas: holders (who holds a role at a place), posts_of.
 */
@Provide()
export class GrantsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  places!: GrantPlaces;

  @Inject()
  principals!: Principals;

  /**
   * Makes a grant. Holding the same post already is not an error (the existing grant is returned).
   * A person holds posts at org nodes along one line of the tree only (their scope is that line's
   * most senior place) and acts for one unit at most.
   */
  async grantRole(input: GrantInput, place?: ResolvedPlace): Promise<Grant> {
    const now = this.clock.now();
    const at = place ?? (await this.places.resolve(input.role, input.placeId));
    const held = (
      await this.db.model(GrantModel).find({ personId: input.personId, revokedAt: null }).lean<Grant[]>()
    ).filter((g) => isActiveGrant(g, now));
    const same = held.find((g) => g.role === input.role && g.placeId.equals(at.placeId));
    if (same) return same;
    for (const g of held) {
      if (g.placeKind === 'unit' && at.placeKind === 'unit' && !g.placeId.equals(at.placeId)) {
        throw new AppError('CONFLICT', '此人已在另一家驻区单位任职，请先撤销原来的授权');
      }
      const nested = (a: string[], b: Pick<Grant, 'placeKind' | 'placeId'>) =>
        a.includes(`${b.placeKind}:${String(b.placeId)}`);
      if (g.placeKind !== 'unit' && at.placeKind !== 'unit' && !nested(at.placeKeys, g) && !nested(g.placeKeys, at)) {
        throw new AppError('CONFLICT', '此人已在其他地方任职；一个账号只能在同一条上下级线上任职，请先撤销原来的授权');
      }
    }
    const grant: Grant = {
      _id: new Types.ObjectId(),
      personId: input.personId,
      role: input.role,
      placeKind: at.placeKind,
      placeId: at.placeId,
      streetId: at.placeKind === 'street' ? at.placeId : at.streetId,
      communityId: at.communityId,
      placeKeys: at.placeKeys,
      resourceId: input.resourceId ?? null,
      grantedBy: input.grantedBy,
      grantedAt: now,
      invitationId: input.invitationId ?? null,
      until: input.until ?? null,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    };
    await this.db.model(GrantModel).create(grant);
    await this.principals.changed(input.personId);
    return grant;
  }

  async listGrants(user: Principal, query: ListQuery) {
    const scope = overseenFilter(user);
    if (!scope) throw new AppError('FORBIDDEN');
    const now = this.clock.now();
    const parts: Record<string, unknown>[] = [scope];
    if (query.role) parts.push({ role: query.role });
    if (query.placeId) parts.push({ placeKeys: { $regex: `:${query.placeId}$` } });
    // Active and expired are both "not revoked": told apart by `until`, which few grants carry.
    parts.push(query.status === 'revoked' ? { revokedAt: { $ne: null } } : { revokedAt: null });
    const found = await this.db
      .model(GrantModel)
      .find(allOf(...parts))
      .sort({ grantedAt: -1, _id: -1 })
      .lean<Grant[]>();
    const rows =
      query.status === 'revoked' ? found : found.filter((g) => isActiveGrant(g, now) === (query.status === 'active'));
    const start = (query.page - 1) * query.pageSize;
    return {
      items: await this.views(user, rows.slice(start, start + query.pageSize)),
      total: rows.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async revokeGrant(user: Principal, id: string, reason: string): Promise<GrantView> {
    const grant = await this.db.model(GrantModel).findById(id).lean<Grant>();
    const scope = overseenFilter(user);
    if (!grant || !scope || !this.oversees(user, grant)) throw new AppError('NOT_FOUND', '没有找到这条授权');
    const now = this.clock.now();
    if (!isActiveGrant(grant, now)) throw new AppError('INVALID_TRANSITION', '这条授权已经失效，不需要撤销');
    if (!mayGrant(user, grant.role, grant.placeKeys)) throw new AppError('FORBIDDEN', '这条授权不是您可以撤销的');
    if (grant.role === 'countyAdmin') {
      const admins = (
        await this.db.model(GrantModel).find({ role: 'countyAdmin', revokedAt: null }).lean<Grant[]>()
      ).filter((g) => isActiveGrant(g, now));
      if (admins.length <= 1) throw new AppError('CONFLICT', '至少要保留一位县级管理员，请先邀请另一位县级管理员');
    }
    await this.db
      .model(GrantModel)
      .updateOne({ _id: grant._id }, { $set: { revokedAt: now, revokedBy: oid(user.userId), revokeReason: reason } });
    await this.principals.changed(grant.personId);
    const [view] = await this.views(user, [
      { ...grant, revokedAt: now, revokedBy: oid(user.userId), revokeReason: reason },
    ]);
    return view;
  }

  /** People holding `role` at the place (active grants): whom a whistle, a dispatch or a grid task reaches. */
  async holders(role: GrantRole, placeId?: Types.ObjectId | string | null): Promise<Types.ObjectId[]> {
    const now = this.clock.now();
    const filter: Record<string, unknown> = { role, revokedAt: null };
    if (placeId !== undefined) filter.placeId = placeId === null ? null : oid(placeId);
    const found = await this.db.model(GrantModel).find(filter, { personId: 1, until: 1, revokedAt: 1 }).lean<Grant[]>();
    return [
      ...new Map(found.filter((g) => isActiveGrant(g, now)).map((g) => [String(g.personId), g.personId])).values(),
    ];
  }

  /** The active grants of `role` at each of `placeIds`, by place id: one read per role. */
  async holdersAt(role: GrantRole, placeIds: Types.ObjectId[]): Promise<Map<string, Types.ObjectId[]>> {
    const now = this.clock.now();
    const wanted = new Set(placeIds.map(String));
    const found = await this.db
      .model(GrantModel)
      .find({ role, revokedAt: null }, { personId: 1, placeId: 1, until: 1 })
      .lean<Grant[]>();
    const out = new Map<string, Types.ObjectId[]>();
    for (const g of found) {
      if (!wanted.has(String(g.placeId)) || !isActiveGrant({ ...g, revokedAt: null }, now)) continue;
      out.set(String(g.placeId), [...(out.get(String(g.placeId)) ?? []), g.personId]);
    }
    return out;
  }

  /** The posts a person holds, most senior first, for 我的. */
  async postsOf(userId: string | Types.ObjectId): Promise<MyPost[]> {
    const now = this.clock.now();
    const grants = (
      await this.db
        .model(GrantModel)
        .find({ personId: oid(userId), revokedAt: null })
        .lean<Grant[]>()
    )
      .filter((g) => isActiveGrant(g, now))
      .sort((a, b) => GRANT_ROLES.indexOf(a.role) - GRANT_ROLES.indexOf(b.role));
    const places = await this.places.views(grants);
    return grants.map((g) => ({
      grantId: String(g._id),
      role: g.role,
      place: places.get(String(g.placeId)) ?? { kind: g.placeKind, id: String(g.placeId), name: '', path: '' },
      until: g.until?.toISOString() ?? null,
    }));
  }

  private oversees(user: Principal, grant: Pick<Grant, 'placeKeys'>): boolean {
    const keys = user.grants.map((g) => `${g.placeKind}:${g.placeId}`);
    return grant.placeKeys.some((k) => keys.includes(k));
  }

  private async views(user: Principal, grants: Grant[]): Promise<GrantView[]> {
    const now = this.clock.now();
    const people = await findByIds<User>(
      this.db.model(UserModel),
      grants.flatMap((g) => [g.personId, g.grantedBy, g.revokedBy].filter((x): x is Types.ObjectId => !!x)),
      { name: 1, phone: 1 },
    );
    const byId = new Map(people.map((p) => [String(p._id), p]));
    const ref = (id: Types.ObjectId | null) => (id ? { id: String(id), name: byId.get(String(id))?.name ?? '' } : null);
    const places = await this.places.views(grants);
    return grants.map((g) => {
      const status: GrantStatus = g.revokedAt ? 'revoked' : isActiveGrant(g, now) ? 'active' : 'expired';
      return {
        id: String(g._id),
        person: {
          id: String(g.personId),
          name: byId.get(String(g.personId))?.name ?? '',
          phone: maskPhone(byId.get(String(g.personId))?.phone ?? null),
        },
        role: g.role,
        place: places.get(String(g.placeId)) ?? { kind: g.placeKind, id: String(g.placeId), name: '', path: '' },
        grantedBy: ref(g.grantedBy),
        grantedAt: g.grantedAt.toISOString(),
        until: g.until?.toISOString() ?? null,
        status,
        revokedAt: g.revokedAt?.toISOString() ?? null,
        revokedBy: ref(g.revokedBy),
        revokeReason: g.revokeReason,
        canRevoke: status === 'active' && mayGrant(user, g.role, g.placeKeys),
      };
    });
  }
}
