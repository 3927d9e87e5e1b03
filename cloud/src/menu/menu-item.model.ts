import { Schema, Types } from 'mongoose';
import {
  MENU_CATEGORY_CODES,
  MENU_FIELD_TYPES,
  RESOURCE_KINDS,
  type MenuCategoryCode,
  type MenuField,
  type ResourceKind,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** An item of the service menu (服务菜单): a county default (communityId null) or a community's own. */
export interface MenuItem {
  _id: Types.ObjectId;
  communityId: Types.ObjectId | null;
  categoryCode: MenuCategoryCode;
  name: string;
  summary: string;
  description: string;
  resourceKinds: ResourceKind[];
  timeLimits: { acceptHours: number; completeHours: number };
  fields: MenuField[];
  order: number;
  active: boolean;
}

const fieldSchema = new Schema<MenuField>(
  {
    code: { type: String, required: true },
    label: { type: String, required: true },
    type: { type: String, enum: MENU_FIELD_TYPES, required: true },
    required: { type: Boolean, required: true },
    order: { type: Number, required: true },
    help: String,
    options: { type: [{ key: String, label: String, _id: false }], default: undefined },
  },
  { _id: false },
);

export const MenuItemModel = defineModel<MenuItem>(
  'MenuItem',
  new Schema<MenuItem>(
    {
      communityId: { type: Schema.Types.ObjectId, default: null },
      categoryCode: { type: String, enum: MENU_CATEGORY_CODES, required: true },
      name: { type: String, required: true },
      summary: { type: String, required: true },
      description: { type: String, required: true },
      resourceKinds: { type: [String], enum: RESOURCE_KINDS, default: [] },
      timeLimits: {
        acceptHours: { type: Number, required: true },
        completeHours: { type: Number, required: true },
      },
      fields: { type: [fieldSchema], default: [] },
      order: { type: Number, default: 0 },
      active: { type: Boolean, default: true },
    },
    { collection: 'menuItems', versionKey: false },
  ).index({ communityId: 1, active: 1 }),
);
