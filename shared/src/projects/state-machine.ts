import type { Role } from '../roles';

/**
 * The project lifecycle (项目清单), once for both sides:
 *
 *   draft ─open→ open ─start→ delivering ─deliver→ delivered
 *     └──────────┴──────────────┴─cancel→ cancelled
 *
 * A project may also deliver straight from open (a small job finished before anyone marked it started).
 */
export const PROJECT_STATUSES = ['draft', 'open', 'delivering', 'delivered', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '草稿',
  open: '已立项',
  delivering: '实施中',
  delivered: '已交付',
  cancelled: '已撤销',
};

/** What residents see: a draft is not public yet, a cancelled project no longer is. */
export const PROJECT_PUBLIC_STATUSES: readonly ProjectStatus[] = ['open', 'delivering', 'delivered'];
/** While the project can still change (details, milestones, linked needs). */
export const PROJECT_ACTIVE_STATUSES: readonly ProjectStatus[] = ['draft', 'open', 'delivering'];

export const PROJECT_ACTIONS = ['open', 'start', 'deliver', 'cancel'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];
/** The timeline also records the creation. */
export const PROJECT_EVENT_ACTIONS = ['create', ...PROJECT_ACTIONS] as const;
export type ProjectEventAction = (typeof PROJECT_EVENT_ACTIONS)[number];

export const PROJECT_ACTION_LABELS: Record<ProjectEventAction, string> = {
  create: '创建',
  open: '立项公开',
  start: '开始实施',
  deliver: '交付',
  cancel: '撤销',
};

export const PROJECT_TRANSITIONS: Record<ProjectAction, { from: readonly ProjectStatus[]; to: ProjectStatus }> = {
  open: { from: ['draft'], to: 'open' },
  start: { from: ['open'], to: 'delivering' },
  deliver: { from: ['open', 'delivering'], to: 'delivered' },
  cancel: { from: ['draft', 'open', 'delivering'], to: 'cancelled' },
};

export type ProjectTransitionResult = { ok: true; to: ProjectStatus } | { ok: false; reason: string };

/** The status after `action`, or why not. Pure: same answer on the phone and on the server. */
export function nextProjectStatus(status: ProjectStatus, action: ProjectAction): ProjectTransitionResult {
  const rule = PROJECT_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return { ok: false, reason: `${PROJECT_STATUS_LABELS[status]}的项目不能${PROJECT_ACTION_LABELS[action]}` };
  }
  return { ok: true, to: rule.to };
}

/** The actions possible now: the buttons to show to someone who may edit the project. */
export function allowedProjectActions(status: ProjectStatus): ProjectAction[] {
  return PROJECT_ACTIONS.filter((a) => nextProjectStatus(status, a).ok);
}

/** Progress of a project (0–100): the mean of its milestones' progress, rounded; 0 without milestones. */
export function projectProgress(milestoneProgress: readonly number[]): number {
  if (!milestoneProgress.length) return 0;
  return Math.round(milestoneProgress.reduce((a, b) => a + b, 0) / milestoneProgress.length);
}

/** Money is integer fen everywhere; this is only for showing it: 1234567 → "¥12,345.67". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Who runs projects: staff of the community, the street admin of its street, county admins. */
export const PROJECT_EDITORS = ['staff', 'streetAdmin', 'countyAdmin'] as const satisfies readonly Role[];
/** Who reports progress: editors, and admins of a responsible unit (驻区单位). */
export const PROJECT_REPORTERS = [...PROJECT_EDITORS, 'unitAdmin'] as const satisfies readonly Role[];
