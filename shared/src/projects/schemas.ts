import { MENU_CATEGORY_CODES } from '../menu/categories';
import { ROLES } from '../roles';
import { z, objectId, page, pageSize, paged } from '../validation';
import { NEED_STATUSES } from '../needs/state-machine';
import { PROJECT_ACTIONS, PROJECT_EVENT_ACTIONS, PROJECT_STATUSES } from './state-machine';

/** Most responsible units, milestones and photos a project carries; more would not fit a phone screen. */
export const MAX_PROJECT_UNITS = 20;
export const MAX_MILESTONES = 30;
export const MAX_UPDATE_PHOTOS = 9;
/** Most needs linked in one request. */
export const MAX_LINK_NEEDS = 100;

/** community: serves one community; street: serves the whole street, led by one community. */
export const PROJECT_LEVELS = ['community', 'street'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
export const PROJECT_LEVEL_LABELS: Record<ProjectLevel, string> = { community: '社区项目', street: '街道项目' };

/** Integer fen (分): the API never carries money as a float. Up to 1 billion yuan. */
export const budgetFen = z
  .number({ error: '预算应为数字（单位：分）' })
  .int('预算以分为单位，须为整数')
  .min(0, '预算不能为负数')
  .max(100_000_000_000, '预算过大');

const uniqueIds = (max: number, tooMany: string) =>
  z
    .array(objectId)
    .max(max, tooMany)
    .refine((ids) => new Set(ids).size === ids.length, '不能重复');

/** A milestone's due day, YYYY-MM-DD (China time: a day, not an instant). */
const dueDay = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const progress = z
  .number({ error: '进度应为 0–100 的整数' })
  .int('进度应为 0–100 的整数')
  .min(0, '进度不能小于 0')
  .max(100, '进度不能大于 100');

const projectFields = {
  title: z.string().trim().min(2, '项目名称至少 2 个字').max(60, '项目名称最多 60 字'),
  goal: z.string().trim().min(1, '请写明项目目标').max(2000, '项目目标最多 2000 字'),
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  /** The community (or a grid, complex or building in it) where the project is; for a street project, the lead community. */
  placeId: objectId,
  level: z.enum(PROJECT_LEVELS),
  budgetFen,
  /** 驻区单位 responsible for delivery. */
  responsibleUnitIds: uniqueIds(MAX_PROJECT_UNITS, `责任单位最多 ${MAX_PROJECT_UNITS} 个`),
};

export const createProjectBody = z.strictObject({
  ...projectFields,
  level: projectFields.level.default('community'),
  responsibleUnitIds: projectFields.responsibleUnitIds.default([]),
});
export type CreateProjectBody = z.infer<typeof createProjectBody>;

export const updateProjectBody = z
  .strictObject({
    title: projectFields.title.optional(),
    goal: projectFields.goal.optional(),
    categoryCode: projectFields.categoryCode.optional(),
    placeId: projectFields.placeId.optional(),
    level: projectFields.level.optional(),
    budgetFen: projectFields.budgetFen.optional(),
    responsibleUnitIds: projectFields.responsibleUnitIds.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');
export type UpdateProjectBody = z.infer<typeof updateProjectBody>;

const note = z.string().trim().max(500, '说明最多 500 字');
export const projectNoteBody = z.strictObject({ note: note.optional() });
export const cancelProjectBody = z.strictObject({
  reason: z
    .string({ error: (iss) => (iss.input === undefined ? '请填写撤销原因' : '撤销原因应为文字') })
    .trim()
    .min(1, '请填写撤销原因')
    .max(500, '撤销原因最多 500 字'),
});

export const addMilestoneBody = z.strictObject({
  title: z.string().trim().min(1, '请填写里程碑名称').max(60, '里程碑名称最多 60 字'),
  due: dueDay,
  progress: progress.default(0),
});
export const updateMilestoneBody = z
  .strictObject({
    title: addMilestoneBody.shape.title.optional(),
    due: dueDay.optional(),
    progress: progress.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');

export const postProjectUpdateBody = z.strictObject({
  text: z.string().trim().min(1, '请填写进展内容').max(1000, '进展内容最多 1000 字'),
  /** Photos uploaded first through the upload endpoint, by id. */
  photos: uniqueIds(MAX_UPDATE_PHOTOS, `照片最多 ${MAX_UPDATE_PHOTOS} 张`).default([]),
});

export const linkNeedsBody = z.strictObject({
  needIds: uniqueIds(MAX_LINK_NEEDS, `一次最多纳入 ${MAX_LINK_NEEDS} 个需求`).min(1, '请选择需求'),
});

export const projectParams = z.strictObject({ id: objectId });
export const milestoneParams = z.strictObject({ id: objectId, milestoneId: objectId });
export const projectNeedParams = z.strictObject({ id: objectId, needId: objectId });

export const projectListQuery = z.strictObject({
  status: z.enum(PROJECT_STATUSES).optional(),
  categoryCode: z.enum(MENU_CATEGORY_CODES).optional(),
  /** Narrows to one community (within what the caller may see). */
  communityId: objectId.optional(),
  page,
  pageSize,
});
export const projectPageQuery = z.strictObject({ page, pageSize });

// ——— Responses ———

const iso = z.string();
const ref = z.object({ id: z.string(), name: z.string() });

export const projectSummary = z.object({
  id: z.string(),
  title: z.string(),
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  status: z.enum(PROJECT_STATUSES),
  level: z.enum(PROJECT_LEVELS),
  community: ref,
  budgetFen: z.number().int(),
  /** Mean of the milestones' progress, 0–100. */
  progress: z.number().int(),
  needsCount: z.number().int(),
  units: z.array(ref),
  createdAt: iso,
  updatedAt: iso,
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const milestoneView = z.object({
  id: z.string(),
  title: z.string(),
  due: z.string(),
  progress: z.number().int(),
  /** When progress reached 100. */
  doneAt: iso.nullable(),
});
export type MilestoneView = z.infer<typeof milestoneView>;

export const projectUpdateView = z.object({
  id: z.string(),
  text: z.string(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  at: iso,
  author: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) }),
});
export type ProjectUpdateView = z.infer<typeof projectUpdateView>;

export const projectEventView = z.object({
  seq: z.number().int(),
  action: z.enum(PROJECT_EVENT_ACTIONS),
  from: z.enum(PROJECT_STATUSES).nullable(),
  to: z.enum(PROJECT_STATUSES),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  at: iso,
  note: z.string().nullable(),
});

/** How many public updates the detail carries; older ones page through listProjectUpdates. */
export const PROJECT_DETAIL_UPDATES = 10;

export const projectDetail = projectSummary.extend({
  goal: z.string(),
  place: z.object({
    streetId: z.string(),
    communityId: z.string(),
    gridId: z.string().nullable(),
    complexId: z.string().nullable(),
    buildingId: z.string().nullable(),
    /** e.g. 城关街道 南门社区 南门小区 */
    label: z.string(),
  }),
  milestones: z.array(milestoneView),
  /** Newest first, at most PROJECT_DETAIL_UPDATES. */
  updates: z.array(projectUpdateView),
  updatesTotal: z.number().int(),
  cancelReason: z.string().nullable(),
  openedAt: iso.nullable(),
  deliveredAt: iso.nullable(),
  /** Whether the caller may edit it; `actions` are the status changes open to them now. */
  canEdit: z.boolean(),
  /** Whether the caller may report progress (editors, and admins of a responsible unit). */
  canReport: z.boolean(),
  actions: z.array(z.enum(PROJECT_ACTIONS)),
  /** Every status change: who, when, why. Shown to those who may edit; empty for others. */
  history: z.array(projectEventView),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

export const projectList = paged(projectSummary);
export const projectUpdateList = paged(projectUpdateView);

export const projectNeedView = z.object({
  needId: z.string(),
  title: z.string(),
  status: z.enum(NEED_STATUSES),
  linkedAt: iso,
});
export const projectNeedList = paged(projectNeedView);

export const linkNeedsResponse = z.object({
  linked: z.number().int(),
  needsCount: z.number().int(),
});

export const unlinkNeedResponse = z.object({ needsCount: z.number().int() });

export const deliverProjectResponse = z.object({
  /** Linked needs moved to done by this delivery. */
  delivered: z.number().int(),
  /** Linked needs left as they were, each with the reason (e.g. already done, withdrawn). */
  skipped: z.array(z.object({ needId: z.string(), reason: z.string() })),
});
export type DeliverProjectResponse = z.infer<typeof deliverProjectResponse>;
