import { Schema, Types } from 'mongoose';
import {
  MENU_CATEGORY_CODES,
  RESOURCE_KINDS,
  type MenuCategoryCode,
  type OpeningRange,
  type ResourceKind,
} from '@gongzhi/shared';
import { defineModel } from '../core/db';
import { placeSchema, type Place } from '../core/place';

/**
 * A resource of the 资源清单: a person (talent, teacher, lawyer, doctor, volunteer), a venue or a
 * device (bookable in slots), or a fund. Owned by a resident unit, or by its community when unitId is null.
 */
export interface Resource {
  _id: Types.ObjectId;
  unitId: Types.ObjectId | null;
  /** Where it is and which community it serves; for a unit's resource, inside the unit's street. */
  place: Place;
  kind: ResourceKind;
  name: string;
  description: string;
  categoryCodes: MenuCategoryCode[];
  /** People: what they can do. */
  skills: string[];
  /** People: weekly available hours; venues and equipment: opening hours. */
  hours: OpeningRange[];
  bookable: boolean;
  slotMinutes: number | null;
  capacity: string | null;
  contact: { name: string; phone: string } | null;
  /** People: their own account, once they accepted the unit's invitation; a dispatch to them reaches it. */
  personId?: Types.ObjectId | null;
  active: boolean;
  createdBy: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const rangeSchema = new Schema<OpeningRange>(
  {
    weekday: { type: Number, required: true, min: 1, max: 7 },
    open: { type: String, required: true },
    close: { type: String, required: true },
  },
  { _id: false },
);

export const ResourceModel = defineModel<Resource>(
  'Resource',
  new Schema<Resource>(
    {
      unitId: { type: Schema.Types.ObjectId, default: null },
      place: { type: placeSchema, required: true },
      kind: { type: String, enum: RESOURCE_KINDS, required: true },
      name: { type: String, required: true },
      description: { type: String, default: '' },
      categoryCodes: { type: [String], enum: MENU_CATEGORY_CODES, default: [] },
      skills: { type: [String], default: [] },
      hours: { type: [rangeSchema], default: [] },
      bookable: { type: Boolean, default: false },
      slotMinutes: { type: Number, default: null },
      capacity: { type: String, default: null },
      contact: { type: new Schema({ name: String, phone: String }, { _id: false }), default: null },
      personId: { type: Schema.Types.ObjectId, default: null },
      active: { type: Boolean, default: true },
      createdBy: { type: Schema.Types.ObjectId, default: null },
      createdAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'resources', versionKey: false },
  )
    .index({ 'place.streetId': 1, active: 1, kind: 1 })
    .index({ 'place.communityId': 1 })
    .index({ unitId: 1 }),
);
