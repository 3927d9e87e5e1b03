import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * A community's choice not to offer a county default item (本社区不提供). One document per
 * (community, item): the unique index makes hiding twice — even at once — leave one record.
 */
export interface MenuOverride {
  _id: Types.ObjectId;
  communityId: Types.ObjectId;
  menuItemId: Types.ObjectId;
  hiddenBy: Types.ObjectId;
  at: Date;
}

export const MenuOverrideModel = defineModel<MenuOverride>(
  'MenuOverride',
  new Schema<MenuOverride>(
    {
      communityId: { type: Schema.Types.ObjectId, required: true },
      menuItemId: { type: Schema.Types.ObjectId, required: true },
      hiddenBy: { type: Schema.Types.ObjectId, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'menuOverrides', versionKey: false },
  ).index({ communityId: 1, menuItemId: 1 }, { unique: true }),
);
