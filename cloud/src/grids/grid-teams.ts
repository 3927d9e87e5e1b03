import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  GRID_POSITIONS,
  maskPhone,
  type GridMemberView,
  type GridSlotPosition,
  type GridTeam,
  type z,
  type gridTeamSummary,
} from '@gongzhi/shared';
import { Db } from '../core/db';
import type { Org } from '../org/org.model';
import { OrgModel } from '../org/org.model';
import { UnitModel, type Unit } from '../org/unit.model';
import { UserModel, type User } from '../people/user.model';
import { GrantsService } from '../grants/grants.service';
import { findByIds } from '../core/filters';
import { GridMemberModel, type GridMember } from './grid-member.model';

/** A team member with the name and phone to show (the account's own for account members). */
export interface ResolvedMember {
  member: GridMember;
  name: string;
  /** Full number: mask it before it leaves. */
  phone: string | null;
  unit: { id: string; name: string } | null;
}

export interface Responsible {
  position: GridSlotPosition;
  name: string;
  userId: string | null;
  phone: string | null;
}

const ORDER = new Map(GRID_POSITIONS.map((p, i) => [p, i]));

/** Reads grid teams: members with their names, summaries, and who is responsible for patrolling. */
@Provide()
export class GridTeams {
  @Inject()
  grants!: GrantsService;

  @Inject()
  db!: Db;

  /** Members of the given grids, grouped by grid, in position order. */
  async membersOf(gridIds: Types.ObjectId[]): Promise<Map<string, ResolvedMember[]>> {
    const members = gridIds.length
      ? await this.db
          .model(GridMemberModel)
          .find({ gridId: { $in: gridIds } })
          .lean<GridMember[]>()
      : [];
    const userIds = members.map((m) => m.userId).filter((x): x is Types.ObjectId => !!x);
    const unitIds = members.map((m) => m.unitId).filter((x): x is Types.ObjectId => !!x);
    const [users, units] = await Promise.all([
      userIds.length
        ? this.db
            .model(UserModel)
            .find({ _id: { $in: userIds } }, { name: 1, phone: 1 })
            .lean<User[]>()
        : [],
      unitIds.length
        ? this.db
            .model(UnitModel)
            .find({ _id: { $in: unitIds } }, { name: 1 })
            .lean<Unit[]>()
        : [],
    ]);
    const userById = new Map(users.map((u) => [String(u._id), u]));
    const unitById = new Map(units.map((u) => [String(u._id), u]));
    const out = new Map<string, ResolvedMember[]>(gridIds.map((g) => [String(g), []]));
    const sorted = [...members].sort(
      (a, b) => ORDER.get(a.position)! - ORDER.get(b.position)! || a.addedAt.getTime() - b.addedAt.getTime(),
    );
    for (const m of sorted) {
      const user = m.userId ? userById.get(String(m.userId)) : null;
      const unit = m.unitId ? unitById.get(String(m.unitId)) : null;
      out.get(String(m.gridId))?.push({
        member: m,
        name: user?.name ?? m.name ?? '',
        phone: user ? user.phone : m.phone,
        unit: unit ? { id: String(unit._id), name: unit.name } : null,
      });
    }
    return out;
  }

  /** The team as the admin tab shows it (phones masked). */
  async teamOf(grid: Org): Promise<GridTeam> {
    const [members, community] = await Promise.all([
      this.membersOf([grid._id]),
      this.db
        .model(OrgModel)
        .findOne({ _id: { $in: grid.ancestors }, kind: 'community' })
        .lean<Org>(),
    ]);
    return {
      grid: { id: String(grid._id), name: grid.name },
      community: { id: String(community?._id ?? ''), name: community?.name ?? '' },
      members: (members.get(String(grid._id)) ?? []).map(toMemberView),
    };
  }

  /**
   * Who should patrol each grid: its team's worker and chief. A grid without either falls back to
   * the grid worker accounts placed on it, so coverage still names someone before teams are set up.
   */
  async responsibleFor(
    gridIds: Types.ObjectId[],
    teams?: Map<string, ResolvedMember[]>,
  ): Promise<Map<string, Responsible[]>> {
    const members = teams ?? (await this.membersOf(gridIds));
    const out = new Map<string, Responsible[]>();
    const missing: Types.ObjectId[] = [];
    for (const g of gridIds) {
      const seats = (members.get(String(g)) ?? [])
        .filter((m) => m.member.position === 'worker' || m.member.position === 'chief')
        .sort((a, b) => (a.member.position === 'worker' ? -1 : 1) - (b.member.position === 'worker' ? -1 : 1))
        .map((m) => ({
          position: m.member.position as GridSlotPosition,
          name: m.name,
          userId: m.member.userId ? String(m.member.userId) : null,
          phone: m.phone,
        }));
      out.set(String(g), seats);
      if (!seats.length) missing.push(g);
    }
    if (missing.length) {
      // A grid without a team on record shows whoever holds the grid worker post there.
      const held = await this.grants.holdersAt('gridWorker', missing);
      const people = await findByIds<User>(this.db.model(UserModel), [...held.values()].flat(), { name: 1, phone: 1 });
      const byId = new Map(people.map((p) => [String(p._id), p]));
      for (const [gridId, ids] of held) {
        for (const id of ids) {
          const w = byId.get(String(id));
          if (w) out.get(gridId)!.push({ position: 'worker', name: w.name, userId: String(w._id), phone: w.phone });
        }
      }
    }
    return out;
  }
}

export function toMemberView(m: ResolvedMember): GridMemberView {
  return {
    id: String(m.member._id),
    position: m.member.position,
    userId: m.member.userId ? String(m.member.userId) : null,
    name: m.name,
    phone: maskPhone(m.phone),
    unit: m.unit,
    duties: m.member.duties,
    addedAt: m.member.addedAt.toISOString(),
  };
}

export function summaryOf(members: ResolvedMember[]): z.infer<typeof gridTeamSummary> {
  const named = (p: string) => members.find((m) => m.member.position === p)?.name ?? null;
  const has = (p: string) => members.some((m) => m.member.position === p);
  return {
    chief: named('chief'),
    worker: named('worker'),
    three: { property: has('property'), security: has('security'), cadre: has('cadre') },
    unitPartyMembers: members.filter((m) => m.member.position === 'unitPartyMember').length,
    size: members.length,
  };
}
