import { createShiftBody } from '../activities/schemas';
import { dateBound } from '../needs/schemas';
import { z, objectId, page, pageSize, paged } from '../validation';
import {
  WHISTLE_ACTIONS,
  WHISTLE_CATEGORY_CODES,
  WHISTLE_EVENT_ACTIONS,
  WHISTLE_ORIGIN_KINDS,
  WHISTLE_RULE_CATEGORIES,
  WHISTLE_STATUSES,
  WHISTLE_SUPERVISORS,
  WHISTLE_TARGET_KINDS,
  WHISTLE_TARGET_STATUSES,
  WHISTLE_TYPES,
  WHISTLE_TYPE_RULES,
  WHISTLE_URGENCIES,
} from './rules';

/** Most photos on a whistle or a resolution. */
export const MAX_WHISTLE_PHOTOS = 9;
/** Most targets (departments) of one whistle. */
export const MAX_WHISTLE_TARGETS = 10;

const photos = z
  .array(objectId)
  .max(MAX_WHISTLE_PHOTOS, `照片最多 ${MAX_WHISTLE_PHOTOS} 张`)
  .refine((ids) => new Set(ids).size === ids.length, '照片不能重复')
  .default([]);

// ——— Blowing a whistle ———

export const whistleTargetInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('street'), orgId: objectId }),
    z.strictObject({ kind: z.literal('department'), orgId: objectId }),
    z.strictObject({ kind: z.literal('partyMembers') }),
  ],
  { error: '报到对象应为街道、职能部门或党员' },
);
export type WhistleTargetInput = z.infer<typeof whistleTargetInput>;

export const whistleSubjectInput = z.discriminatedUnion(
  'kind',
  [
    /** A need (需求) the community cannot solve. */
    z.strictObject({ kind: z.literal('need'), id: objectId }),
    /** A patrol finding (巡查发现) of a grid worker. */
    z.strictObject({ kind: z.literal('finding'), id: objectId }),
    /** A problem described in the whistle's own words. */
    z.strictObject({ kind: z.literal('text') }),
  ],
  { error: '吹哨事项应为需求、巡查发现或文字描述' },
);

export const blowWhistleBody = z
  .strictObject({
    type: z.enum(WHISTLE_TYPES),
    /**
     * Who blows: a community, a grid, a street or a project (its id). Defaults to the caller's own
     * place: staff their community, a grid worker their grid, a street admin their street.
     */
    origin: z.strictObject({ kind: z.enum(WHISTLE_ORIGIN_KINDS), id: objectId }).optional(),
    /** Where the problem is, more precisely (a grid, complex or building inside the origin); defaults to the origin. */
    placeId: objectId.optional(),
    subject: whistleSubjectInput.default({ kind: 'text' }),
    title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 字'),
    urgency: z.enum(WHISTLE_URGENCIES).default('normal'),
    /** Defaults to the need's or finding's category, else 其他. */
    category: z.enum(WHISTLE_CATEGORY_CODES).optional(),
    description: z.string().trim().min(1, '请描述需要解决的问题').max(2000, '最多 2000 字'),
    photos,
    /**
     * Departments for the department types (one or more); the street for 社区吹哨街道报到 and the
     * party members for 社区吹哨党员报到 follow from the origin and may be left out.
     */
    targets: z.array(whistleTargetInput).max(MAX_WHISTLE_TARGETS, `报到对象最多 ${MAX_WHISTLE_TARGETS} 个`).optional(),
    /** 社区吹哨党员报到: the volunteer call (an activity with one shift) that party members sign up for. */
    volunteerCall: z
      .strictObject({
        address: z.string().trim().min(2, '请填写集合地点').max(100),
        shift: createShiftBody,
      })
      .optional(),
  })
  .superRefine((b, ctx) => {
    const rule = WHISTLE_TYPE_RULES[b.type];
    if (b.origin && !rule.origins.includes(b.origin.kind)) {
      ctx.addIssue({ code: 'custom', path: ['origin', 'kind'], message: '这种吹哨不能由该来源发起' });
    }
    if (b.type === 'projectToDepartment' && !b.origin) {
      ctx.addIssue({ code: 'custom', path: ['origin'], message: '请选择发起吹哨的项目' });
    }
    const targets = b.targets ?? [];
    targets.forEach((t, i) => {
      if (t.kind !== rule.target)
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'kind'], message: '报到对象与吹哨类型不符' });
    });
    if (rule.target === 'department' && !targets.length) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: '请至少选择一个职能部门' });
    }
    if (!rule.manyTargets && targets.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: '这种吹哨只有一个报到对象' });
    }
    const ids = targets.map((t) => ('orgId' in t ? t.orgId : t.kind));
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: '报到对象不能重复' });
    if (b.type === 'communityToPartyMembers' && !b.volunteerCall) {
      ctx.addIssue({ code: 'custom', path: ['volunteerCall'], message: '请填写党员报到的时间、名额和地点' });
    }
    if (b.type !== 'communityToPartyMembers' && b.volunteerCall) {
      ctx.addIssue({ code: 'custom', path: ['volunteerCall'], message: '只有社区吹哨党员报到需要填写志愿召集' });
    }
  });
export type BlowWhistleBody = z.input<typeof blowWhistleBody>;

// ——— Acting on a target ———

export const whistleParams = z.strictObject({ id: objectId });
/** A target is named by its org: the street, the department, or (party members) the community. */
export const whistleTargetParams = z.strictObject({ id: objectId, targetId: objectId });

export const reportWhistleBody = z.strictObject({
  note: z.string().trim().max(500, '备注最多 500 字').optional(),
});
export const resolveWhistleBody = z.strictObject({
  result: z
    .string({ error: (iss) => (iss.input === undefined ? '请填写办理结果' : '办理结果应为文字') })
    .trim()
    .min(2, '请填写办理结果')
    .max(2000, '最多 2000 字'),
  photos,
});
export const confirmWhistleBody = z.strictObject({
  /** The originator's satisfaction with this target's handling, 1–5 stars (≥ 4 counts as satisfied). */
  satisfaction: z
    .number({ error: '请选择 1–5 星的满意度' })
    .int('请选择 1–5 星的满意度')
    .min(1, '请选择 1–5 星的满意度')
    .max(5, '请选择 1–5 星的满意度'),
  comment: z.string().trim().max(500, '最多 500 字').default(''),
});
export const sendBackWhistleBody = z.strictObject({
  reason: z
    .string({ error: (iss) => (iss.input === undefined ? '请填写退回原因' : '退回原因应为文字') })
    .trim()
    .min(2, '请填写退回原因')
    .max(500, '退回原因最多 500 字'),
});

export const remindWhistleBody = z.strictObject({
  /** What the supervisor asks for, shown on the timeline and in the messages. */
  note: z.string().trim().max(200, '督办意见最多 200 字').optional(),
});

// ——— Lists ———

export const listWhistlesQuery = z
  .strictObject({
    status: z.enum(WHISTLE_STATUSES).optional(),
    type: z.enum(WHISTLE_TYPES).optional(),
    /** Only whistles with a target past its report or resolution limit (or only those without). */
    overdue: z.stringbool().optional(),
    /** Blown on or after (a date: China time, the whole day). */
    from: dateBound(false).optional(),
    /** Blown on or before (a date includes the whole day). */
    to: dateBound(true).optional(),
    page,
    pageSize,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: '结束日期不能早于开始日期' });

// ——— Rules ———

const minutes = (max: number) =>
  z
    .number({ error: '请填写分钟数' })
    .int('时限应为整数分钟')
    .min(5, '时限不能少于 5 分钟')
    .max(max, `时限不能超过 ${max} 分钟`);
export const whistleLimits = z
  .strictObject({
    reportMinutes: minutes(7 * 24 * 60),
    resolveMinutes: minutes(90 * 24 * 60),
  })
  .refine((l) => l.resolveMinutes >= l.reportMinutes, {
    path: ['resolveMinutes'],
    message: '办结时限不能短于报到时限',
  });
export const whistleLimitTable = z.strictObject({
  emergency: whistleLimits,
  urgent: whistleLimits,
  normal: whistleLimits,
});

export const whistleRuleParams = z.strictObject({
  type: z.enum(WHISTLE_TYPES),
  category: z.enum(WHISTLE_RULE_CATEGORIES),
});
export const updateWhistleRuleBody = z.strictObject({ limits: whistleLimitTable });
export const whistleRulesQuery = z.strictObject({ page, pageSize });

const limitsView = z.object({ reportMinutes: z.number().int(), resolveMinutes: z.number().int() });
const limitTableView = z.object({ emergency: limitsView, urgent: limitsView, normal: limitsView });

export const whistleRuleView = z.object({
  type: z.enum(WHISTLE_TYPES),
  /** `default`: every category of the type that has no rule of its own. */
  category: z.enum(WHISTLE_RULE_CATEGORIES),
  limits: limitTableView,
  updatedAt: z.string(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type WhistleRuleView = z.infer<typeof whistleRuleView>;
export const whistleRuleList = paged(whistleRuleView).extend({
  /** Used where no rule matches (type + category, then type + default). */
  defaults: limitTableView,
});

// ——— Responses ———

const iso = z.string();
const idName = z.object({ id: z.string(), name: z.string() });

export const whistlePlaceView = z.object({
  streetId: z.string(),
  communityId: z.string().nullable(),
  gridId: z.string().nullable(),
  complexId: z.string().nullable(),
  buildingId: z.string().nullable(),
  /** e.g. 南门社区 南门小区 */
  label: z.string(),
});

export const whistleTargetSummary = z.object({
  /** The target's org: the street, the department, or (party members) the community. */
  id: z.string(),
  kind: z.enum(WHISTLE_TARGET_KINDS),
  name: z.string(),
  status: z.enum(WHISTLE_TARGET_STATUSES),
  /** Computed on read: past the report limit while pending, or the resolution limit until resolved. */
  overdue: z.enum(['report', 'resolve']).nullable(),
  /** How many levels it escalated (0: none); `escalatedTo` names the last one. */
  escalationLevel: z.number().int(),
  escalatedTo: z.enum(WHISTLE_SUPERVISORS).nullable(),
  /** The limits as instants: lists count down to them. */
  reportDueAt: iso,
  resolveDueAt: iso,
  /** The caller answers for this target (its street, its department, its community's party members). */
  mine: z.boolean(),
});

export const whistleTargetDetail = whistleTargetSummary.extend({
  limits: limitsView,
  reportedAt: iso.nullable(),
  reportedBy: idName.nullable(),
  /** Reported after the report limit (null until reported). */
  reportedLate: z.boolean().nullable(),
  resolvedAt: iso.nullable(),
  result: z.string().nullable(),
  resultPhotos: z.array(z.object({ id: z.string(), url: z.string() })),
  confirmedAt: iso.nullable(),
  satisfaction: z.number().int().nullable(),
  sendBacks: z.number().int(),
  lastSendBackReason: z.string().nullable(),
  /** What this caller may do on this target now (the buttons to show). */
  actions: z.array(z.enum(WHISTLE_ACTIONS)),
  /** This caller may 督办 this target now (a supervisor, the target still running). */
  canRemind: z.boolean(),
});
export type WhistleTargetDetail = z.infer<typeof whistleTargetDetail>;

export const whistleSummary = z.object({
  id: z.string(),
  type: z.enum(WHISTLE_TYPES),
  title: z.string(),
  urgency: z.enum(WHISTLE_URGENCIES),
  category: z.enum(WHISTLE_CATEGORY_CODES),
  status: z.enum(WHISTLE_STATUSES),
  origin: z.object({ kind: z.enum(WHISTLE_ORIGIN_KINDS), id: z.string(), name: z.string() }),
  place: whistlePlaceView,
  blownAt: iso,
  blownBy: idName,
  /** Any target past a limit now. */
  overdue: z.boolean(),
  /**
   * The caller's own target, when the caller answers for one: a department's list shows this status
   * (报到了就不再是待报到), not the whole whistle's, which waits on the slowest target.
   */
  own: z
    .object({
      id: z.string(),
      status: z.enum(WHISTLE_TARGET_STATUSES),
      overdue: z.enum(['report', 'resolve']).nullable(),
    })
    .nullable(),
  targets: z.array(whistleTargetSummary),
});
export type WhistleSummary = z.infer<typeof whistleSummary>;
export const whistleList = paged(whistleSummary);

export const whistleEventView = z.object({
  /** The target the step belongs to (every step is a target's). */
  targetId: z.string(),
  targetName: z.string(),
  seq: z.number().int(),
  action: z.enum(WHISTLE_EVENT_ACTIONS),
  from: z.enum(WHISTLE_TARGET_STATUSES).nullable(),
  to: z.enum(WHISTLE_TARGET_STATUSES),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable(), role: z.string() }),
  at: iso,
  note: z.string().nullable(),
  /** escalate: the level reached and the supervising level told. */
  level: z.number().int().nullable(),
  supervisor: z.enum(WHISTLE_SUPERVISORS).nullable(),
  satisfaction: z.number().int().nullable(),
});

export const whistleDetail = whistleSummary.extend({
  description: z.string(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  subject: z.object({ kind: z.enum(['need', 'finding', 'text']), id: z.string().nullable() }),
  targets: z.array(whistleTargetDetail),
  /** 社区吹哨党员报到: the volunteer call's activity and shift. */
  volunteerCall: z.object({ activityId: z.string(), shiftId: z.string().nullable() }).nullable(),
  /** Every step of every target, in time order. */
  timeline: z.array(whistleEventView),
});
export type WhistleDetail = z.infer<typeof whistleDetail>;

/** The county's departments a whistle may go to. */
export const whistleDepartmentList = z.object({ items: z.array(idName) });
