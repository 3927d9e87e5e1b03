import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Types } from 'mongoose';
import { LRUCache } from 'lru-cache';
import { GRANT_ROLES, MEMBERSHIP_ROLES, type Role } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import {
  PRINCIPAL_SOURCE,
  type Principal,
  type PrincipalGrant,
  type PrincipalSource,
  type TokenClaims,
} from '../core/principal';
import { Versions } from '../core/versions';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { GrantModel, isActiveGrant, type Grant } from './grant.model';
import { BrowserSessionModel, type BrowserSession } from './session.model';

/** One person as read from the database: enough to answer every request until something changes. */
interface Entry {
  /** null: no such account (deleted, merged into their imported record). */
  principal: Omit<Principal, 'sessionId'> | null;
  disabled: boolean;
  /** Live browser sessions: id → expiry (ms). */
  sessions: Map<string, number>;
  /** The entry must be read again from this moment (a grant's end; a backstop age). */
  validUntil: number;
  versions: number[];
}

/** Everything is read again after this long even without a change (in case an announcement was lost). */
const MAX_AGE_MS = 60_000;
const ALL = 'pv:all';
const personKey = (userId: string) => `pv:u:${userId}`;

/**
 * The caller of every request, from their account, active grants and browser sessions. Cached per
 * person; each request reads two version counters (Versions: Redis when several instances share it),
 * and a change to a person (grant made or revoked, account disabled, session ended, home moved) or to
 * the tree (every person) bumps them before its own request answers — so the very next request, on
 * any instance, reads the person again.
 */
@Provide(PRINCIPAL_SOURCE)
@Scope(ScopeEnum.Singleton)
export class Principals implements PrincipalSource {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  versions!: Versions;

  private cache = new LRUCache<string, Entry>({ max: 20_000 });

  async resolve(claims: TokenClaims): Promise<Principal> {
    const now = this.clock.now().getTime();
    const versions = await this.versions.read([ALL, personKey(claims.userId)]);
    let entry = versions ? this.cache.get(claims.userId) : undefined;
    if (!entry || now >= entry.validUntil || !sameVersions(entry.versions, versions!)) {
      entry = await this.load(claims.userId, now, versions ?? []);
      if (versions) this.cache.set(claims.userId, entry);
    }
    if (entry.disabled) throw new AppError('ACCOUNT_DISABLED');
    if (!entry.principal) throw new AppError('TOKEN_INVALID');
    if (claims.sessionId) {
      const expiresAt = entry.sessions.get(claims.sessionId);
      if (!expiresAt || expiresAt <= now) throw new AppError('TOKEN_INVALID');
    }
    return { ...entry.principal, sessionId: claims.sessionId };
  }

  /** Call after changing what a person's principal is made of, before answering. */
  async changed(userId: string | Types.ObjectId): Promise<void> {
    await this.versions.bump(personKey(String(userId)));
  }

  /** Call after a change to the tree that grants or homes depend on (a place moved or closed). */
  async changedAll(): Promise<void> {
    await this.versions.bump(ALL);
  }

  private async load(userId: string, now: number, versions: number[]): Promise<Entry> {
    const none: Entry = {
      principal: null,
      disabled: false,
      sessions: new Map(),
      validUntil: now + MAX_AGE_MS,
      versions,
    };
    const [user, grants, sessions] = await Promise.all([
      this.db
        .model(UserModel)
        .findById(userId, {
          name: 1,
          roles: 1,
          orgId: 1,
          communityId: 1,
          duties: 1,
          erasedAt: 1,
          disabledAt: 1,
          mergedInto: 1,
        })
        .lean<User>(),
      this.db
        .model(GrantModel)
        .find({ personId: new Types.ObjectId(userId), revokedAt: null })
        .lean<Grant[]>(),
      this.db
        .model(BrowserSessionModel)
        .find({ userId: new Types.ObjectId(userId), endedAt: null }, { expiresAt: 1 })
        .lean<Pick<BrowserSession, '_id' | 'expiresAt'>[]>(),
    ]);
    if (!user || user.erasedAt || user.mergedInto) return none;
    if (user.disabledAt) return { ...none, disabled: true };
    const at = new Date(now);
    const active = grants
      .filter((g) => isActiveGrant(g, at))
      .sort((a, b) => GRANT_ROLES.indexOf(a.role) - GRANT_ROLES.indexOf(b.role));
    const ends = active.map((g) => g.until?.getTime()).filter((t): t is number => t !== undefined);
    const homeStreet = user.communityId ? await this.streetOf(user.communityId) : null;
    return {
      principal: principalOf(user, active, homeStreet),
      disabled: false,
      sessions: new Map(
        sessions.filter((s) => s.expiresAt.getTime() > now).map((s) => [String(s._id), s.expiresAt.getTime()]),
      ),
      validUntil: Math.min(now + MAX_AGE_MS, ...ends),
      versions,
    };
  }

  private async streetOf(communityId: Types.ObjectId): Promise<string | null> {
    const community = await this.db
      .model(OrgModel)
      .findById(communityId, { ancestors: 1 })
      .lean<Pick<Org, 'ancestors'>>();
    // A community's parent is its street.
    const street = community?.ancestors.at(-1);
    return street ? String(street) : null;
  }
}

const sameVersions = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const str = (id: Types.ObjectId | null | undefined) => (id ? String(id) : null);

/**
 * The caller's roles and place from their account and active grants (most senior first): the place of
 * the most senior grant at an org node, else where they live; a unit admin's unit.
 */
export function principalOf(
  user: Pick<User, '_id' | 'name' | 'roles' | 'orgId' | 'communityId' | 'duties'>,
  grants: Grant[],
  homeStreetId: string | null,
): Omit<Principal, 'sessionId'> {
  const roles = new Set<Role>(user.roles.filter((r) => (MEMBERSHIP_ROLES as readonly Role[]).includes(r)));
  for (const g of grants) roles.add(g.role);
  const post = grants.find((g) => g.placeKind !== 'unit');
  const unitGrant = grants.find((g) => g.placeKind === 'unit');
  const unitAdmin = grants.find((g) => g.role === 'unitAdmin');
  let place: Pick<Principal, 'orgId' | 'communityId' | 'streetId'>;
  if (post) place = { orgId: String(post.placeId), communityId: str(post.communityId), streetId: str(post.streetId) };
  else if (unitGrant)
    place = {
      orgId: str(user.orgId) ?? str(unitGrant.streetId),
      communityId: str(user.communityId),
      streetId: str(unitGrant.streetId),
    };
  else place = { orgId: str(user.orgId), communityId: str(user.communityId), streetId: homeStreetId };
  return {
    userId: String(user._id),
    name: user.name,
    roles: [...roles],
    ...place,
    duties: user.duties ?? [],
    unitId: unitAdmin ? String(unitAdmin.placeId) : null,
    grants: grants.map((g): PrincipalGrant => ({
      grantId: String(g._id),
      role: g.role,
      placeKind: g.placeKind,
      placeId: String(g.placeId),
      streetId: str(g.streetId),
      communityId: str(g.communityId),
    })),
  };
}
