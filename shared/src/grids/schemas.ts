import { z, mobilePhone, objectId, page, pageSize, paged } from '../validation';
import { ORG_KINDS } from '../org/refs';
import type { Role } from '../roles';
import { isoWeek } from './weeks';

/** A node of the org tree as pickers show it: 小区 with their 楼栋, 网格, 社区. */
export const orgNode = z.object({
  id: z.string(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  parentId: z.string().nullable(),
  /** Complexes: 老旧小区 / has a property company. */
  old: z.boolean().optional(),
  hasProperty: z.boolean().optional(),
});
export type OrgNode = z.infer<typeof orgNode>;

// ——— Grid teams: the "1+1+3+X" model ———

/**
 * Positions in a grid team: 1 网格长 + 1 网格员, then 3 (物业负责人, 治安志愿者, 社区党员干部), plus X
 * in-service party members of resident units registered in the grid.
 */
export const GRID_POSITIONS = ['chief', 'worker', 'property', 'security', 'cadre', 'unitPartyMember'] as const;
export type GridPosition = (typeof GRID_POSITIONS)[number];
export const GRID_POSITION_LABELS: Record<GridPosition, string> = {
  chief: '网格长',
  worker: '网格员',
  property: '物业负责人',
  security: '治安志愿者',
  cadre: '社区党员干部',
  unitPartyMember: '驻区单位党员',
};
/** The "1+1": one chief and one worker per grid (held by a unique slot). */
export const GRID_SLOT_POSITIONS = ['chief', 'worker'] as const satisfies readonly GridPosition[];
export type GridSlotPosition = (typeof GRID_SLOT_POSITIONS)[number];
/** The "3": one of each is expected; the team summary shows which are missing. */
export const GRID_THREE_POSITIONS = ['property', 'security', 'cadre'] as const satisfies readonly GridPosition[];

export function isSlotPosition(p: GridPosition): p is GridSlotPosition {
  return (GRID_SLOT_POSITIONS as readonly string[]).includes(p);
}

/** The five duties (五员) a team member carries, one or more each. */
export const GRID_DUTIES = ['infoCollector', 'policyPromoter', 'patroller', 'onSiteHandler', 'mediator'] as const;
export type GridDuty = (typeof GRID_DUTIES)[number];
export const GRID_DUTY_LABELS: Record<GridDuty, string> = {
  infoCollector: '信息采集员',
  policyPromoter: '政策宣传员',
  patroller: '维稳巡逻员',
  onSiteHandler: '现场处置员',
  mediator: '矛盾调处员',
};

/** Who sees grids, teams, patrols and coverage: each within their own place (grid, community, street, county). */
export const GRID_VIEWERS = ['gridWorker', 'staff', 'streetAdmin', 'countyAdmin'] as const satisfies readonly Role[];
/** Who edits grid teams: staff of the grid's community, and the county. */
export const GRID_TEAM_EDITORS = ['staff', 'countyAdmin'] as const satisfies readonly Role[];
/** Who asks "which is my grid": people who live in a community. */
export const GRID_RESIDENT_ROLES = ['resident', 'volunteer', 'partyMember'] as const satisfies readonly Role[];

const duties = z
  .array(z.enum(GRID_DUTIES, { error: '职责不正确' }))
  .min(1, '请至少选择一项职责')
  .refine((d) => new Set(d).size === d.length, '职责不能重复');

export const gridParams = z.strictObject({ id: objectId });
export const gridMemberParams = z.strictObject({ id: objectId });

/**
 * A member is a user with an account (`userId`), or a person without one (`name` + `phone`,
 * shown masked). `unitId` is the resident unit of an X member (驻区单位党员), required for them only.
 */
export const setGridMemberBody = z
  .strictObject({
    position: z.enum(GRID_POSITIONS, { error: '请选择团队岗位' }),
    userId: objectId.optional(),
    name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 字').optional(),
    phone: mobilePhone.optional(),
    unitId: objectId.optional(),
    duties,
  })
  .superRefine((b, ctx) => {
    if (b.userId && (b.name || b.phone)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: '已选择账号的成员不需要再填写姓名和电话' });
    }
    if (!b.userId) {
      if (!b.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '请选择账号，或填写姓名' });
      if (!b.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请填写联系电话' });
    }
    if (b.position === 'unitPartyMember' && !b.unitId) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: '请选择党员所在的驻区单位' });
    }
    if (b.position !== 'unitPartyMember' && b.unitId) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: '只有驻区单位党员需要选择单位' });
    }
  });
export type SetGridMemberBody = z.infer<typeof setGridMemberBody>;

export const updateGridMemberBody = z.strictObject({ duties });

const ref = z.object({ id: z.string(), name: z.string() });
/** Phones of team members are always masked here: the roster is for finding people, not for reading their data. */
const person = z.object({ name: z.string(), phone: z.string().nullable() });

export const gridMemberView = z.object({
  id: z.string(),
  position: z.enum(GRID_POSITIONS),
  /** The member's account, when they have one. */
  userId: z.string().nullable(),
  name: z.string(),
  /** Masked: 138****0001. */
  phone: z.string().nullable(),
  unit: ref.nullable(),
  duties: z.array(z.enum(GRID_DUTIES)),
  addedAt: z.string(),
});
export type GridMemberView = z.infer<typeof gridMemberView>;

export const gridTeam = z.object({
  grid: ref,
  community: ref,
  /** Sorted by position (chief, worker, the three, then X). */
  members: z.array(gridMemberView),
});
export type GridTeam = z.infer<typeof gridTeam>;

export const gridTeamSummary = z.object({
  chief: z.string().nullable(),
  worker: z.string().nullable(),
  /** Which of the "3" positions are filled. */
  three: z.object({ property: z.boolean(), security: z.boolean(), cadre: z.boolean() }),
  /** The X: registered party members of resident units. */
  unitPartyMembers: z.number().int(),
  size: z.number().int(),
});

export const listGridsQuery = z.strictObject({
  /** One community; defaults to all grids in the caller's scope. */
  communityId: objectId.optional(),
  page,
  pageSize,
});

export const gridListItem = z.object({
  id: z.string(),
  name: z.string(),
  community: ref,
  complexes: z.array(
    z.object({ id: z.string(), name: z.string(), old: z.boolean(), hasProperty: z.boolean(), buildings: z.number() }),
  ),
  team: gridTeamSummary,
  thisWeek: z.object({
    week: z.string(),
    patrolled: z.boolean(),
    patrols: z.number().int(),
    lastPatrolAt: z.string().nullable(),
  }),
});
export const gridList = paged(gridListItem);

export const myGrid = z.object({
  grid: ref,
  community: ref,
  complexes: z.array(ref),
  /** Who to turn to: the grid worker and the chief (phones masked). */
  worker: person.nullable(),
  chief: person.nullable(),
});
export type MyGrid = z.infer<typeof myGrid>;

// ——— Patrol coverage ———

export const COVERAGE_FILTERS = ['all', 'patrolled', 'unpatrolled'] as const;

export const coverageQuery = z.strictObject({
  /** ISO week in China time, e.g. 2026-W48; defaults to the current week. */
  week: isoWeek.optional(),
  communityId: objectId.optional(),
  status: z.enum(COVERAGE_FILTERS).default('all'),
  page,
  pageSize,
});

export const coverageItem = z.object({
  grid: ref,
  community: ref,
  patrolled: z.boolean(),
  /** Patrols started within the week. */
  patrols: z.number().int(),
  /** The latest patrol started before the week's end (this week or earlier). */
  lastPatrol: z.object({ id: z.string(), startedAt: z.string(), week: z.string(), patroller: ref }).nullable(),
  /** Who should have patrolled: the team's worker and chief (or the grid's worker accounts when no team is set). */
  responsible: z.array(
    z.object({ position: z.enum(GRID_SLOT_POSITIONS), name: z.string(), userId: z.string().nullable() }),
  ),
});
export type CoverageItem = z.infer<typeof coverageItem>;

export const patrolCoverage = paged(coverageItem).extend({
  week: z.string(),
  /** The week's bounds (China time Monday 00:00 to the next Monday 00:00), as instants. */
  from: z.string(),
  to: z.string(),
  totals: z.object({ grids: z.number().int(), patrolled: z.number().int(), unpatrolled: z.number().int() }),
});
export type PatrolCoverage = z.infer<typeof patrolCoverage>;
