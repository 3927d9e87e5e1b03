import { FINDING_CATEGORIES, FINDING_CATEGORY_LABELS, type FindingCategory } from '../grids/patrols';
import type { MenuCategoryCode } from '../menu/categories';
import type { Role } from '../roles';

/**
 * 吹哨报到 of DESIGN.md, once for both sides: whistle types, who blows and who answers, time
 * limits, the escalation chain and each target's lifecycle. The API enforces it; the
 * mini-program asks it which buttons to show.
 */

export const WHISTLE_TYPES = [
  'communityToStreet',
  'govToDepartment',
  'projectToDepartment',
  'communityToPartyMembers',
] as const;
export type WhistleType = (typeof WHISTLE_TYPES)[number];

export const WHISTLE_TYPE_LABELS: Record<WhistleType, string> = {
  communityToStreet: '社区吹哨街道报到',
  govToDepartment: '政务吹哨部门报到',
  projectToDepartment: '项目吹哨部门报到',
  communityToPartyMembers: '社区吹哨党员报到',
};

export const WHISTLE_URGENCIES = ['emergency', 'urgent', 'normal'] as const;
export type WhistleUrgency = (typeof WHISTLE_URGENCIES)[number];
export const WHISTLE_URGENCY_LABELS: Record<WhistleUrgency, string> = {
  emergency: '紧急',
  urgent: '较急',
  normal: '一般',
};

/**
 * What a whistle is about: the patrol-finding categories (治安, 城管, 卫生, 设施, 矛盾纠纷, 其他) plus
 * 民生服务 for whistles on residents' orders (needs). Same codes as findings, so a finding's
 * category carries over as is.
 */
export const WHISTLE_CATEGORY_CODES = [
  ...FINDING_CATEGORIES.filter((c) => c !== 'other'),
  'livelihood',
  'other',
] as unknown as readonly [WhistleCategory, ...WhistleCategory[]];
export type WhistleCategory = FindingCategory | 'livelihood';
export const WHISTLE_CATEGORIES: readonly { code: WhistleCategory; name: string }[] = WHISTLE_CATEGORY_CODES.map(
  (code) => ({ code, name: code === 'livelihood' ? '民生服务' : FINDING_CATEGORY_LABELS[code] }),
);

export function whistleCategoryName(code: string): string {
  return WHISTLE_CATEGORIES.find((c) => c.code === code)?.name ?? code;
}

/** The whistle category of a need's menu category (a whistle on a resident's order). */
export function whistleCategoryOfNeed(code: MenuCategoryCode): WhistleCategory {
  if (code === 'sanitation') return 'sanitation';
  if (code === 'other') return 'other';
  return 'livelihood';
}

/** Where a whistle comes from: a community, one of its grids, a street (street-level 政务吹哨) or a project. */
export const WHISTLE_ORIGIN_KINDS = ['community', 'grid', 'street', 'project'] as const;
export type WhistleOriginKind = (typeof WHISTLE_ORIGIN_KINDS)[number];

/** Who must report: the street, a county department, or the community's registered party members. */
export const WHISTLE_TARGET_KINDS = ['street', 'department', 'partyMembers'] as const;
export type WhistleTargetKind = (typeof WHISTLE_TARGET_KINDS)[number];
export const WHISTLE_TARGET_KIND_LABELS: Record<WhistleTargetKind, string> = {
  street: '街道',
  department: '职能部门',
  partyMembers: '在职党员',
};

/** Per type: the origins it comes from, the kind of target it goes to, and who may blow it. */
export const WHISTLE_TYPE_RULES: Record<
  WhistleType,
  { origins: readonly WhistleOriginKind[]; target: WhistleTargetKind; blowers: readonly Role[]; manyTargets: boolean }
> = {
  communityToStreet: {
    origins: ['community', 'grid'],
    target: 'street',
    blowers: ['staff', 'gridWorker'],
    manyTargets: false,
  },
  govToDepartment: {
    origins: ['community', 'grid', 'street'],
    target: 'department',
    blowers: ['staff', 'gridWorker', 'streetAdmin'],
    manyTargets: true,
  },
  // Project editors (PROJECT_EDITORS of the projects area).
  projectToDepartment: {
    origins: ['project'],
    target: 'department',
    blowers: ['staff', 'streetAdmin', 'countyAdmin'],
    manyTargets: true,
  },
  // The call opens a volunteer activity, which community staff organise.
  communityToPartyMembers: {
    origins: ['community', 'grid'],
    target: 'partyMembers',
    blowers: ['staff'],
    manyTargets: false,
  },
};

/** Every role that may blow some whistle (the endpoint's access; the type's own list is checked after). */
export const WHISTLE_BLOWERS = [...new Set(Object.values(WHISTLE_TYPE_RULES).flatMap((r) => r.blowers))] as Role[];

/** Who answers for a target: the street's admins, the department's officials, the community's party members. */
export const WHISTLE_RESPONDERS: Record<WhistleTargetKind, Role> = {
  street: 'streetAdmin',
  department: 'department',
  partyMembers: 'partyMember',
};
export const WHISTLE_RESPONDER_ROLES = [...new Set(Object.values(WHISTLE_RESPONDERS))] as Role[];

/** Confirms or sends back: the originator side (the blower, the origin community's staff, the origin street's admins). */
export const WHISTLE_ORIGINATOR_ROLES = [
  'gridWorker',
  'staff',
  'streetAdmin',
  'countyAdmin',
] as const satisfies readonly Role[];

/** Everyone who may see some whistles (each only those in their scope). */
export const WHISTLE_READERS = [
  'gridWorker',
  'staff',
  'streetAdmin',
  'department',
  'partyMember',
  'countyAdmin',
] as const satisfies readonly Role[];

// ——— Time limits ———

export interface WhistleLimits {
  /** 报到时限: from the blow to the target's report. */
  reportMinutes: number;
  /** 办结时限: from the blow to the target's resolution. */
  resolveMinutes: number;
}
export type WhistleLimitTable = Record<WhistleUrgency, WhistleLimits>;

/**
 * Defaults when no rule is configured: report within 30 minutes / 2 hours / 24 hours, resolve
 * within 2 hours / 24 hours / 7 days (emergency / urgent / normal). The county admin overrides them
 * per type, and per type and category (`whistleRules`); a whistle keeps the limits it was blown with.
 */
export const WHISTLE_DEFAULT_LIMITS: WhistleLimitTable = {
  emergency: { reportMinutes: 30, resolveMinutes: 120 },
  urgent: { reportMinutes: 120, resolveMinutes: 24 * 60 },
  normal: { reportMinutes: 24 * 60, resolveMinutes: 7 * 24 * 60 },
};

/** A rule's category: one category, or `default` for every category of the type without its own rule. */
export const WHISTLE_RULE_CATEGORIES = ['default', ...WHISTLE_CATEGORY_CODES] as const;
export type WhistleRuleCategory = (typeof WHISTLE_RULE_CATEGORIES)[number];

// ——— Escalation ———

/** A supervising level a target escalates to: the street's admins, or the county (countyAdmin). */
export const WHISTLE_SUPERVISORS = ['street', 'county'] as const;
export type WhistleSupervisor = (typeof WHISTLE_SUPERVISORS)[number];
export const WHISTLE_SUPERVISOR_LABELS: Record<WhistleSupervisor, string> = { street: '街道', county: '县级' };

/**
 * The escalation chain (督办链): whom a target that has not reported escalates to, level by level.
 * - a department → the county (county admins, on behalf of the county government);
 * - a street → the county;
 * - the community's party members → the street (party working committee) → the county.
 * Level k (1-based) is due at reportDueAt + (k − 1) × reportMinutes: each level gets one more
 * report limit before the next. Past the top (the county) a target stays overdue: nothing is
 * above it, and the overdue keeps counting against the responder in the 三率.
 */
export const WHISTLE_ESCALATION_CHAIN: Record<WhistleTargetKind, readonly WhistleSupervisor[]> = {
  department: ['county'],
  street: ['county'],
  partyMembers: ['street', 'county'],
};

const MINUTE_MS = 60_000;

/** When escalation `level` (1-based) falls due for a target that has not reported. */
export function escalationDueAt(reportDueAt: Date | string, reportMinutes: number, level: number): Date {
  return new Date(new Date(reportDueAt).getTime() + (level - 1) * reportMinutes * MINUTE_MS);
}

// ——— A target's lifecycle ———

/**
 * pending ─report→ reported ─resolve→ resolved ─confirm→ confirmed
 *                                        │sendBack(reason)
 *                                        ↓
 *                                     sentBack ─resolve→ resolved …
 * `escalate` is the system's entry on the timeline; it changes no status.
 */
export const WHISTLE_TARGET_STATUSES = ['pending', 'reported', 'resolved', 'sentBack', 'confirmed'] as const;
export type WhistleTargetStatus = (typeof WHISTLE_TARGET_STATUSES)[number];
export const WHISTLE_TARGET_STATUS_LABELS: Record<WhistleTargetStatus, string> = {
  pending: '待报到',
  reported: '已报到',
  resolved: '已办结',
  sentBack: '已退回',
  confirmed: '已确认',
};

/** A whistle's own status, from its targets: any pending → pending; all confirmed → closed; all resolved or confirmed → resolved. */
export const WHISTLE_STATUSES = ['pending', 'inProgress', 'resolved', 'closed'] as const;
export type WhistleStatus = (typeof WHISTLE_STATUSES)[number];
export const WHISTLE_STATUS_LABELS: Record<WhistleStatus, string> = {
  pending: '待报到',
  inProgress: '办理中',
  resolved: '待确认',
  closed: '已办结',
};

export function whistleStatusOf(targets: readonly WhistleTargetStatus[]): WhistleStatus {
  if (targets.every((s) => s === 'confirmed')) return 'closed';
  if (targets.every((s) => s === 'resolved' || s === 'confirmed')) return 'resolved';
  if (targets.some((s) => s === 'pending')) return 'pending';
  return 'inProgress';
}

export const WHISTLE_ACTIONS = ['report', 'resolve', 'confirm', 'sendBack'] as const;
export type WhistleAction = (typeof WHISTLE_ACTIONS)[number];
export const WHISTLE_EVENT_ACTIONS = ['blow', ...WHISTLE_ACTIONS, 'escalate', 'remind'] as const;
export type WhistleEventAction = (typeof WHISTLE_EVENT_ACTIONS)[number];
export const WHISTLE_ACTION_LABELS: Record<WhistleEventAction, string> = {
  blow: '吹哨',
  report: '报到',
  resolve: '办结',
  confirm: '确认',
  sendBack: '退回',
  escalate: '超时升级',
  remind: '督办',
};

/** How the caller stands to a target: its responder (报到方) or the originator side (吹哨方). */
export type WhistleActor = 'responder' | 'originator';

export const WHISTLE_TRANSITIONS: Record<
  WhistleAction,
  { from: readonly WhistleTargetStatus[]; to: WhistleTargetStatus; by: WhistleActor }
> = {
  report: { from: ['pending'], to: 'reported', by: 'responder' },
  resolve: { from: ['reported', 'sentBack'], to: 'resolved', by: 'responder' },
  confirm: { from: ['resolved'], to: 'confirmed', by: 'originator' },
  sendBack: { from: ['resolved'], to: 'sentBack', by: 'originator' },
};

export type WhistleTransitionResult =
  { ok: true; to: WhistleTargetStatus } | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION'; reason: string };

/** The target's status after `action`, or why not. Pure: same answer on the phone and on the server. */
export function nextTargetStatus(
  status: WhistleTargetStatus,
  action: WhistleAction,
  actors: readonly WhistleActor[],
): WhistleTransitionResult {
  const rule = WHISTLE_TRANSITIONS[action];
  const label = WHISTLE_ACTION_LABELS[action];
  if (!actors.includes(rule.by)) {
    return { ok: false, code: 'FORBIDDEN', reason: `只有${rule.by === 'responder' ? '报到方' : '吹哨方'}可以${label}` };
  }
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: `${WHISTLE_TARGET_STATUS_LABELS[status]}的吹哨不能${label}`,
    };
  }
  return { ok: true, to: rule.to };
}

/** The actions a caller may take on a target now: the buttons to show. */
export function allowedWhistleActions(status: WhistleTargetStatus, actors: readonly WhistleActor[]): WhistleAction[] {
  return WHISTLE_ACTIONS.filter((a) => nextTargetStatus(status, a, actors).ok);
}

// ——— 督办 (a reminder by a supervisor) ———

/**
 * Who may 督办 a target: county administrators any whistle, street administrators the whistles of
 * their street — never a target they answer for themselves. A reminder is a timeline entry that
 * changes no status; it tells the responder and the level above them.
 */
export const WHISTLE_REMINDERS = ['streetAdmin', 'countyAdmin'] as const satisfies readonly Role[];

/** One 督办 per target per clock hour (Beijing and UTC hours coincide): a unique index on the hour holds it. */
export const WHISTLE_REMIND_WINDOW_MINUTES = 60;

/** Only a target still running (not yet resolved) can be reminded. */
export const WHISTLE_REMINDABLE_STATUSES: readonly WhistleTargetStatus[] = ['pending', 'reported', 'sentBack'];

/** A confirmation's satisfaction (1–5 stars) at or above this counts as satisfied in the 满意率. */
export const WHISTLE_SATISFIED_MIN_STARS = 4;
