import { z, objectId, page, pageSize, paged } from '../validation';
import { ORG_KINDS, orgRef } from './refs';
import { HANGING_KINDS, ORG_EVENT_ACTIONS, ORG_NAME_MAX, TREE_KINDS } from './tree';

const name = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(ORG_NAME_MAX, `${what}最多 ${ORG_NAME_MAX} 个字`)
    // "/" and ":" would read as path separators in the roster imports and name keys.
    .refine((v) => !/[/:\\]/.test(v), `${what}不能包含 / : \\ 这些符号`);
export const orgNodeName = name('名称');

/** Where a complex (or community) is, as WeChat's getLocation gives it (GCJ-02); inside China. */
export const orgLocation = z.object({
  lng: z.number({ error: '请填写经度' }).min(73, '经度应在 73 到 136 之间').max(136, '经度应在 73 到 136 之间'),
  lat: z.number({ error: '请填写纬度' }).min(3, '纬度应在 3 到 54 之间').max(54, '纬度应在 3 到 54 之间'),
});
export type OrgLocation = z.infer<typeof orgLocation>;

/** A community office's phone: a landline with its area code (028-84561201) or a mobile. */
export const orgPhone = z
  .string()
  .trim()
  .regex(/^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1\d{10}|\d{5,8})$/, '请填写正确的电话号码，如 028-84561201 或手机号');
export const orgOfficeHours = z.string().trim().min(1, '请填写办公时间').max(40, '办公时间最多 40 个字');

const reason = z.string().trim().max(200, '原因最多 200 个字').optional();
const includeInactive = z.enum(['true', 'false']).optional();

/** A node as the tree browser shows it. */
export const orgTreeNode = z.object({
  id: z.string(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  /** Complexes: 老旧小区 / has a property company. */
  old: z.boolean().optional(),
  hasProperty: z.boolean().optional(),
  location: orgLocation.nullable(),
  /** Communities: the office's phone and hours. */
  phone: z.string().nullable().optional(),
  officeHours: z.string().nullable().optional(),
  /** Active nodes right below it. */
  childCount: z.number().int(),
});
export type OrgTreeNode = z.infer<typeof orgTreeNode>;

export const hangingItem = z.object({
  kind: z.enum(HANGING_KINDS),
  count: z.number().int(),
  /** "12 位居民". */
  text: z.string(),
});
export type HangingItem = z.infer<typeof hangingItem>;

export const listOrgChildrenQuery = z.strictObject({
  /** Whose children; the caller's own top (the county, or their street) when absent. */
  parentId: objectId.optional(),
  kind: z.enum(TREE_KINDS).optional(),
  includeInactive,
  page,
  pageSize,
});
export const orgChildrenList = paged(orgTreeNode).extend({
  parent: orgTreeNode,
  /** The parent's ancestors, county first. */
  path: z.array(orgRef),
  /** Whether the caller may add, rename, move or close the parent's children. */
  canEdit: z.boolean(),
});
export type OrgChildrenList = z.infer<typeof orgChildrenList>;

export const orgNodeParams = z.strictObject({ id: objectId });

export const orgNodeDetail = z.object({
  node: orgTreeNode,
  path: z.array(orgRef),
  /** Active children by kind. */
  children: z.array(z.object({ kind: z.enum(TREE_KINDS), count: z.number().int() })),
  /** What lives and is open here (this node and below): residents, open needs… */
  hanging: z.array(hangingItem),
  /** Set when it was merged or closed into another node. */
  mergedInto: orgRef.nullable(),
  /** Whether the caller may change it (rename, move, merge, close). */
  canEdit: z.boolean(),
});
export type OrgNodeDetail = z.infer<typeof orgNodeDetail>;

export const createOrgNodeBody = z.strictObject({
  kind: z.enum(TREE_KINDS, { error: '请选择要新建的类别' }),
  parentId: objectId,
  name: orgNodeName,
  old: z.boolean().optional(),
  hasProperty: z.boolean().optional(),
  location: orgLocation.nullable().optional(),
});
export type CreateOrgNodeBody = z.infer<typeof createOrgNodeBody>;

export const updateOrgNodeBody = z
  .strictObject({
    name: orgNodeName.optional(),
    old: z.boolean().optional(),
    hasProperty: z.boolean().optional(),
    location: orgLocation.nullable().optional(),
    phone: orgPhone.nullable().optional(),
    officeHours: orgOfficeHours.nullable().optional(),
    reason,
  })
  .refine(
    (b) =>
      b.name !== undefined ||
      b.old !== undefined ||
      b.hasProperty !== undefined ||
      b.location !== undefined ||
      b.phone !== undefined ||
      b.officeHours !== undefined,
    {
      message: '没有要修改的内容',
      path: ['name'],
    },
  );
export type UpdateOrgNodeBody = z.infer<typeof updateOrgNodeBody>;

export const moveOrgNodeBody = z.strictObject({ parentId: objectId, reason });
export const mergeOrgNodeBody = z.strictObject({ targetId: objectId, reason });
export const deactivateOrgNodeBody = z.strictObject({ targetId: objectId.optional(), reason });
export const orgImpactQuery = z.strictObject({ targetId: objectId.optional() });

/** A child whose name is taken under the target: it keeps its records and gets this name. */
export const orgRename = z.object({
  id: z.string(),
  kind: z.enum([...ORG_KINDS, 'unit']),
  from: z.string(),
  to: z.string(),
});

export const orgImpact = z.object({
  node: orgRef,
  target: orgRef.nullable(),
  items: z.array(hangingItem),
  /** Anything at all hangs on it: without a target it cannot be closed. */
  blocking: z.boolean(),
  renames: z.array(orgRename),
  /** "还有 12 位居民、3 条未办结的需求在这里，将转到「南门社区」". */
  sentence: z.string(),
});
export type OrgImpact = z.infer<typeof orgImpact>;

/** What a move, merge or close did. */
export const orgChangeResult = z.object({
  node: orgTreeNode,
  target: orgRef.nullable(),
  moved: z.array(hangingItem),
  renames: z.array(orgRename),
  message: z.string(),
});
export type OrgChangeResult = z.infer<typeof orgChangeResult>;

// ---------------------------------------------------------------- events

export const listOrgEventsQuery = z.strictObject({ nodeId: objectId, page, pageSize });
export const orgEventView = z.object({
  id: z.string(),
  action: z.enum(ORG_EVENT_ACTIONS),
  subjectKind: z.enum([...ORG_KINDS, 'unit']),
  subjectId: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string(), role: z.string() }),
  at: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  /** "周洋 把「老街社区」改名为「老街新社区」". */
  text: z.string(),
  /** 'api' or 'import'. */
  source: z.string(),
});
export type OrgEventView = z.infer<typeof orgEventView>;
export const orgEventList = paged(orgEventView);

// ---------------------------------------------------------------- resident units (驻区单位)

const unitKind = z.string({ error: '请填写单位类别' }).trim().min(1, '请填写单位类别').max(20, '单位类别最多 20 个字');

export const orgUnitView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  street: orgRef,
  active: z.boolean(),
});
export type OrgUnitView = z.infer<typeof orgUnitView>;

export const listOrgUnitsQuery = z.strictObject({
  streetId: objectId.optional(),
  includeInactive,
  page,
  pageSize,
});
export const orgUnitList = paged(orgUnitView).extend({ canEdit: z.boolean() });

export const orgUnitDetail = z.object({
  unit: orgUnitView,
  hanging: z.array(hangingItem),
  mergedInto: z.object({ id: z.string(), name: z.string() }).nullable(),
  canEdit: z.boolean(),
});
export type OrgUnitDetail = z.infer<typeof orgUnitDetail>;

export const createOrgUnitBody = z.strictObject({ name: name('单位名称'), kind: unitKind, streetId: objectId });
export const updateOrgUnitBody = z
  .strictObject({ name: name('单位名称').optional(), kind: unitKind.optional(), reason })
  .refine((b) => b.name !== undefined || b.kind !== undefined, { message: '没有要修改的内容', path: ['name'] });
export const moveOrgUnitBody = z.strictObject({ streetId: objectId, reason });

export const orgUnitImpact = z.object({
  unit: z.object({ id: z.string(), name: z.string() }),
  target: z.object({ id: z.string(), name: z.string() }).nullable(),
  items: z.array(hangingItem),
  blocking: z.boolean(),
  sentence: z.string(),
});
export type OrgUnitImpact = z.infer<typeof orgUnitImpact>;
export const orgUnitChangeResult = z.object({
  unit: orgUnitView,
  moved: z.array(hangingItem),
  message: z.string(),
});
