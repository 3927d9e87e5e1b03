import type { Types } from 'mongoose';
import { isGrantRole } from '@gongzhi/shared';
import type { Db } from '../core/db';
import type { GrantsService } from '../grants/grants.service';
import { MenuItemModel } from '../menu/menu-item.model';
import { OrgModel, type Org } from '../org/org.model';
import { UnitModel } from '../org/unit.model';
import { UserModel } from '../people/user.model';
import { ACCOUNTS, COUNTY_NAME, DEPARTMENTS, STREETS, UNITS } from './demo-county';
import { MENU } from './demo-menu';
import { MetaModel } from '../core/meta.model';
import { seedId } from '../core/stable-id';
import { insertNew } from '../core/insert-new';
import { seedNotices } from '../notices/notices.seed';
import { seedResources } from '../resources/resources.seed';
import { seedActivities } from '../activities/activities.seed';
import { seedProjects, linkSeedNeeds } from '../projects/projects.seed';
import { seedNeeds, SEED_LIGHTING_NEEDS } from '../needs/needs.seed';
import { seedWhistles } from '../whistles/whistles.seed';
import { seedGrids } from '../grids/grids.seed';
import { seedPoints } from '../points/points.seed';
import { seedParty } from '../party/party.seed';
import { seedStaffMembers } from '../people/staff.seed';
import { seedTeams } from '../teams/teams.seed';
import { seedDashboard } from '../stats/dashboard.seed';

const MARKER = 'demoSeed';

/**
 * Loads the demo county unless this database already has it. Returns true when it loaded now. Posts
 * (staff, street, department, unit…) are made with `grants.grantRole`, the use case an accepted
 * invitation runs; people get only who they are (resident, volunteer, party member) on their account.
 */
export async function seedDemo(db: Db, grants: GrantsService): Promise<boolean> {
  const meta = db.model(MetaModel);
  if (await meta.exists({ _id: MARKER })) return false;

  const orgs: Org[] = [];
  const add = (key: string, kind: Org['kind'], name: string, parent: Org | null, extra: Partial<Org> = {}): Org => {
    const org: Org = {
      _id: seedId(`org:${key}`),
      kind,
      name,
      parentId: parent?._id ?? null,
      ancestors: parent ? [...parent.ancestors, parent._id] : [],
      ...extra,
    };
    orgs.push(org);
    return org;
  };

  const county = add('county', 'county', COUNTY_NAME, null);
  const byKey = new Map<string, Org>();
  const gridsOf = new Map<string, Org[]>();
  for (const street of STREETS) {
    const s = add(`street:${street.key}`, 'street', street.name, county);
    byKey.set(street.key, s);
    for (const c of street.communities) {
      const community = add(`community:${c.key}`, 'community', c.name, s, {
        location: c.location,
        phone: c.phone,
        officeHours: c.officeHours,
      });
      byKey.set(c.key, community);
      const grids: Org[] = [];
      c.grids.forEach((g, gi) => {
        const grid = add(`grid:${c.key}:${gi}`, 'grid', g.name, community);
        grids.push(grid);
        for (const x of g.complexes) {
          const complex = add(`complex:${c.key}:${x.name}`, 'complex', x.name, grid, {
            old: x.old,
            hasProperty: x.hasProperty,
          });
          for (let b = 1; b <= x.buildings; b++)
            add(`building:${c.key}:${x.name}:${b}`, 'building', `${b}号楼`, complex);
        }
      });
      gridsOf.set(c.key, grids);
    }
  }
  for (const name of DEPARTMENTS) byKey.set(name, add(`department:${name}`, 'department', name, county));
  await insertNew(db.model(OrgModel), orgs);

  const units = UNITS.map((u) => ({
    _id: seedId(`unit:${u.name}`),
    name: u.name,
    kind: u.kind,
    streetId: byKey.get(u.street)!._id,
  }));
  await insertNew(db.model(UnitModel), units);

  await insertNew(
    db.model(MenuItemModel),
    MENU.map((m, i) => ({
      _id: seedId(`menu:${m.key}`),
      communityId: m.community ? byKey.get(m.community)!._id : null,
      categoryCode: m.category,
      name: m.name,
      summary: m.summary,
      description: m.description,
      resourceKinds: m.resourceKinds,
      timeLimits: { acceptHours: m.acceptHours, completeHours: m.completeHours },
      fields: m.fields ?? [],
      order: i,
      active: true,
    })),
  );

  const people = ACCOUNTS.map((a) => {
    const p = a.place;
    let placeId: Types.ObjectId;
    let communityId: Types.ObjectId | null = null;
    if ('community' in p) {
      communityId = byKey.get(p.community)!._id;
      placeId = p.grid === undefined ? communityId : gridsOf.get(p.community)![p.grid]._id;
    } else if ('street' in p) placeId = byKey.get(p.street)!._id;
    else if ('department' in p) placeId = byKey.get(p.department)!._id;
    else if ('unit' in p) placeId = seedId(`unit:${p.unit}`);
    else placeId = county._id;
    return { a, placeId, communityId };
  });
  await insertNew(
    db.model(UserModel),
    people.map(({ a, placeId, communityId }) => {
      const member = !isGrantRole(a.role);
      return {
        _id: seedId(`user:${a.account}`),
        name: a.name,
        roles: member ? [a.role] : [],
        phone: a.phone,
        // Residents, volunteers and party members live where they are placed; posts are grants.
        orgId: member ? placeId : null,
        communityId: member ? communityId : null,
        demoAccount: a.account,
        duties: a.duties ?? [],
        createdAt: new Date(),
      };
    }),
  );
  for (const { a, placeId } of people) {
    if (!isGrantRole(a.role)) continue;
    await grants.grantRole({
      personId: seedId(`user:${a.account}`),
      role: a.role,
      placeId,
      grantedBy: null,
      resourceId: a.resource ? seedId(`resource:${a.resource}`) : null,
    });
  }

  await seedTeams(db);

  // The four lists, in the order they refer to each other (SEED_DEMO=county stops at the county:
  // tests that count their own records start from there).
  if (process.env.SEED_DEMO === 'county') {
    await insertNew(meta, [{ _id: MARKER, at: new Date() }]);
    return true;
  }
  await seedResources(db);
  await seedActivities(db);
  await seedDashboard(db);
  await seedProjects(db);
  await seedNeeds(db);
  await linkSeedNeeds(db, SEED_LIGHTING_NEEDS);
  await seedWhistles(db, grants);
  await seedGrids(db, grants);
  await seedPoints(db);

  await seedNotices(db);
  await seedParty(db);
  await seedStaffMembers(db);

  await insertNew(meta, [{ _id: MARKER, at: new Date() }]);
  return true;
}
