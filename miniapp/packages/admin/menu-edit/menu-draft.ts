import {
  CHOICE_FIELD_TYPES,
  MENU_FIELD_TYPES,
  api,
  type MenuCategoryCode,
  type MenuItemAdmin,
  type ResourceKind,
} from '@gongzhi/shared';
import { call } from '../../../services/api';
import { menuItems } from '../lib/cache';

// A menu item as the editor holds it (text boxes hold strings), and the body the API takes.

export type FieldType = (typeof MENU_FIELD_TYPES)[number];

export interface OptionDraft {
  key: string;
  label: string;
}

export interface FieldDraft {
  /** Stable React key while editing. */
  uid: number;
  code: string;
  label: string;
  type: FieldType;
  required: boolean;
  order: string;
  help: string;
  options: OptionDraft[];
}

export interface Draft {
  categoryCode: MenuCategoryCode;
  name: string;
  summary: string;
  description: string;
  resourceKinds: ResourceKind[];
  acceptHours: string;
  completeHours: string;
  order: string;
  fields: FieldDraft[];
}

let uidSeq = 1;

export const EMPTY: Draft = {
  categoryCode: 'elderCare',
  name: '',
  summary: '',
  description: '',
  resourceKinds: [],
  acceptHours: '24',
  completeHours: '72',
  order: '1000',
  fields: [],
};

export function fromItem(item: MenuItemAdmin): Draft {
  return {
    categoryCode: item.categoryCode,
    name: item.name,
    summary: item.summary,
    description: item.description,
    resourceKinds: [...item.resourceKinds],
    acceptHours: String(item.timeLimits.acceptHours),
    completeHours: String(item.timeLimits.completeHours),
    order: String(item.order),
    fields: [...item.fields]
      .sort((a, b) => a.order - b.order)
      .map((f) => ({
        uid: uidSeq++,
        code: f.code,
        label: f.label,
        type: f.type,
        required: f.required,
        order: String(f.order),
        help: f.help ?? '',
        options: (f.options ?? []).map((o) => ({ ...o })),
      })),
  };
}

/** Text boxes hold strings; the API takes integers. Unparseable text goes as is so the schema names it. */
function num(text: string): number | string {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

export function toBody(d: Draft) {
  return {
    categoryCode: d.categoryCode,
    name: d.name,
    summary: d.summary,
    description: d.description,
    resourceKinds: d.resourceKinds,
    timeLimits: { acceptHours: num(d.acceptHours), completeHours: num(d.completeHours) },
    order: num(d.order),
    fields: d.fields.map((f) => ({
      code: f.code.trim(),
      label: f.label,
      type: f.type,
      required: f.required,
      order: num(f.order),
      ...(f.help.trim() ? { help: f.help.trim() } : {}),
      ...(CHOICE_FIELD_TYPES.includes(f.type)
        ? { options: f.options.map((o) => ({ key: o.key.trim(), label: o.label })) }
        : {}),
    })),
  };
}

/** The item for editing: from the list the person came from, or loaded by paging the admin list. */
export async function loadItem(id: string): Promise<MenuItemAdmin> {
  const cached = menuItems.get(id);
  if (cached) return cached;
  for (let page = 1; page <= 20; page++) {
    const res = await call(api.menu.listMenuAdmin, { query: { includeInactive: 'true', page, pageSize: 100 } });
    const found = res.items.find((i) => i.id === id);
    if (found) return found;
    if (page * 100 >= res.total) break;
  }
  throw new Error('没有找到这个服务项目');
}

/** A new, empty 填写项 at the end of a list of `count`. */
export function newFieldDraft(count: number): FieldDraft {
  return {
    uid: uidSeq++,
    code: `field${count + 1}`,
    label: '',
    type: 'string',
    required: false,
    order: String(count + 1),
    help: '',
    options: [],
  };
}
