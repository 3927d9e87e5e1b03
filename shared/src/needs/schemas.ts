import type { FieldError } from '../errors';
import { MENU_CATEGORY_CODES } from '../menu/categories';
import type { MenuField } from '../menu/schemas';
import { z, mobilePhone, objectId, page, pageSize, paged } from '../validation';
import { chinaDay } from '../china-time';
import { NEED_ACTIONS, NEED_EVENT_ACTIONS, NEED_STATUSES, ROUTE_KINDS, type NeedStatus } from './state-machine';

/** Most photos on one need. */
export const MAX_NEED_PHOTOS = 9;
/** Time limits of a "其他" order without a menu item. */
export const OTHER_NEED_LIMITS = { acceptHours: 24, completeHours: 168 } as const;

/** Photo uploads: what the upload endpoint takes (the mini-program checks the same before sending). */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

const note = z.string().trim().max(500, '备注最多 500 字');

// ——— Ordering (点单) ———

const answerValue = z.union([
  z.string().max(500, '最多 500 字'),
  z.number(),
  z.array(z.string().max(40)).max(30),
  z.null(),
]);

/** Answers to the menu item's extra fields, by field code; checked against the item by validateNeedAnswers. */
export const needAnswers = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '填写项编码不正确'), answerValue)
  .refine((a) => Object.keys(a).length <= 30, '填写项过多');
export type NeedAnswers = z.infer<typeof needAnswers>;

export const createNeedBody = z
  .strictObject({
    /** The menu item ordered; null for "其他" with `otherText`. */
    menuItemId: objectId.nullable(),
    /** What the resident wants when nothing on the menu fits (其他). */
    otherText: z.string().trim().min(1, '请写下您的需求').max(100, '最多 100 字').optional(),
    description: z.string().trim().min(1, '请描述您的需求').max(1000, '最多 1000 字'),
    preferredTime: z.iso.datetime({ offset: true, error: '时间格式不正确' }).nullable().optional(),
    /** A complex (小区) or building (楼栋) of the caller's community; the grid follows from it. */
    placeId: objectId,
    /** Defaults to the caller's own number (or the resident's, when ordering on their behalf). */
    contactPhone: mobilePhone.optional(),
    photos: z
      .array(objectId)
      .max(MAX_NEED_PHOTOS, `照片最多 ${MAX_NEED_PHOTOS} 张`)
      .refine((ids) => new Set(ids).size === ids.length, '照片不能重复')
      .default([]),
    answers: needAnswers.default({}),
    /** Grid workers only: the resident they order for (e.g. an elderly person without a phone app). */
    onBehalfOf: z
      .strictObject({
        name: z.string().trim().min(1, '请填写居民姓名').max(20),
        phone: mobilePhone,
      })
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (b.menuItemId === null && !b.otherText) {
      ctx.addIssue({ code: 'custom', path: ['otherText'], message: '没有选择服务项目时，请写下您的需求' });
    }
  });
export type CreateNeedBody = z.infer<typeof createNeedBody>;

const CHOICE_TYPES: readonly MenuField['type'][] = ['singleChoice', 'multiChoice'];

/**
 * Checks answers against a menu item's extra fields (required, type, choice keys). Unknown codes
 * are refused. Returns the failing fields; empty when the answers are good.
 */
export function validateNeedAnswers(
  fields: readonly MenuField[],
  answers: Record<string, unknown>,
  prefix = 'body.answers',
): FieldError[] {
  const errors: FieldError[] = [];
  const byCode = new Map(fields.map((f) => [f.code, f]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code)) errors.push({ path: `${prefix}.${code}`, message: '该服务项目没有这个填写项' });
  }
  for (const f of fields) {
    const path = `${prefix}.${f.code}`;
    const v = answers[f.code];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (f.required) errors.push({ path, message: `请填写“${f.label}”` });
      continue;
    }
    const keys = CHOICE_TYPES.includes(f.type) ? new Set((f.options ?? []).map((o) => o.key)) : null;
    const bad = (message: string) => errors.push({ path, message: `“${f.label}”${message}` });
    switch (f.type) {
      case 'string':
        if (typeof v !== 'string') bad('应填写文字');
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('应填写数字');
        break;
      case 'datetime':
        if (typeof v !== 'string' || !z.iso.datetime({ offset: true }).safeParse(v).success) bad('应填写日期时间');
        break;
      case 'singleChoice':
        if (typeof v !== 'string' || !keys!.has(v)) bad('的选项无效');
        break;
      case 'multiChoice':
        if (!Array.isArray(v) || v.some((k) => typeof k !== 'string' || !keys!.has(k))) bad('的选项无效');
        else if (new Set(v).size !== v.length) bad('的选项重复');
        break;
    }
  }
  return errors;
}

// ——— Actions ———

export const needParams = z.strictObject({ id: objectId });
export const needNoteBody = z.strictObject({ note: note.optional() });
export const rejectNeedBody = z.strictObject({
  reason: z
    .string({ error: (iss) => (iss.input === undefined ? '请填写驳回原因' : '驳回原因应为文字') })
    .trim()
    .min(1, '请填写驳回原因')
    .max(500, '驳回原因最多 500 字'),
});
/** 无法服务: the service person says why, for the staff who dispatch it again. */
export const declineNeedBody = z.strictObject({
  reason: z
    .string({ error: (iss) => (iss.input === undefined ? '请写明无法服务的原因' : '原因应为文字') })
    .trim()
    .min(1, '请写明无法服务的原因')
    .max(500, '原因最多 500 字'),
});
/**
 * 办结 / 完成服务: the result in words (required when the need was dispatched to a person: the
 * resident reads it) and photos of the work, uploaded first like an order's photos.
 */
export const completeNeedBody = z.strictObject({
  note: note.optional(),
  photos: z
    .array(objectId)
    .max(MAX_NEED_PHOTOS, `照片最多 ${MAX_NEED_PHOTOS} 张`)
    .refine((ids) => new Set(ids).size === ids.length, '照片不能重复')
    .default([]),
});
/** The message of a missing result note (400 naming body.note). */
export const RESULT_NOTE_REQUIRED = '请填写服务结果，居民会看到这段话';
export const needRoute = z.strictObject({
  kind: z.enum(ROUTE_KINDS),
  /** A resource, activity or project id; for `whistle`, the department (职能部门) org id. */
  targetId: objectId,
});
export type NeedRoute = z.infer<typeof needRoute>;
export const dispatchNeedBody = needRoute.extend({ note: note.optional() });
export const rateNeedBody = z.strictObject({
  stars: z.number().int('请选择 1–5 星').min(1, '请选择 1–5 星').max(5, '请选择 1–5 星'),
  comment: z.string().trim().max(500, '评价最多 500 字').default(''),
});

// ——— Lists ———

/** `YYYY-MM-DD` (China time, the whole day) or an ISO date-time with offset. */
export const dateBound = (end: boolean) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: '日期格式应为 YYYY-MM-DD' }).transform((s) => {
    if (s.length > 10) return new Date(new Date(s).getTime() + (end ? 1 : 0));
    const day = chinaDay(s);
    return end ? day.to : day.from;
  });

/**
 * `urgent`: the staff inbox's order — overdue first (most overdue first), then the nearest due time,
 * then the newest (needs with no running limit share one far date, so they come last, newest first).
 */
export const NEED_SORTS = ['newest', 'oldest', 'dueSoonest', 'urgent'] as const;

export const needInboxQuery = z
  .strictObject({
    status: z.enum(NEED_STATUSES).optional(),
    categoryCode: z.enum(MENU_CATEGORY_CODES).optional(),
    gridId: objectId.optional(),
    /** Only needs past their acceptance or completion limit. */
    overdue: z.stringbool().optional(),
    /** Submitted on or after (inclusive). */
    from: dateBound(false).optional(),
    /** Submitted on or before (a date includes the whole day). */
    to: dateBound(true).optional(),
    sort: z.enum(NEED_SORTS).default('newest'),
    page,
    pageSize,
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['to'], message: '结束日期不能早于开始日期' });

export const myNeedsQuery = z.strictObject({
  status: z.enum(NEED_STATUSES).optional(),
  page,
  pageSize,
});

/** 待我服务: open = still to take or finish (派给我、服务中), finished = done, closed or passed back. */
export const SERVING_STATES = ['open', 'finished'] as const;
export type ServingState = (typeof SERVING_STATES)[number];
/** The statuses of a need still in its assignee's hands. */
export const SERVING_OPEN_STATUSES: readonly NeedStatus[] = ['routed', 'in_progress'];
export const servingNeedsQuery = z.strictObject({
  state: z.enum(SERVING_STATES).optional(),
  page,
  pageSize,
});

// ——— Responses ———

const iso = z.string();
const personRef = z.object({ id: z.string(), name: z.string() });
const photoRef = z.object({ id: z.string(), url: z.string() });
const overdue = z.enum(['accept', 'complete']).nullable();

export const needPlace = z.object({
  streetId: z.string(),
  communityId: z.string(),
  gridId: z.string().nullable(),
  complexId: z.string().nullable(),
  buildingId: z.string().nullable(),
  /** e.g. 南门小区 1号楼 */
  label: z.string(),
});

export const needSummary = z.object({
  id: z.string(),
  status: z.enum(NEED_STATUSES),
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  menuItem: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The item's name, or the resident's own words for 其他. */
  title: z.string(),
  description: z.string(),
  place: needPlace,
  owner: z.object({ id: z.string(), name: z.string() }),
  /** Masked (138****0001) except to the owner and to whoever handles the need. */
  contactPhone: z.string(),
  submittedAt: iso,
  dueAcceptAt: iso,
  /** Set once accepted: acceptance + the item's completion hours. */
  dueCompleteAt: iso.nullable(),
  /** Computed on read: past the acceptance limit while submitted, or the completion limit while open. */
  overdue,
  route: needRoute.nullable(),
  /** The service person it is dispatched to, named as residents read it (刘明律师); null when none. */
  assignee: personRef.nullable(),
  /**
   * Staff and handlers only (null for others): the last service person who could not serve it, and
   * why, until it is dispatched again.
   */
  declined: z.object({ by: z.string(), reason: z.string() }).nullable(),
  rating: z.object({ stars: z.number().int(), comment: z.string() }).nullable(),
});
export type NeedSummary = z.infer<typeof needSummary>;

export const needEventView = z.object({
  seq: z.number().int(),
  action: z.enum(NEED_EVENT_ACTIONS),
  from: z.enum(NEED_STATUSES).nullable(),
  to: z.enum(NEED_STATUSES),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable(), role: z.string() }),
  at: iso,
  note: z.string().nullable(),
  /** dispatch: where it went, named as it was then (null on events recorded before names were kept). */
  route: needRoute.extend({ title: z.string().nullable() }).nullable(),
  /** dispatch: the service person it went to, named as residents read it (刘明律师). */
  assignee: personRef.nullable(),
  rating: z.object({ stars: z.number().int(), comment: z.string() }).nullable(),
  /** complete: photos of the work done. */
  photos: z.array(photoRef),
});
export type NeedEventView = z.infer<typeof needEventView>;

export const needDetail = needSummary.extend({
  otherText: z.string().nullable(),
  preferredTime: iso.nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  photos: z.array(photoRef),
  onBehalfOf: z.object({ name: z.string(), phone: z.string() }).nullable(),
  /** False when the phone numbers above are shown in full to this caller. */
  phoneMasked: z.boolean(),
  /** The need's community and how to reach its office (phone, office hours) when a resident needs to call. */
  community: z
    .object({ name: z.string(), phone: z.string().nullable(), officeHours: z.string().nullable() })
    .nullable(),
  /** The staff member who accepted or dispatched it last. */
  handler: z.object({ id: z.string(), name: z.string() }).nullable(),
  rejectReason: z.string().nullable(),
  reopenedOnce: z.boolean(),
  acceptedAt: iso.nullable(),
  completedAt: iso.nullable(),
  closedAt: iso.nullable(),
  /** The last completion: the result note and photos, who completed it and when. */
  result: z
    .object({ note: z.string().nullable(), photos: z.array(photoRef), by: personRef.nullable(), at: iso })
    .nullable(),
  /** What this caller may do now (the buttons to show). */
  actions: z.array(z.enum(NEED_ACTIONS)),
  /** Every transition: who, role, when, note. */
  timeline: z.array(needEventView),
});
export type NeedDetail = z.infer<typeof needDetail>;

export const needList = paged(needSummary);

/** 待我服务: open needs first (soonest due first), then finished ones (latest first). */
export const servingNeedList = paged(needSummary).extend({
  /** Needs still to take or finish, whatever the filter: the badge on 我的. */
  openCount: z.number().int(),
});
export type ServingNeedList = z.infer<typeof servingNeedList>;

/**
 * The inbox's badges count the needs still to be handled or rated, up to NEED_COUNT_CAP (shown as
 * "99+"); finished needs (closed, rejected, withdrawn) are listed but not counted. Why: counting all
 * of a community's needs made FerretDB read and decode every one of them on each inbox request
 * (thousands at county scale; docs/performance.md), while a badge past 99 tells staff nothing more.
 */
export const NEED_COUNTED_STATUSES: readonly NeedStatus[] = ['submitted', 'accepted', 'routed', 'in_progress', 'done'];
/** A badge count at this value means "this many or more". */
export const NEED_COUNT_CAP = 100;

/** A badge as people read it: `7`, or `99+` from the cap on. */
export function needCountText(n: number): string {
  return n >= NEED_COUNT_CAP ? `${NEED_COUNT_CAP - 1}+` : String(n);
}

export const needInbox = paged(needSummary).extend({
  /**
   * Per status, under the same filters except status and overdue: the badges of the admin tab. At
   * most NEED_COUNT_CAP (= that many or more); null for the statuses that are not counted.
   */
  counts: z.record(z.enum(NEED_STATUSES), z.number().int().nullable()),
  /** Open needs past their time limit, under the same filters; at most NEED_COUNT_CAP. */
  overdueCount: z.number().int(),
});
export type NeedInbox = z.infer<typeof needInbox>;

export const uploadParams = z.strictObject({ id: objectId });
export const uploadResponse = z.object({ id: z.string(), url: z.string() });
