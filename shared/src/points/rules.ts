/**
 * 积分规则: what earns points. Each kind has points per unit, a yearly expectation (what a member is
 * expected to reach, shown next to their progress) and a yearly cap (points above it are not granted,
 * so one busy category cannot stand for all). Stored in the rules collection; these are the defaults.
 */
export const POINTS_EARN_KINDS = [
  'hoursServed',
  'activityOrganised',
  'studySession',
  'patrol',
  'whistleResponse',
] as const;
export type PointsEarnKind = (typeof POINTS_EARN_KINDS)[number];

/** Every kind of ledger entry: the earning kinds, redemption (spending) and corrections. */
export const POINTS_KINDS = [...POINTS_EARN_KINDS, 'redemption', 'adjustment'] as const;
export type PointsKind = (typeof POINTS_KINDS)[number];

export const POINTS_KIND_LABELS: Record<PointsKind, string> = {
  hoursServed: '志愿服务',
  activityOrganised: '组织活动',
  studySession: '参加学习',
  patrol: '网格巡查',
  whistleResponse: '响应吹哨',
  redemption: '积分兑换',
  adjustment: '更正',
};

export interface PointsRuleDefault {
  /** Points granted per unit. */
  points: number;
  /** 小时 for hours, 次 otherwise. */
  unit: string;
  /** Yearly expectation, in points. */
  yearlyExpectation: number;
  /** Yearly cap, in points. */
  yearlyCap: number;
}

export const DEFAULT_POINTS_RULES: Record<PointsEarnKind, PointsRuleDefault> = {
  hoursServed: { points: 10, unit: '小时', yearlyExpectation: 200, yearlyCap: 1000 },
  activityOrganised: { points: 20, unit: '次', yearlyExpectation: 40, yearlyCap: 200 },
  studySession: { points: 5, unit: '次', yearlyExpectation: 60, yearlyCap: 120 },
  patrol: { points: 5, unit: '次', yearlyExpectation: 100, yearlyCap: 300 },
  whistleResponse: { points: 10, unit: '次', yearlyExpectation: 30, yearlyCap: 200 },
};

/** Words a ledger note may start with before “ · ” to say what it was for (the hooks write them). */
const NOTE_PREFIXES: readonly string[] = [...Object.values(POINTS_KIND_LABELS), '服务时长', '兑换'];

/**
 * How a ledger entry reads: a title (what it was for, as specific as the note allows) and a detail
 * (the kind, unless the title already is it). A note like “参加学习 · 两会精神” shows its topic as the
 * title and 参加学习 once below; a bare “参加学习” is the title alone — never “参加学习 · 参加学习”.
 */
export function pointsEntryLines(e: { label: string; note: string }): { title: string; detail: string | null } {
  const note = e.note.trim();
  const cut = note.indexOf(' · ');
  const specific = cut > 0 && NOTE_PREFIXES.includes(note.slice(0, cut)) ? note.slice(cut + 3).trim() : note;
  if (!specific || specific === e.label) return { title: e.label, detail: null };
  return { title: specific, detail: e.label };
}
