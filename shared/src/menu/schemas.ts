import { z, objectId } from '../validation';
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
