import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  isoWeekOf,
  isoWeekRange,
  isSlotPosition,
  maskPhone,
  type CoverageItem,
  type FieldError,
  type GridTeam,
  type MyGrid,
  type PatrolCoverage,
  type SetGridMemberBody,
  type z,
  type coverageQuery,
  type gridList,
  type listGridsQuery,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db, isDuplicateKey } from '../core/db';
import { PlaceService } from '../org/place.service';
import { PRINCIPAL_SOURCE, type Principal, type PrincipalSource } from '../core/principal';
import { ACTIVE, OrgModel, type Org } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { UserModel, type User } from '../people/user.model';
import { GridAccess } from './grid-access';
import { GridMemberModel, personKeyOf, slotOf, type GridMember } from './grid-member.model';
import { GridTeams, summaryOf } from './grid-teams';
import { PatrolModel, type Patrol } from './patrol.model';
import { oid } from '../core/oid';
import { userNames } from '../people/names';

type GridList = z.input<typeof gridList>;

/**
 * Use cases of grids (网格) and their teams: list_grids, show_my_grid, show_grid_team,
 * set_grid_member, update_grid_member, remove_grid_member, show_patrol_coverage.
 */
@Provide()
export class GridsService {
  @Inject(PRINCIPAL_SOURCE)
  principals!: PrincipalSource;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  access!: GridAccess;

  @Inject()
  teams!: GridTeams;

  @Inject()
  places!: PlaceService;

  // ——— Grids ———

  async listGrids(user: Principal, query: z.output<typeof listGridsQuery>): Promise<GridList> {
    const all = await this.access.gridsInScope(user, query.communityId);
    const grids = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const ids = grids.map((g) => g._id);
    const week = isoWeekOf(this.clock.now());
    const orgs = this.db.model(OrgModel);
    const [communities, complexes, members, patrols] = await Promise.all([
      this.communitiesOf(grids),
      orgs.find({ kind: 'complex', parentId: { $in: ids }, ...ACTIVE }).lean<Org[]>(),
      this.teams.membersOf(ids),
      this.db
        .model(PatrolModel)
        .find({ 'place.gridId': { $in: ids }, week }, { place: 1, startedAt: 1 })
        .lean<Patrol[]>(),
    ]);
    const buildings = await orgs
      .find({ kind: 'building', parentId: { $in: complexes.map((c) => c._id) } }, { parentId: 1 })
      .lean<Org[]>();
    return {
      items: grids.map((g) => {
        const mine = patrols.filter((p) => String(p.place.gridId) === String(g._id));
        const last = mine.reduce<Date | null>((a, p) => (!a || p.startedAt > a ? p.startedAt : a), null);
        return {
          id: String(g._id),
          name: g.name,
          community: communities.get(String(g._id))!,
          complexes: complexes
            .filter((c) => String(c.parentId) === String(g._id))
            .map((c) => ({
              id: String(c._id),
              name: c.name,
              old: !!c.old,
              hasProperty: !!c.hasProperty,
              buildings: buildings.filter((b) => String(b.parentId) === String(c._id)).length,
            })),
          team: summaryOf(members.get(String(g._id)) ?? []),
          thisWeek: {
            week,
            patrolled: mine.length > 0,
            patrols: mine.length,
            lastPatrolAt: last?.toISOString() ?? null,
          },
        };
      }),
      total: all.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A resident's grid follows from their address: the building, complex or grid they are registered at. */
  async showMyGrid(user: Principal): Promise<MyGrid> {
    const me = await this.db.model(UserModel).findById(user.userId, { orgId: 1 }).lean<User>();
    const home = me?.orgId ? await this.db.model(OrgModel).findById(me.orgId).lean<Org>() : null;
    const gridId =
      home && ['grid', 'complex', 'building'].includes(home.kind) ? (await this.places.placeOf(home._id)).gridId : null;
    const grid = gridId ? await this.db.model(OrgModel).findById(gridId).lean<Org>() : null;
    if (!grid) throw new AppError('NOT_FOUND', '还没有登记您的住址所在网格，请联系社区');
    const [communities, complexes, responsible] = await Promise.all([
      this.communitiesOf([grid]),
      this.db.model(OrgModel).find({ kind: 'complex', parentId: grid._id }).lean<Org[]>(),
      this.teams.responsibleFor([grid._id]),
    ]);
    const seats = responsible.get(String(grid._id)) ?? [];
    const person = (p: 'worker' | 'chief') => {
      const seat = seats.find((s) => s.position === p);
      return seat ? { name: seat.name, phone: maskPhone(seat.phone) } : null;
    };
    return {
      grid: { id: String(grid._id), name: grid.name },
      community: communities.get(String(grid._id))!,
      complexes: complexes.map((c) => ({ id: String(c._id), name: c.name })),
      worker: person('worker'),
      chief: person('chief'),
    };
  }

  // ——— Teams ———

  async showGridTeam(user: Principal, gridId: string): Promise<GridTeam> {
    return this.teams.teamOf(await this.access.visibleGrid(user, gridId));
  }

  /**
   * Adds a member. The insert is the whole check for the "1+1" and for "an account once per
   * grid": the unique (gridId, slot) and (gridId, personKey) indexes let one of two concurrent
   * adds win and the other get 409.
   */
  async setGridMember(user: Principal, gridId: string, body: SetGridMemberBody): Promise<GridTeam> {
    const grid = await this.access.visibleGrid(user, gridId);
    const place = await this.places.placeOf(grid._id);
    const fields: FieldError[] = [];
    let account: User | null = null;
    if (body.userId) {
      account = await this.db.model(UserModel).findById(body.userId).lean<User>();
      // Their posts are grants: judged as the API judges their own requests.
      const standing = account
        ? await this.principals.resolve({ userId: body.userId, sessionId: null }).catch(() => null)
        : null;
      if (!account || !standing) fields.push({ path: 'body.userId', message: '没有找到这个账号' });
      else fields.push(...seatProblems(body.position, standing, grid, place.communityId));
    }
    if (body.unitId) {
      const unit = await this.db.model(UnitModel).findById(body.unitId).lean<Unit>();
      if (!unit || !unit.streetId.equals(place.streetId)) {
        fields.push({ path: 'body.unitId', message: '该单位不是本街道党建联盟的驻区单位' });
      }
    }
    if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);

    const id = new Types.ObjectId();
    const member: GridMember = {
      _id: id,
      gridId: grid._id,
      communityId: place.communityId,
      streetId: place.streetId,
      position: body.position,
      slot: slotOf(body.position, id),
      personKey: personKeyOf(account?._id ?? null, id),
      userId: account?._id ?? null,
      name: account ? null : body.name!,
      phone: account ? null : body.phone!,
      unitId: body.unitId ? oid(body.unitId) : null,
      duties: body.duties,
      addedBy: oid(user.userId),
      addedAt: this.clock.now(),
    };
    try {
      await this.db.model(GridMemberModel).create(member);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Which index refused it: the error text differs between MongoDB and FerretDB, the data does not.
      const seatTaken =
        isSlotPosition(body.position) &&
        (await this.db.model(GridMemberModel).exists({ gridId: grid._id, slot: body.position }));
      if (seatTaken) {
        throw new AppError(
          'SLOT_TAKEN',
          `本网格已有${body.position === 'chief' ? '网格长' : '网格员'}，请先移除再指定`,
        );
      }
      throw new AppError('CONFLICT', '此人已在本网格团队中');
    }
    return this.teams.teamOf(grid);
  }

  async updateGridMember(user: Principal, memberId: string, duties: SetGridMemberBody['duties']): Promise<GridTeam> {
    const { member, grid } = await this.visibleMember(user, memberId);
    // Duties are a plain field: the last edit wins, and no rule depends on two edits racing.
    await this.db.model(GridMemberModel).updateOne({ _id: member._id }, { $set: { duties } });
    return this.teams.teamOf(grid);
  }

  async removeGridMember(user: Principal, memberId: string): Promise<GridTeam> {
    const { member, grid } = await this.visibleMember(user, memberId);
    await this.db.model(GridMemberModel).deleteOne({ _id: member._id });
    return this.teams.teamOf(grid);
  }

  // ——— Coverage ———

  /**
   * Per grid in scope: patrolled in the week or not, the last patrol up to the week's end, and who
   * should have patrolled. All grids are evaluated (a few hundred at most), so the unpatrolled
   * filter and the totals are exact, and only the page gets its last-patrol lookups.
   */
  async showPatrolCoverage(user: Principal, query: z.output<typeof coverageQuery>): Promise<PatrolCoverage> {
    const week = query.week ?? isoWeekOf(this.clock.now());
    const { from, to } = isoWeekRange(week);
    const grids = await this.access.gridsInScope(user, query.communityId);
    const patrols = await this.db
      .model(PatrolModel)
      .find({ 'place.gridId': { $in: grids.map((g) => g._id) }, week })
      .sort({ startedAt: -1 })
      .lean<Patrol[]>();
    const inWeek = new Map<string, Patrol[]>();
    for (const p of patrols) {
      const key = String(p.place.gridId);
      inWeek.set(key, [...(inWeek.get(key) ?? []), p]);
    }
    const patrolled = (g: Org) => inWeek.has(String(g._id));
    const chosen = grids.filter((g) => query.status === 'all' || (query.status === 'patrolled') === patrolled(g));
    const page = chosen.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const ids = page.map((g) => g._id);

    const [communities, responsible, lastPatrols] = await Promise.all([
      this.communitiesOf(page),
      this.teams.responsibleFor(ids),
      Promise.all(
        page.map(
          (g) =>
            inWeek.get(String(g._id))?.[0] ??
            this.db
              .model(PatrolModel)
              .findOne({ 'place.gridId': g._id, startedAt: { $lt: to } })
              .sort({ startedAt: -1 })
              .lean<Patrol>(),
        ),
      ),
    ]);
    const names = await userNames(
      this.db,
      lastPatrols.map((p) => p?.patrollerId ?? null),
    );
    const items: CoverageItem[] = page.map((g, i) => {
      const last = lastPatrols[i];
      return {
        grid: { id: String(g._id), name: g.name },
        community: communities.get(String(g._id))!,
        patrolled: patrolled(g),
        patrols: inWeek.get(String(g._id))?.length ?? 0,
        lastPatrol: last
          ? {
              id: String(last._id),
              startedAt: last.startedAt.toISOString(),
              week: last.week,
              patroller: { id: String(last.patrollerId), name: names.get(String(last.patrollerId)) ?? '' },
            }
          : null,
        responsible: (responsible.get(String(g._id)) ?? []).map(({ position, name, userId }) => ({
          position,
          name,
          userId,
        })),
      };
    });
    const done = grids.filter(patrolled).length;
    return {
      items,
      total: chosen.length,
      page: query.page,
      pageSize: query.pageSize,
      week,
      from: from.toISOString(),
      to: to.toISOString(),
      totals: { grids: grids.length, patrolled: done, unpatrolled: grids.length - done },
    };
  }

  // ——— Internals ———

  private async visibleMember(user: Principal, memberId: string): Promise<{ member: GridMember; grid: Org }> {
    const member = await this.db.model(GridMemberModel).findById(memberId).lean<GridMember>();
    if (!member) throw new AppError('NOT_FOUND', '没有找到这位团队成员');
    const grid = await this.access.visibleGrid(user, member.gridId).catch(() => null);
    if (!grid) throw new AppError('NOT_FOUND', '没有找到这位团队成员');
    return { member, grid };
  }

  /** Each grid's community as { id, name }. */
  private async communitiesOf(grids: Org[]): Promise<Map<string, { id: string; name: string }>> {
    const ids = [...new Set(grids.map((g) => String(g.parentId)))].map(oid);
    const rows = ids.length
      ? await this.db
          .model(OrgModel)
          .find({ _id: { $in: ids } }, { name: 1 })
          .lean<Org[]>()
      : [];
    const byId = new Map(rows.map((c) => [String(c._id), { id: String(c._id), name: c.name }]));
    return new Map(grids.map((g) => [String(g._id), byId.get(String(g.parentId)) ?? { id: '', name: '' }]));
  }
}

/**
 * Who may take a seat with an account. The worker must be a grid worker placed on this grid (so
 * the grid is in their scope and they can patrol it); the chief that, or staff of the community.
 */
function seatProblems(
  position: SetGridMemberBody['position'],
  user: Pick<Principal, 'roles' | 'orgId' | 'communityId'>,
  grid: Org,
  communityId: Types.ObjectId,
) {
  const path = 'body.userId';
  const onGrid = user.roles.includes('gridWorker') && user.orgId === String(grid._id);
  const communityStaff = user.roles.includes('staff') && user.communityId === String(communityId);
  if (position === 'worker' && !onGrid) return [{ path, message: '网格员须是本网格的网格员账号' }];
  if (position === 'chief' && !onGrid && !communityStaff) {
    return [{ path, message: '网格长须是本网格的网格员或本社区的工作人员' }];
  }
  if (position === 'unitPartyMember' && !user.roles.includes('partyMember')) {
    return [{ path, message: '驻区单位党员须是已登记的党员账号' }];
  }
  return [];
}
