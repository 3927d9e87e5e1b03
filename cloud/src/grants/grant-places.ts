import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  GRANTS_BY,
  GRANT_ROLE_PLACE,
  PEOPLE_KINDS,
  type GrantPlace,
  type GrantPlaceKind,
  type GrantPlaceOption,
  type GrantRole,
  type ResourceKind,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { findByIds } from '../core/filters';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { ResourceModel, type Resource } from '../resources/resource.model';

/** A grant's place as stored on the grant (and on an invitation): its kind, ids above it, keys and words. */
export interface ResolvedPlace {
  placeKind: GrantPlaceKind;
  placeId: Types.ObjectId;
  streetId: Types.ObjectId | null;
  communityId: Types.ObjectId | null;
  placeKeys: string[];
  view: GrantPlace;
}

const refuse = (message: string) => new AppError('VALIDATION_FAILED', message, [{ path: 'body.placeId', message }]);

/** Where grants hold: org nodes of the right kind for the role, or resident units. */
@Provide()
export class GrantPlaces {
  @Inject()
  db!: Db;

  /** The place `placeId` as the place of a `role` grant, or a 400 naming what is wrong. */
  async resolve(role: GrantRole, placeId: string | Types.ObjectId): Promise<ResolvedPlace> {
    const kind = GRANT_ROLE_PLACE[role];
    const id = new Types.ObjectId(String(placeId));
    if (kind === 'unit') {
      const unit = await this.db.model(UnitModel).findById(id).lean<Unit & { active?: boolean }>();
      if (!unit || unit.active === false) throw refuse('没有找到这个驻区单位');
      const street = await this.db.model(OrgModel).findById(unit.streetId).lean<Org>();
      const chain = street ? [...(await this.chain(street)), street] : [];
      return {
        placeKind: 'unit',
        placeId: unit._id,
        streetId: unit.streetId,
        communityId: null,
        placeKeys: [...chain.map(keyOf), `unit:${String(unit._id)}`],
        view: { kind: 'unit', id: String(unit._id), name: unit.name, path: pathOf(chain) },
      };
    }
    const org = await this.db.model(OrgModel).findById(id).lean<Org & { active?: boolean }>();
    if (!org || org.active === false) throw refuse('没有找到这个地方');
    if (org.kind !== kind) throw refuse(`这个身份只能授予在${KIND_WORDS[kind]}`);
    const chain = await this.chain(org);
    const all = [...chain, org];
    const find = (k: Org['kind']) => all.find((o) => o.kind === k)?._id ?? null;
    return {
      placeKind: kind,
      placeId: org._id,
      streetId: find('street'),
      communityId: find('community'),
      placeKeys: all.map(keyOf),
      view: { kind, id: String(org._id), name: org.name, path: pathOf(chain) },
    };
  }

  /** The stored place of a grant or invitation, as shown (the name as it is today). */
  async views(places: { placeKind: GrantPlaceKind; placeId: Types.ObjectId }[]): Promise<Map<string, GrantPlace>> {
    const units = places.filter((p) => p.placeKind === 'unit').map((p) => p.placeId);
    const orgs = places.filter((p) => p.placeKind !== 'unit').map((p) => p.placeId);
    const [u, o] = await Promise.all([
      findByIds<Unit>(this.db.model(UnitModel), units, { name: 1, streetId: 1 }),
      findByIds<Org>(this.db.model(OrgModel), orgs, { name: 1, kind: 1, ancestors: 1 }),
    ]);
    const above = await findByIds<Org>(
      this.db.model(OrgModel),
      [...o.flatMap((x) => x.ancestors), ...u.map((x) => x.streetId)],
      { name: 1, kind: 1, ancestors: 1 },
    );
    const byId = new Map([...above, ...o].map((x) => [String(x._id), x]));
    const out = new Map<string, GrantPlace>();
    for (const x of o) {
      const chain = x.ancestors.map((a) => byId.get(String(a))).filter((c): c is Org => !!c);
      out.set(String(x._id), { kind: x.kind as GrantPlaceKind, id: String(x._id), name: x.name, path: pathOf(chain) });
    }
    for (const x of u) {
      const street = byId.get(String(x.streetId));
      const chain = street
        ? [...street.ancestors.map((a) => byId.get(String(a))).filter((c): c is Org => !!c), street]
        : [];
      out.set(String(x._id), { kind: 'unit', id: String(x._id), name: x.name, path: pathOf(chain) });
    }
    return out;
  }

  /**
   * Where the caller may grant `role` (list_grant_places): active places of the role's kind at or below
   * the place of a grant that allows it, as `mayGrant` will judge them; for service people with the
   * unit's people from its resource list. Nearest the top of the tree first, then by name.
   */
  async grantable(user: Principal, role: GrantRole): Promise<GrantPlaceOption[]> {
    const from = user.grants.filter((g) => (GRANTS_BY[g.role as GrantRole] ?? []).includes(role));
    const kind = GRANT_ROLE_PLACE[role];
    let ids: Types.ObjectId[];
    if (kind === 'unit') {
      const units = await this.db.model(UnitModel).find({}, { streetId: 1, active: 1 }).lean<Unit[]>();
      ids = units
        .filter(
          (u) =>
            u.active !== false &&
            from.some(
              (g) =>
                g.placeKind === 'county' ||
                (g.placeKind === 'street' && g.placeId === String(u.streetId)) ||
                (g.placeKind === 'unit' && g.placeId === String(u._id)),
            ),
        )
        .map((u) => u._id);
    } else {
      const orgs = await this.db.model(OrgModel).find({ kind }, { ancestors: 1, active: 1 }).lean<Org[]>();
      const at = new Set(from.filter((g) => g.placeKind !== 'unit').map((g) => g.placeId));
      ids = orgs
        .filter((o) => o.active !== false && [o._id, ...o.ancestors].some((a) => at.has(String(a))))
        .map((o) => o._id);
    }
    const views = await this.views(ids.map((placeId) => ({ placeKind: kind, placeId })));
    const people =
      role === 'servicePerson' && ids.length
        ? await this.db
            .model(ResourceModel)
            .find({ unitId: { $in: ids }, active: true }, { name: 1, unitId: 1, kind: 1 })
            .lean<Resource[]>()
        : [];
    return [...views.values()]
      .map((v) => ({
        ...v,
        resources: people
          .filter((r) => String(r.unitId) === v.id && (PEOPLE_KINDS as readonly ResourceKind[]).includes(r.kind))
          .map((r) => ({ id: String(r._id), name: r.name })),
      }))
      .sort((a, b) => a.path.localeCompare(b.path, 'zh') || a.name.localeCompare(b.name, 'zh'));
  }

  private chain(org: Pick<Org, 'ancestors'>): Promise<Org[]> {
    return findByIds<Org>(this.db.model(OrgModel), org.ancestors, { name: 1, kind: 1, ancestors: 1 }).then((found) =>
      found.sort((a, b) => a.ancestors.length - b.ancestors.length),
    );
  }
}

const KIND_WORDS: Record<GrantPlaceKind, string> = {
  county: '县',
  street: '街道',
  department: '职能部门',
  community: '社区',
  grid: '网格',
  unit: '驻区单位',
};

export const keyOf = (o: Pick<Org, '_id' | 'kind'>) => `${o.kind}:${String(o._id)}`;

/** "示范县 · 城关街道" — the places above, county first; the county alone says nothing and is left out below it. */
function pathOf(chain: Org[]): string {
  const shown = chain.length > 1 ? chain.filter((c) => c.kind !== 'county') : chain;
  return shown.map((c) => c.name).join(' · ');
}
