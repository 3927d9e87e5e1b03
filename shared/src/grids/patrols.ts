import { z, mobilePhone, objectId, page, pageSize, paged } from '../validation';
import type { MenuCategoryCode } from '../menu/categories';
import { needAnswers } from '../needs/schemas';
import type { Role } from '../roles';
import { isoWeek } from './weeks';

/** Who logs patrols: grid workers of their own grid, and staff who sit on a grid's team as chief or worker. */
export const PATROLLER_ROLES = ['gridWorker', 'staff'] as const satisfies readonly Role[];
/** Who turns a finding into a need or a whistle, or closes it: the grid's worker and the community's staff. */
export const FINDING_HANDLER_ROLES = ['gridWorker', 'staff'] as const satisfies readonly Role[];

export const PATROL_RULES = {
  /** A patrol is logged within a week of its start (the weekly report), never in the future. */
  maxBackdateDays: 7,
  /** Clocks of phones drift: an end this far after "now" is still accepted. */
  clockSkewMinutes: 5,
  maxHours: 12,
  maxPlaces: 50,
  maxFindings: 20,
  maxPhotos: 9,
} as const;

/** Categories of what a patrol finds (巡查发现). */
export const FINDING_CATEGORIES = [
  'security',
  'cityManagement',
  'sanitation',
  'facilities',
  'dispute',
  'other',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];
export const FINDING_CATEGORY_LABELS: Record<FindingCategory, string> = {
  security: '治安',
  cityManagement: '城管',
  sanitation: '卫生',
  facilities: '设施',
  dispute: '矛盾纠纷',
  other: '其他',
};

/**
 * The menu category a finding becomes as a need. Converting picks the first item of that category
 * offered in the community that needs no extra answers, or orders 其他 in the finding's words.
 */
export const FINDING_NEED_CATEGORY: Record<FindingCategory, MenuCategoryCode> = {
  security: 'other',
  cityManagement: 'other',
  sanitation: 'sanitation',
  facilities: 'other',
  dispute: 'legalAid',
  other: 'other',
};

/**
 * open → converted (became a need or a whistle) → closed; or open → closed when handled on the
 * spot (现场处置). Converting or handling on the spot happens once per finding.
 */
export const FINDING_STATUSES = ['open', 'converted', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  open: '待处理',
  converted: '已转办',
  closed: '已办结',
};

/** What a finding's one outcome was. */
export const FINDING_OUTCOMES = ['need', 'whistle', 'onSite'] as const;
export type FindingOutcome = (typeof FINDING_OUTCOMES)[number];
export const FINDING_OUTCOME_LABELS: Record<FindingOutcome, string> = {
  need: '转为需求',
  whistle: '吹哨报到',
  onSite: '现场处置',
};

export const FINDING_ACTIONS = ['toNeed', 'toWhistle', 'close'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

/** The buttons a handler sees on a finding. */
export function findingActions(status: FindingStatus): FindingAction[] {
  if (status === 'open') return ['toNeed', 'toWhistle', 'close'];
  if (status === 'converted') return ['close'];
  return [];
}

const iso = z.iso.datetime({ offset: true, error: '时间格式不正确' });
const photos = z
  .array(objectId)
  .max(PATROL_RULES.maxPhotos, `照片最多 ${PATROL_RULES.maxPhotos} 张`)
  .refine((ids) => new Set(ids).size === ids.length, '照片不能重复')
  .default([]);

export const findingLocation = z.strictObject({
  lat: z.number().min(-90, '纬度不正确').max(90, '纬度不正确'),
  lng: z.number().min(-180, '经度不正确').max(180, '经度不正确'),
});

export const findingInput = z.strictObject({
  category: z.enum(FINDING_CATEGORIES, { error: '请选择发现的类别' }),
  description: z.string().trim().min(1, '请描述发现的问题').max(500, '最多 500 字'),
  photos,
  /** GPS from the phone, when allowed. */
  location: findingLocation.nullable().optional(),
  /** A complex or building of the grid; the grid itself when left out. */
  placeId: objectId.optional(),
});
export type FindingInput = z.infer<typeof findingInput>;

export const logPatrolBody = z
  .strictObject({
    gridId: objectId,
    startedAt: iso,
    endedAt: iso,
    /** Complexes and buildings visited, all in the grid. */
    placeIds: z
      .array(objectId)
      .min(1, '请选择巡查到的小区或楼栋')
      .max(PATROL_RULES.maxPlaces, `最多 ${PATROL_RULES.maxPlaces} 处`)
      .refine((ids) => new Set(ids).size === ids.length, '地点不能重复'),
    note: z.string().trim().max(500, '备注最多 500 字').optional(),
    findings: z
      .array(findingInput)
      .max(PATROL_RULES.maxFindings, `一次巡查最多记录 ${PATROL_RULES.maxFindings} 条发现`)
      .default([]),
  })
  .superRefine((b, ctx) => {
    const start = Date.parse(b.startedAt);
    const end = Date.parse(b.endedAt);
    if (!(end > start)) ctx.addIssue({ code: 'custom', path: ['endedAt'], message: '结束时间应晚于开始时间' });
    else if (end - start > PATROL_RULES.maxHours * 3_600_000) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: `一次巡查最长 ${PATROL_RULES.maxHours} 小时` });
    }
  });
export type LogPatrolBody = z.infer<typeof logPatrolBody>;

export const patrolParams = z.strictObject({ id: objectId });
export const findingParams = z.strictObject({ id: objectId });

export const listPatrolsQuery = z.strictObject({
  gridId: objectId.optional(),
  communityId: objectId.optional(),
  week: isoWeek.optional(),
  page,
  pageSize,
});

export const listFindingsQuery = z.strictObject({
  status: z.enum(FINDING_STATUSES).optional(),
  category: z.enum(FINDING_CATEGORIES).optional(),
  gridId: objectId.optional(),
  communityId: objectId.optional(),
  page,
  pageSize,
});

/**
 * Turning a finding into a need (点单 on behalf of residents). Everything is optional: the need
 * takes the finding's words, place and photos, and the menu item its category maps to.
 */
export const convertFindingToNeedBody = z.strictObject({
  /** A menu item offered in the community; null orders 其他; left out, the category's default. */
  menuItemId: objectId.nullable().optional(),
  answers: needAnswers.default({}),
  /** The need's title when it is ordered as 其他. */
  title: z.string().trim().min(1).max(100, '最多 100 字').optional(),
  description: z.string().trim().min(1).max(1000, '最多 1000 字').optional(),
  /** A complex or building of the grid; defaults to the finding's place. */
  placeId: objectId.optional(),
  contactPhone: mobilePhone.optional(),
  /** The resident concerned, when there is one (an elderly person without the app). */
  onBehalfOf: z
    .strictObject({ name: z.string().trim().min(1, '请填写居民姓名').max(20), phone: mobilePhone })
    .optional(),
});
export type ConvertFindingToNeedBody = z.infer<typeof convertFindingToNeedBody>;

export const closeFindingBody = z.strictObject({
  note: z
    .string({ error: (iss) => (iss.input === undefined ? '请写明处置结果' : '处置结果应为文字') })
    .trim()
    .min(1, '请写明处置结果')
    .max(500, '最多 500 字'),
});

// ——— Responses ———

const ref = z.object({ id: z.string(), name: z.string() });
const placeRef = z.object({ id: z.string(), kind: z.string(), name: z.string() });

export const findingView = z.object({
  id: z.string(),
  patrolId: z.string(),
  grid: ref,
  category: z.enum(FINDING_CATEGORIES),
  description: z.string(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /** The complex, building or grid where it was found; label e.g. 南门小区 1号楼. */
  place: placeRef.extend({ label: z.string() }),
  status: z.enum(FINDING_STATUSES),
  reportedBy: ref,
  foundAt: z.string(),
  /** Its one outcome: the need or whistle it became, or handled on the spot. */
  outcome: z
    .object({
      kind: z.enum(FINDING_OUTCOMES),
      /** The need's or whistle's id (null for on-the-spot handling, or a whistle still to be blown). */
      targetId: z.string().nullable(),
      at: z.string(),
      by: ref,
      note: z.string().nullable(),
    })
    .nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  actions: z.array(z.enum(FINDING_ACTIONS)),
});
export type FindingView = z.infer<typeof findingView>;

export const patrolSummary = z.object({
  id: z.string(),
  grid: ref,
  community: ref,
  patroller: ref,
  startedAt: z.string(),
  endedAt: z.string(),
  week: z.string(),
  places: z.array(placeRef),
  note: z.string().nullable(),
  findingCount: z.number().int(),
  openFindingCount: z.number().int(),
});
export type PatrolSummary = z.infer<typeof patrolSummary>;

export const patrolDetail = patrolSummary.extend({ findings: z.array(findingView) });
export type PatrolDetail = z.infer<typeof patrolDetail>;

export const patrolList = paged(patrolSummary);
export const findingList = paged(findingView);
