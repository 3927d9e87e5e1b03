import { WHISTLE_SATISFIED_MIN_STARS } from '../whistles/rules';

/**
 * 三率 and response times of 吹哨报到, per responder, over whistles blown in a date range. Every
 * figure counts targets (a whistle to two departments is two targets: each department answers for
 * its own). A rate counts only targets that are due for it — answered, or past its limit — so a
 * whistle blown an hour ago with a day to report never lowers anyone's rate; those are counted apart.
 * One place for the definitions: the API docs, the Excel export and the admin tab read them.
 *
 * - 收到 received: targets of whistles blown in the range.
 * - 响应率 responseRate = targets reported within their report limit ÷ targets due for report
 *   (reported, or past the report limit). notDueReport: unreported, report limit not yet passed.
 * - 解决率 resolutionRate = targets resolved and confirmed by the originator ÷ targets due for
 *   resolution (confirmed, or past the resolution limit). notDueResolve: the others.
 * - 满意率 satisfactionRate = satisfied ratings (≥ 4 of 5 stars, given when the originator confirms)
 *   ÷ rated targets (confirmed targets: every confirmation carries a rating).
 * - 报到用时 report time: minutes from the blow to the report, over reported targets: average and
 *   90th percentile (nearest rank: the smallest value with at least 90% of values at or below it).
 * - 办结用时 resolution time: minutes from the blow to the latest resolution, over targets now
 *   resolved or confirmed (a sent-back target counts again when re-resolved).
 * - 超时 overdue: targets that missed a limit — reported late or still pending past the report limit,
 *   or resolved late or still unresolved past the resolution limit.
 * A rate with nothing to divide by is null (shown as —).
 */
export const RESPONSE_KPI_LEVELS = ['department', 'street', 'community'] as const;
export type ResponseKpiLevel = (typeof RESPONSE_KPI_LEVELS)[number];
export const RESPONSE_KPI_LEVEL_LABELS: Record<ResponseKpiLevel, string> = {
  department: '职能部门',
  street: '街道',
  community: '社区',
};

/** How rows are formed per level. */
export const RESPONSE_KPI_LEVEL_DEFINITIONS: Record<ResponseKpiLevel, string> = {
  department: '每个职能部门一行：吹给该部门的报到对象',
  street: '每个街道一行：吹给该街道的报到对象（社区吹哨街道报到）',
  community: '每个社区一行：该社区（含其网格）吹出的全部哨的报到对象，即该社区的哨被响应得如何',
};

/** What the screen and the Excel sheet call the targets not yet counted in a rate. */
export const NOT_DUE_LABEL = '进行中，未到时限';

/**
 * Sentences a leader reads under the figures (统计口径): plain words only — no field names, no
 * statistics jargon (tests/unit/stats_definitions_words.test.ts holds them to it).
 */
export const RESPONSE_KPI_DEFINITIONS = [
  {
    key: 'received',
    label: '收到',
    definition: '统计期内吹出的哨中，该单位收到的报到任务数。一次吹哨叫了几个部门，每个部门各算一件。',
  },
  {
    key: 'responseRate',
    label: '响应率',
    definition:
      '按时报到的任务占应报到任务的比例。应报到的任务，是已经报到的和报到时限已过的；' +
      `还没到报到时限、也还没报到的任务不算进来，单独列为“${NOT_DUE_LABEL}”，不会拉低响应率。`,
  },
  {
    key: 'resolutionRate',
    label: '解决率',
    definition:
      '办结并经吹哨方确认的任务占应办结任务的比例。应办结的任务，是已经确认办结的和办结时限已过的；' +
      `还没到办结时限的任务不算进来，单独列为“${NOT_DUE_LABEL}”。`,
  },
  {
    key: 'satisfactionRate',
    label: '满意率',
    definition: `吹哨方确认办结时打分，满分 5 星，${WHISTLE_SATISFIED_MIN_STARS} 星及以上算满意。满意率 = 满意的任务数 ÷ 已打分的任务数。`,
  },
  {
    key: 'reportMinutes',
    label: '报到用时',
    definition:
      '从吹哨到报到用了多长时间，只看已经报到的任务。“平均”是所有任务用时的平均数；' +
      '“九成在……内”是说十件里有九件在这个时间内报到了，比平均数更能看出慢的有多慢。',
  },
  {
    key: 'resolveMinutes',
    label: '办结用时',
    definition:
      '从吹哨到最近一次办结用了多长时间，只看现在已经办结的任务（被退回又重新办结的，按重新办结的时间算）。' +
      '“平均”和“九成在……内”的意思同报到用时。',
  },
  {
    key: 'overdue',
    label: '超时',
    definition: '过了报到时限才报到或至今没报到、过了办结时限才办结或至今没办结的任务数。超时算在负责报到的单位头上。',
  },
] as const;

/** One text for the API docs. */
export function responseKpiDefinitionText(): string {
  return RESPONSE_KPI_DEFINITIONS.map((d) => `${d.label}：${d.definition}`).join('');
}

/**
 * The p-th percentile (0 < p ≤ 1) by nearest rank: the value at rank ⌈p·n⌉ of the sorted values.
 * null for no values. Pure, so the figures can be checked by hand.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

export function average(values: readonly number[]): number | null {
  if (!values.length) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * part/whole times `scale` (1 for a fraction, 100 for a percentage), rounded half up to `decimals`
 * places; null when there is nothing to divide by. The one rounding of shares: integer numerator over
 * integer denominator, so halves are exact in floating point (57 of 800 → 0.0713, not 0.0712).
 */
export function roundedShare(part: number, whole: number, scale: 1 | 100, decimals: number): number | null {
  if (!whole) return null;
  const unit = 10 ** decimals;
  return Math.round((part * scale * unit) / whole) / unit;
}

/** A rate as a fraction rounded to 4 decimals (0.6667), or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return roundedShare(part, whole, 1, 4);
}
