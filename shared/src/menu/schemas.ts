import { z, objectId, page, pageSize, paged } from '../validation';
import { MENU_CATEGORY_CODES, RESOURCE_KINDS } from './categories';

/** Extra form fields of a menu item, in the manner of Open311 service definitions. */
export const MENU_FIELD_TYPES = ['string', 'number', 'datetime', 'singleChoice', 'multiChoice'] as const;

export const menuField = z.object({
  code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/),
  label: z.string().min(1).max(40),
  type: z.enum(MENU_FIELD_TYPES),
  required: z.boolean(),
  order: z.number().int(),
  help: z.string().max(200).optional(),
  options: z.array(z.object({ key: z.string(), label: z.string() })).optional(),
});
export type MenuField = z.infer<typeof menuField>;

export const timeLimits = z.object({
  /** Hours within which staff should accept or reject a new order. */
  acceptHours: z.number().int().positive(),
  /** Hours from acceptance to completion. */
  completeHours: z.number().int().positive(),
});

export const menuItemSummary = z.object({
  id: z.string(),
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  name: z.string(),
  summary: z.string(),
  /** null: a county default; otherwise the community that added it. */
  communityId: z.string().nullable(),
});
export type MenuItemSummary = z.infer<typeof menuItemSummary>;

export const menuItemDetail = menuItemSummary.extend({
  description: z.string(),
  resourceKinds: z.array(z.enum(RESOURCE_KINDS)),
  timeLimits,
  fields: z.array(menuField),
  communityName: z.string().nullable(),
});
export type MenuItemDetail = z.infer<typeof menuItemDetail>;

export const menuCategoryGroup = z.object({
  code: z.enum(MENU_CATEGORY_CODES),
  name: z.string(),
  icon: z.string(),
  color: z.string(),
  items: z.array(menuItemSummary),
});

export const menuResponse = z.object({
  community: z.object({ id: z.string(), name: z.string() }).nullable(),
  categories: z.array(menuCategoryGroup),
});
export type MenuResponse = z.infer<typeof menuResponse>;

export const menuQuery = z.strictObject({
  communityId: objectId.optional(),
});

export const menuItemParams = z.strictObject({ id: objectId });

// ——— Curation (admin tab): staff shape their community's menu. ———

/** Most extra fields an item may ask for: a form residents can still fill in on a phone. */
export const MAX_MENU_FIELDS = 20;
export const CHOICE_FIELD_TYPES: readonly MenuField['type'][] = ['singleChoice', 'multiChoice'];

const fieldCode = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, '编码须以字母开头，只含字母、数字和下划线，最多 40 位');

export const menuFieldOptionInput = z.strictObject({
  key: fieldCode,
  label: z.string().trim().min(1, '请填写选项名称').max(40),
});

/** One extra form field as staff submit it (Open311 service-definition attribute). */
export const menuFieldInput = z.strictObject({
  code: fieldCode,
  label: z.string().trim().min(1, '请填写项目名称').max(40),
  type: z.enum(MENU_FIELD_TYPES),
  required: z.boolean(),
  order: z.number().int().min(0).max(999),
  help: z.string().trim().max(200).optional(),
  options: z.array(menuFieldOptionInput).max(30, '选项最多 30 个').optional(),
});

/**
 * The whole field list of an item: codes unique, at most MAX_MENU_FIELDS, choice fields with at
 * least two options with unique keys, and no options on other types (they would never show).
 */
export const menuFieldsInput = z
  .array(menuFieldInput)
  .max(MAX_MENU_FIELDS, `附加填写项目最多 ${MAX_MENU_FIELDS} 个`)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `编码 ${f.code} 重复` });
      seen.add(f.code);
      const isChoice = CHOICE_FIELD_TYPES.includes(f.type);
      if (isChoice && (f.options?.length ?? 0) < 2) {
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: '选择题至少需要 2 个选项' });
      }
      if (!isChoice && f.options !== undefined) {
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: '只有单选或多选项目可以设置选项' });
      }
      const keys = new Set<string>();
      f.options?.forEach((o, j) => {
        if (keys.has(o.key))
          ctx.addIssue({ code: 'custom', path: [i, 'options', j, 'key'], message: `选项编码 ${o.key} 重复` });
        keys.add(o.key);
      });
    });
  });

export const timeLimitsInput = z.strictObject({
  acceptHours: z.number().int().min(1).max(720),
  completeHours: z.number().int().min(1).max(8760),
});

const resourceKindsInput = z
  .array(z.enum(RESOURCE_KINDS))
  .max(RESOURCE_KINDS.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, '资源类型不能重复');

const itemText = {
  categoryCode: z.enum(MENU_CATEGORY_CODES),
  name: z.string().trim().min(2, '名称至少 2 个字').max(30),
  summary: z.string().trim().min(1, '请填写一句话简介').max(80),
  description: z.string().trim().min(1, '请填写服务说明').max(2000),
  resourceKinds: resourceKindsInput,
  timeLimits: timeLimitsInput,
  fields: menuFieldsInput,
  /** Position within its category; smaller comes first. */
  order: z.number().int().min(0).max(9999),
};

export const createMenuItemBody = z.strictObject({
  /**
   * The community that owns the item; null makes a county default (county admins only).
   * Omitted: the caller's own community.
   */
  communityId: objectId.nullable().optional(),
  ...itemText,
  fields: itemText.fields.default([]),
  order: itemText.order.default(1000),
});
export type CreateMenuItemBody = z.infer<typeof createMenuItemBody>;

/** Changes to an item; the owning community never changes. */
export const updateMenuItemBody = z
  .strictObject({
    categoryCode: itemText.categoryCode.optional(),
    name: itemText.name.optional(),
    summary: itemText.summary.optional(),
    description: itemText.description.optional(),
    resourceKinds: itemText.resourceKinds.optional(),
    timeLimits: itemText.timeLimits.optional(),
    fields: itemText.fields.optional(),
    order: itemText.order.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '请至少修改一项');
export type UpdateMenuItemBody = z.infer<typeof updateMenuItemBody>;

/** An item as the admin tab shows it. */
export const menuItemAdmin = menuItemDetail.extend({
  order: z.number().int(),
  active: z.boolean(),
  /** A county default that the listed community has hidden from its menu. */
  hidden: z.boolean(),
  /** Whether the caller may change it (county defaults: county admins only). */
  editable: z.boolean(),
});
export type MenuItemAdmin = z.infer<typeof menuItemAdmin>;

export const menuAdminQuery = z.strictObject({
  /** The community whose menu to curate; staff default to their own. */
  communityId: objectId.optional(),
  categoryCode: z.enum(MENU_CATEGORY_CODES).optional(),
  includeInactive: z.stringbool().default(false),
  page,
  pageSize,
});
export const menuAdminList = paged(menuItemAdmin);

/** Which community hides or shows a county default again; omitted: the caller's own. */
export const menuOverrideBody = z.strictObject({ communityId: objectId.optional() });
export const menuOverrideQuery = menuOverrideBody;
export const menuOverrideResponse = z.object({
  menuItemId: z.string(),
  communityId: z.string(),
  hidden: z.boolean(),
});
