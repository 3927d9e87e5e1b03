import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  AGE_BANDS,
  BRANCH_MEMBER_LIMIT,
  BRANCH_RULE,
  BRAND_WARNING_SHARE,
  COLLEGE_OR_BELOW,
  DASHBOARD_DEFINITIONS,
  EDUCATION_LEVELS,
  MEMBER_OLD_AGE,
  MENU_CATEGORIES,
  NEED_STATUSES,
  NEED_STATUS_LABELS,
  SERVICE_BRANDS,
  STAFF_OLDER_AGE,
  ageOn,
  percent,
  type CountedItem,
  type DashboardOverview,
  localDateOf,
} from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { placeScope } from '../core/place';
import type { Principal } from '../core/principal';
import { ActivityModel, type Activity } from '../activities/activity.model';
import { SeatModel } from '../activities/claim.model';
import { NeedModel } from '../needs/need.model';
import { ACTIVE, OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { GrantsService } from '../grants/grants.service';
import { countBranchMembers, eitherId, rosters } from './rosters';

/** The caller's part of the county: null lists mean "all of it". */
interface Scope {
  kind: 'county' | 'street' | 'community';
  id: Types.ObjectId | null;
  name: string;
  streetId: Types.ObjectId | null;
  /** Communities in scope (null: the whole county). */
  communities: string[] | null;
  /** Places a branch may sit in: the communities, plus the street for unit branches (null: all). */
  branchPlaces: string[] | null;
}

/** Counts of `keys` in `values`, each with its share of the total, in the order of `keys`. */
function countBy(keys: readonly { code: string; label: string }[], values: string[]): CountedItem[] {
  return keys.map((k) => {
    const count = values.filter((v) => v === k.code).length;
    return { code: k.code, label: k.label, count, share: percent(count, values.length) };
  });
}

type ActivityFact = Pick<Activity, 'brand' | 'format' | 'organiserUnitId'>;

function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** A malformed or future birth date must not break the page: it falls in the first band. */
const bandOf = (age: number) => (AGE_BANDS.find((b) => age >= b.min && age <= b.max) ?? AGE_BANDS[0]).label;
const BAND_KEYS = AGE_BANDS.map((b) => ({ code: b.label, label: b.label }));

/** The 数据看板: section 三's findings over the caller's place (definitions in shared/src/stats/dashboard.ts). */
@Provide()
export class DashboardService {
  @Inject()
  grants!: GrantsService;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  async overview(user: Principal, q: { asOf?: string }): Promise<DashboardOverview> {
    const asOf = q.asOf ?? localDateOf(this.clock.now());
    const scope = await this.scopeOf(user);
    const facts = await this.activityFacts(user);
    const [branches, partyMembers, complexes, staff, units, needs] = await Promise.all([
      this.branches(scope),
      this.partyMembers(scope, asOf),
      this.complexes(scope),
      this.staff(scope, asOf),
      this.units(user, scope, facts),
      this.needs(user),
    ]);
    const brands = this.brands(facts);
    const formats = this.formats(facts);
    return {
      scope: { id: scope.id ? String(scope.id) : null, name: scope.name, kind: scope.kind },
      asOf,
      branches,
      partyMembers,
      complexes,
      staff,
      brands,
      formats,
      units,
      needs,
      definitions: DASHBOARD_DEFINITIONS.map((d) => ({ key: d.key, label: d.label, definition: d.definition })),
    };
  }

  private async scopeOf(user: Principal): Promise<Scope> {
    const orgs = this.db.model(OrgModel);
    if (user.roles.includes('countyAdmin')) {
      const county = await orgs.findOne({ kind: 'county' }, { name: 1 }).lean<Org>();
      return {
        kind: 'county',
        id: county?._id ?? null,
        name: county?.name ?? '全县',
        streetId: null,
        communities: null,
        branchPlaces: null,
      };
    }
    if (user.roles.includes('streetAdmin') && user.streetId) {
      const street = await orgs.findById(user.streetId, { name: 1 }).lean<Org>();
      const communities = await orgs
        .find({ parentId: street?._id, kind: 'community', ...ACTIVE }, { _id: 1 })
        .lean<Org[]>();
      const ids = communities.map((c) => String(c._id));
      return {
        kind: 'street',
        id: street?._id ?? null,
        name: street?.name ?? '',
        streetId: street?._id ?? null,
        communities: ids,
        branchPlaces: [user.streetId, ...ids],
      };
    }
    const community = user.communityId
      ? await orgs.findById(user.communityId, { name: 1, parentId: 1 }).lean<Org>()
      : null;
    const id = community ? String(community._id) : '000000000000000000000000';
    return {
      kind: 'community',
      id: community?._id ?? null,
      name: community?.name ?? '',
      streetId: community?.parentId ?? null,
      communities: [id],
      branchPlaces: [id],
    };
  }

  private async branches(scope: Scope): Promise<DashboardOverview['branches']> {
    const r = rosters(this.db);
    const filter = scope.branchPlaces ? { placeId: { $in: eitherId(scope.branchPlaces) } } : {};
    const branches = await r.branches.find(filter, { projection: { name: 1, placeId: 1 } }).toArray();
    const membersOf = await countBranchMembers(
      this.db,
      branches.map((b) => b._id),
    );
    const places = await this.db
      .model(OrgModel)
      .find(
        { _id: { $in: branches.map((b) => String(b.placeId)).filter((id) => Types.ObjectId.isValid(id)) } },
        {
          name: 1,
        },
      )
      .lean<Org[]>();
    const placeName = new Map(places.map((p) => [String(p._id), p.name]));
    const items = branches
      .map((b) => {
        const members = membersOf.get(String(b._id)) ?? 0;
        return {
          id: String(b._id),
          name: b.name,
          placeName: placeName.get(String(b.placeId)) ?? '',
          members,
          overLimit: members > BRANCH_MEMBER_LIMIT,
        };
      })
      .sort((a, b) => b.members - a.members || a.name.localeCompare(b.name, 'zh-CN'));
    const overLimit = items.filter((b) => b.overLimit).length;
    return {
      limit: BRANCH_MEMBER_LIMIT,
      rule: BRANCH_RULE,
      total: items.length,
      overLimit,
      overLimitShare: percent(overLimit, items.length),
      over100: items.filter((b) => b.members > 100).length,
      items,
    };
  }

  private async partyMembers(scope: Scope, asOf: string): Promise<DashboardOverview['partyMembers']> {
    const filter = { active: true, ...(scope.communities ? { placeId: { $in: eitherId(scope.communities) } } : {}) };
    const members = await rosters(this.db)
      .partyMembers.find(filter, { projection: { birthDate: 1, mobile: 1 } })
      .toArray();
    const ages = members.map((m) => ageOn(m.birthDate, asOf));
    const aged50Plus = ages.filter((a) => a >= MEMBER_OLD_AGE).length;
    const mobile = members.filter((m) => m.mobile === true).length;
    return {
      total: members.length,
      aged50Plus,
      aged50PlusShare: percent(aged50Plus, members.length),
      mobile,
      mobileShare: percent(mobile, members.length),
      ageBands: countBy(BAND_KEYS, ages.map(bandOf)),
    };
  }

  private async complexes(scope: Scope): Promise<DashboardOverview['complexes']> {
    // Closed complexes are history: one merged into another is counted once, as the one it went into.
    const filter = { kind: 'complex', ...ACTIVE, ...(scope.kind === 'county' ? {} : { ancestors: scope.id }) };
    const list = await this.db.model(OrgModel).find(filter, { old: 1, hasProperty: 1 }).lean<Org[]>();
    const old = list.filter((c) => c.old === true);
    const noProperty = list.filter((c) => c.hasProperty !== true).length;
    const oldNoProperty = old.filter((c) => c.hasProperty !== true).length;
    return {
      total: list.length,
      old: old.length,
      oldShare: percent(old.length, list.length),
      noProperty,
      noPropertyShare: percent(noProperty, list.length),
      oldNoProperty,
      oldNoPropertyShare: percent(oldNoProperty, old.length),
    };
  }

  private async staff(scope: Scope, asOf: string): Promise<DashboardOverview['staff']> {
    const filter = {
      active: true,
      committee: true,
      ...(scope.communities ? { placeId: { $in: eitherId(scope.communities) } } : {}),
    };
    const staff = await rosters(this.db)
      .staffMembers.find(filter, { projection: { birthDate: 1, education: 1 } })
      .toArray();
    const ages = staff.map((s) => ageOn(s.birthDate, asOf));
    const aged40Plus = ages.filter((a) => a >= STAFF_OLDER_AGE).length;
    const collegeOrBelow = staff.filter((s) => (COLLEGE_OR_BELOW as readonly string[]).includes(s.education)).length;
    const known = ages.filter(Number.isFinite);
    const averageAge = known.length ? Math.round((known.reduce((a, b) => a + b, 0) * 10) / known.length) / 10 : null;
    return {
      total: staff.length,
      averageAge,
      aged40Plus,
      aged40PlusShare: percent(aged40Plus, staff.length),
      collegeOrBelow,
      collegeOrBelowShare: percent(collegeOrBelow, staff.length),
      ageBands: countBy(BAND_KEYS, ages.map(bandOf)),
      education: countBy(
        EDUCATION_LEVELS.map((e) => ({ code: e, label: e })),
        staff.map((s) => s.education),
      ),
    };
  }

  /**
   * The published activities in scope, only the fields counted: one indexed read folded in code is
   * faster on FerretDB than an aggregation per figure (measured: ~0.3 s against ~2 s on the demo).
   */
  private async activityFacts(user: Principal): Promise<ActivityFact[]> {
    return this.db
      .model(ActivityModel)
      .find(
        { ...(placeScope(user) ?? { _id: null }), status: 'published' },
        { brand: 1, format: 1, organiserUnitId: 1 },
      )
      .lean<ActivityFact[]>();
  }

  private brands(facts: ActivityFact[]): DashboardOverview['brands'] {
    const service = facts.filter((a) => a.format === 'service');
    const counts = tally(service.map((a) => a.brand));
    const total = service.length;
    const items = SERVICE_BRANDS.map((b) => {
      const count = counts.get(b.code) ?? 0;
      return { code: b.code, label: b.name, count, share: percent(count, total) };
    })
      .filter((b) => b.count > 0)
      .sort((a, b) => b.count - a.count);
    const top = items.find((b) => b.share !== null && b.share > BRAND_WARNING_SHARE);
    return {
      total,
      items,
      warning: top
        ? {
            code: top.code,
            label: top.label,
            share: top.share!,
            message: `“${top.label}”占全部志愿服务活动的 ${top.share!.toFixed(2)}%，超过一半：活动形式单一，覆盖领域和范围偏窄`,
          }
        : null,
    };
  }

  private formats(facts: ActivityFact[]): DashboardOverview['formats'] {
    const counts = tally(facts.filter((a) => a.organiserUnitId).map((a) => a.format));
    const meeting = counts.get('meeting') ?? 0;
    const service = counts.get('service') ?? 0;
    const total = meeting + service;
    return {
      total,
      meeting,
      meetingShare: percent(meeting, total),
      service,
      serviceShare: percent(service, total),
    };
  }

  private async units(user: Principal, scope: Scope, facts: ActivityFact[]): Promise<DashboardOverview['units']> {
    const units = await this.db
      .model(UnitModel)
      .find(scope.streetId ? { streetId: scope.streetId } : {}, { name: 1 })
      .lean<Unit[]>();
    const unitIds = units.map((u) => u._id);
    const organised = tally(facts.filter((a) => a.organiserUnitId).map((a) => String(a.organiserUnitId)));
    // Seats taken by the units' people (their administrators and service people, by grant), on
    // activities in the caller's scope.
    const unitOf = new Map<string, string>();
    for (const role of ['unitAdmin', 'servicePerson'] as const) {
      for (const [unitId, ids] of await this.grants.holdersAt(role, unitIds))
        for (const id of ids) unitOf.set(String(id), unitId);
    }
    const people = [...unitOf.keys()].map((id) => ({ _id: new Types.ObjectId(id) }));
    const seats = await this.db
      .model(SeatModel)
      .find({ personId: { $in: people.map((p) => p._id) } }, { personId: 1, activityId: 1 })
      .lean<{ personId: Types.ObjectId; activityId: Types.ObjectId }[]>();
    const inScope = new Set(
      (
        await this.db
          .model(ActivityModel)
          .find(
            { ...(placeScope(user) ?? { _id: null }), _id: { $in: [...new Set(seats.map((s) => s.activityId))] } },
            {
              _id: 1,
            },
          )
          .lean<{ _id: Types.ObjectId }[]>()
      ).map((a) => String(a._id)),
    );
    const seatsOf = new Map<string, number>();
    for (const s of seats) {
      if (!inScope.has(String(s.activityId))) continue;
      const unit = unitOf.get(String(s.personId))!;
      seatsOf.set(unit, (seatsOf.get(unit) ?? 0) + 1);
    }
    const rows = units
      .map((u) => {
        const o = organised.get(String(u._id)) ?? 0;
        const s = seatsOf.get(String(u._id)) ?? 0;
        return { id: String(u._id), name: u.name, organised: o, seats: s, participation: o + s };
      })
      .sort((a, b) => b.participation - a.participation || a.name.localeCompare(b.name, 'zh-CN'));
    // Equal participation shares a rank (1, 2, 2, 4).
    return {
      items: rows.map((r) => ({ rank: rows.findIndex((x) => x.participation === r.participation) + 1, ...r })),
    };
  }

  private async needs(user: Principal): Promise<DashboardOverview['needs']> {
    const model = this.db.model(NeedModel);
    const match = placeScope(user) ?? { _id: null };
    const group = async (field: string) =>
      new Map(
        (
          await model.aggregate<{ _id: string; n: number }>([
            { $match: match },
            { $group: { _id: `$${field}`, n: { $sum: 1 } } },
          ])
        ).map((r) => [String(r._id), r.n]),
      );
    const [byCategory, byStatus] = await Promise.all([group('categoryCode'), group('status')]);
    const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
    const items = (keys: { code: string; label: string }[], counts: Map<string, number>) =>
      keys.map((k) => ({ ...k, count: counts.get(k.code) ?? 0, share: percent(counts.get(k.code) ?? 0, total) }));
    return {
      total,
      byCategory: items(
        MENU_CATEGORIES.map((c) => ({ code: c.code, label: c.name })),
        byCategory,
      ),
      byStatus: items(
        NEED_STATUSES.map((s) => ({ code: s, label: NEED_STATUS_LABELS[s] })),
        byStatus,
      ),
    };
  }
}
