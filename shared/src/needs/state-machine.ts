import type { Role } from '../roles';

/**
 * The need lifecycle of DESIGN.md, once for both sides: the API enforces it, the mini-program
 * asks it which buttons to show.
 *
 * submitted ─accept→ accepted ─dispatch→ routed ─start→ in_progress ─complete→ done ─rate→ closed
 *   withdraw / reject from submitted or accepted; reopen (回访) a closed need once when rated ≤ 2;
 *   autoClose a done need 7 days after completion when nobody rated it.
 * A need dispatched to a person with an account (the assignee) is theirs: take (接单) instead of
 * start, decline (无法服务, back to accepted for staff to dispatch again), complete with a result.
 */
export const NEED_STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'withdrawn',
  'routed',
  'in_progress',
  'done',
  'closed',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_STATUS_LABELS: Record<NeedStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '已驳回',
  withdrawn: '已撤回',
  routed: '已派单',
  in_progress: '办理中',
  done: '已办结',
  closed: '已关闭',
};

/** Statuses in which a time limit runs (and a need can be overdue). */
export const NEED_OPEN_STATUSES: readonly NeedStatus[] = ['submitted', 'accepted', 'routed', 'in_progress'];

export const NEED_ACTIONS = [
  'accept',
  'reject',
  'withdraw',
  'dispatch',
  'start',
  'complete',
  'rate',
  'reopen',
  'autoClose',
  'take',
  'decline',
  'urge',
] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];

/** What the timeline shows: every action, plus the order itself. */
export const NEED_EVENT_ACTIONS = ['submit', ...NEED_ACTIONS] as const;
export type NeedEventAction = (typeof NEED_EVENT_ACTIONS)[number];

export const NEED_ACTION_LABELS: Record<NeedEventAction, string> = {
  submit: '提交',
  accept: '受理',
  reject: '驳回',
  withdraw: '撤回',
  dispatch: '派单',
  start: '开始办理',
  complete: '办结',
  rate: '评价',
  reopen: '回访重办',
  autoClose: '自动关闭',
  take: '接单',
  decline: '无法服务',
  urge: '催办',
};

/** Where a dispatched need goes (DESIGN.md "Routing"). */
export const ROUTE_KINDS = ['resource', 'activity', 'project', 'whistle'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];
export const ROUTE_KIND_LABELS: Record<RouteKind, string> = {
  resource: '资源',
  activity: '志愿活动',
  project: '公益项目',
  whistle: '吹哨报到',
};

/**
 * How the caller stands to a need: its owner (who ordered it), a handler (staff-type role whose
 * place covers it), the assignee (the service person it was dispatched to, 待我服务), or the system
 * (scheduled jobs, other areas such as a delivering project).
 */
export type NeedActor = 'owner' | 'handler' | 'assignee' | 'system';

/** Roles that can order (anyone living in a community; grid workers also order for residents). */
export const NEED_OWNER_ROLES = [
  'resident',
  'volunteer',
  'partyMember',
  'gridWorker',
] as const satisfies readonly Role[];
/** Roles that handle needs within their place: the inbox of the admin tab. */
export const NEED_HANDLER_ROLES = [
  'gridWorker',
  'staff',
  'streetAdmin',
  'countyAdmin',
] as const satisfies readonly Role[];

/** Roles that serve a need dispatched to them in person (a unit's lawyer, teacher, doctor, repairer). */
export const NEED_ASSIGNEE_ROLES = ['servicePerson'] as const satisfies readonly Role[];

export const AUTO_CLOSE_DAYS = 7;
/** A rating at or below this may be reopened (回访) — once. */
export const REOPEN_MAX_STARS = 2;
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

interface Rule {
  from: readonly NeedStatus[];
  /** 'unchanged': an entry on the timeline that moves nothing (催办). */
  to: NeedStatus | 'unchanged';
  by: readonly NeedActor[];
}

/** 催办: the owner may urge a late need once in this many hours. */
export const URGE_EVERY_HOURS = 24;

export const NEED_TRANSITIONS: Record<NeedAction, Rule> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['handler', 'system'] },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: ['handler', 'system'] },
  withdraw: { from: ['submitted', 'accepted'], to: 'withdrawn', by: ['owner'] },
  dispatch: { from: ['accepted'], to: 'routed', by: ['handler', 'system'] },
  // Staff start what they arrange themselves; a need dispatched to a person is theirs to take (接单).
  start: { from: ['routed'], to: 'in_progress', by: ['handler', 'system'] },
  // From routed too: some services are done in one visit, and a delivering project completes its needs.
  complete: { from: ['routed', 'in_progress'], to: 'done', by: ['handler', 'system', 'assignee'] },
  rate: { from: ['done'], to: 'closed', by: ['owner'] },
  reopen: { from: ['closed'], to: 'accepted', by: ['owner', 'handler'] },
  autoClose: { from: ['done'], to: 'closed', by: ['system'] },
  take: { from: ['routed'], to: 'in_progress', by: ['assignee'] },
  // The person cannot serve (with a reason): back to staff, who dispatch it again.
  decline: { from: ['routed', 'in_progress'], to: 'accepted', by: ['assignee'] },
  // 催办: the owner of a late need (past its accept or complete limit) reminds whoever handles it.
  urge: { from: NEED_OPEN_STATUSES, to: 'unchanged', by: ['owner'] },
};

function rolesFor(action: NeedAction): readonly Role[] {
  const by = NEED_TRANSITIONS[action].by;
  const roles = new Set<Role>([
    ...(by.includes('owner') ? NEED_OWNER_ROLES : []),
    ...(by.includes('handler') ? NEED_HANDLER_ROLES : []),
    ...(by.includes('assignee') ? NEED_ASSIGNEE_ROLES : []),
  ]);
  return [...roles];
}

/** Which signed-in roles may call each action's endpoint (object-level checks follow). autoClose: the system only. */
export const NEED_ACTION_ROLES: Record<NeedAction, readonly Role[]> = {
  accept: rolesFor('accept'),
  reject: rolesFor('reject'),
  withdraw: rolesFor('withdraw'),
  dispatch: rolesFor('dispatch'),
  start: rolesFor('start'),
  complete: rolesFor('complete'),
  rate: rolesFor('rate'),
  reopen: rolesFor('reopen'),
  autoClose: rolesFor('autoClose'),
  take: rolesFor('take'),
  decline: rolesFor('decline'),
  urge: rolesFor('urge'),
};

/** What the guards look at besides the status. */
export interface NeedTransitionContext {
  /** Every way the caller stands to the need (a grid worker can be owner and handler). */
  actors: readonly NeedActor[];
  /** The current rating (set while closed after `rate`). */
  rating?: { stars: number } | null;
  reopenedOnce?: boolean;
  completedAt?: Date | string | null;
  /** Dispatched to a person with an account: they take it, staff do not start it for them. */
  assigned?: boolean;
  /** Past its accept or complete limit now (urge). */
  overdue?: boolean;
  /** When the owner last urged it (urge: once in URGE_EVERY_HOURS). */
  lastUrgedAt?: Date | string | null;
  now?: Date;
}

export type TransitionResult =
  { ok: true; to: NeedStatus } | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION'; reason: string };

const WHO: Record<NeedActor, string> = {
  owner: '下单人',
  handler: '社区工作人员',
  assignee: '派单的服务人员',
  system: '系统',
};

/** The status after `action`, or why not. Pure: same answer on the phone and on the server. */
export function nextStatus(status: NeedStatus, action: NeedAction, ctx: NeedTransitionContext): TransitionResult {
  const rule = NEED_TRANSITIONS[action];
  const label = NEED_ACTION_LABELS[action];
  if (!rule.by.some((a) => ctx.actors.includes(a))) {
    return { ok: false, code: 'FORBIDDEN', reason: `只有${rule.by.map((a) => WHO[a]).join('或')}可以${label}` };
  }
  if (!rule.from.includes(status)) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: `${NEED_STATUS_LABELS[status]}的需求不能${label}` };
  }
  if (action === 'start' && ctx.assigned) {
    return { ok: false, code: 'INVALID_TRANSITION', reason: '已派给服务人员本人，由本人接单后办理' };
  }
  if (action === 'reopen') {
    if (ctx.reopenedOnce) return { ok: false, code: 'INVALID_TRANSITION', reason: '每个需求只能回访重办一次' };
    if (!ctx.rating) return { ok: false, code: 'INVALID_TRANSITION', reason: '未评价的需求不能回访重办' };
    if (ctx.rating.stars > REOPEN_MAX_STARS) {
      return { ok: false, code: 'INVALID_TRANSITION', reason: `只有 ${REOPEN_MAX_STARS} 星及以下的评价可以回访重办` };
    }
  }
  if (action === 'urge') {
    if (!ctx.overdue) return { ok: false, code: 'INVALID_TRANSITION', reason: '还没有超过办理时限，暂时不用催办' };
    const last = ctx.lastUrgedAt ? new Date(ctx.lastUrgedAt).getTime() : NaN;
    const now = (ctx.now ?? new Date()).getTime();
    if (last + URGE_EVERY_HOURS * HOUR_MS > now) {
      return {
        ok: false,
        code: 'INVALID_TRANSITION',
        reason: `您已经催办过了，${URGE_EVERY_HOURS} 小时内只能催办一次`,
      };
    }
  }
  if (action === 'autoClose') {
    const completedAt = ctx.completedAt ? new Date(ctx.completedAt).getTime() : NaN;
    const now = (ctx.now ?? new Date()).getTime();
    if (!(completedAt + AUTO_CLOSE_DAYS * DAY_MS <= now)) {
      return { ok: false, code: 'INVALID_TRANSITION', reason: `办结未满 ${AUTO_CLOSE_DAYS} 天，不能自动关闭` };
    }
  }
  return { ok: true, to: rule.to === 'unchanged' ? status : rule.to };
}

/** The actions a caller may take now: the buttons to show. */
export function allowedNeedActions(status: NeedStatus, ctx: NeedTransitionContext): NeedAction[] {
  return NEED_ACTIONS.filter((a) => a !== 'autoClose' && nextStatus(status, a, ctx).ok);
}
