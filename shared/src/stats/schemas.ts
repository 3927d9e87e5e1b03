import { dateBound } from '../needs/schemas';
import { z, page, pageSize, paged } from '../validation';
import { WHISTLE_TARGET_KINDS, WHISTLE_TYPES, WHISTLE_URGENCIES } from '../whistles/rules';
import { RESPONSE_KPI_LEVELS } from './kpis';

/** Longest range of one KPI query: the figures are computed in code from the whistles in range. */
export const MAX_KPI_RANGE_DAYS = 366;

export const responseKpisQuery = z
  .strictObject({
    /** First day (China time), inclusive. */
    from: dateBound(false),
    /** Last day (China time), inclusive. */
    to: dateBound(true),
    level: z.enum(RESPONSE_KPI_LEVELS).default('department'),
  })
  .refine((q) => q.from < q.to, { path: ['to'], message: '结束日期不能早于开始日期' })
  .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_KPI_RANGE_DAYS * 24 * 3600 * 1000, {
    path: ['to'],
    message: `统计区间最长 ${MAX_KPI_RANGE_DAYS} 天`,
  });

const num = z.number().nullable();

export const responseKpiRow = z.object({
  /** The department, street or community. */
  id: z.string(),
  name: z.string(),
  received: z.number().int(),
  reported: z.number().int(),
  reportedInTime: z.number().int(),
  /** Counted in the response rate: reported, or past the report limit. */
  dueForReport: z.number().int(),
  /** 进行中，未到时限: not reported and the report limit not passed yet (not in the response rate). */
  notDueReport: z.number().int(),
  resolved: z.number().int(),
  confirmed: z.number().int(),
  /** Counted in the resolution rate: confirmed, or past the resolution limit. */
  dueForResolve: z.number().int(),
  /** 进行中，未到时限: not confirmed and the resolution limit not passed yet (not in the resolution rate). */
  notDueResolve: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  /** Fractions (0–1, 4 decimals); null when nothing is due / rated. */
  responseRate: num,
  resolutionRate: num,
  satisfactionRate: num,
  /** Minutes, 1 decimal; null when nothing was reported / resolved. */
  avgReportMinutes: num,
  p90ReportMinutes: num,
  avgResolveMinutes: num,
  p90ResolveMinutes: num,
  overdue: z.number().int(),
});
export type ResponseKpiRow = z.infer<typeof responseKpiRow>;

export const responseKpis = z.object({
  level: z.enum(RESPONSE_KPI_LEVELS),
  from: z.string(),
  to: z.string(),
  rows: z.array(responseKpiRow),
  /** All rows together (the same targets, not an average of the rows). */
  total: responseKpiRow,
  definitions: z.array(z.object({ key: z.string(), label: z.string(), definition: z.string() })),
});
export type ResponseKpis = z.infer<typeof responseKpis>;

export const overdueWhistlesQuery = z.strictObject({ page, pageSize });

export const overdueWhistleItem = z.object({
  whistleId: z.string(),
  title: z.string(),
  type: z.enum(WHISTLE_TYPES),
  urgency: z.enum(WHISTLE_URGENCIES),
  blownAt: z.string(),
  origin: z.object({ id: z.string(), name: z.string() }),
  target: z.object({ id: z.string(), kind: z.enum(WHISTLE_TARGET_KINDS), name: z.string() }),
  /** The limit it is past: not reported yet, or not resolved yet. */
  stage: z.enum(['report', 'resolve']),
  dueAt: z.string(),
  overdueMinutes: z.number().int(),
  escalationLevel: z.number().int(),
});
export type OverdueWhistleItem = z.infer<typeof overdueWhistleItem>;
export const overdueWhistleList = paged(overdueWhistleItem);
