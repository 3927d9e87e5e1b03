import { Inject, Provide } from '@midwayjs/core';
import { maskPhone, type SessionUser } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { findByIds } from '../core/filters';
import { OrgModel, type Org } from '../org/org.model';
import { UserModel, type User } from '../people/user.model';
import { GrantsService } from './grants.service';
import { Principals } from './principals';

/** The signed-in person as the mini-program keeps them: roles and place as the API will judge them, posts, home. */
@Provide()
export class SessionUsers {
  @Inject()
  db!: Db;

  @Inject()
  principals!: Principals;

  @Inject()
  grants!: GrantsService;

  async of(userId: string): Promise<SessionUser> {
    const p = await this.principals.resolve({ userId, sessionId: null });
    const user = await this.db.model(UserModel).findById(userId, { phone: 1, orgId: 1, communityId: 1 }).lean<User>();
    if (!user) throw new AppError('TOKEN_INVALID');
    const home = user.orgId ? await this.db.model(OrgModel).findById(user.orgId).lean<Org>() : null;
    const ids = [p.orgId, p.communityId, ...(home?.ancestors ?? [])].filter((x): x is NonNullable<typeof x> => !!x);
    const orgs = new Map(
      (await findByIds<Org>(this.db.model(OrgModel), ids, { name: 1, kind: 1 })).map((o) => [String(o._id), o]),
    );
    if (home) orgs.set(String(home._id), home);
    const ref = (id: unknown) => {
      const o = id ? orgs.get(String(id)) : undefined;
      return o ? { id: String(o._id), name: o.name } : null;
    };
    const homeChain = home
      ? [...home.ancestors.map((a) => orgs.get(String(a))).filter((o): o is Org => !!o), home]
      : [];
    const inHome = (kind: Org['kind']) => ref(homeChain.find((o) => o.kind === kind)?._id);
    const org = p.orgId ? orgs.get(p.orgId) : undefined;
    return {
      id: p.userId,
      name: p.name,
      roles: p.roles,
      phone: maskPhone(user.phone),
      org: org ? { id: String(org._id), kind: org.kind, name: org.name } : null,
      community: ref(p.communityId),
      posts: await this.grants.postsOf(userId),
      home: inHome('community')
        ? { community: inHome('community')!, complex: inHome('complex'), building: inHome('building') }
        : null,
    };
  }
}
