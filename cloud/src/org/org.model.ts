import { Schema, Types } from 'mongoose';
import { ORG_KINDS, type OrgKind } from '@gongzhi/shared';
import { defineModel } from '../core/db';

/** A node of the organisation tree: county → street → community → grid → complex → building (and departments under the county). */
export interface Org {
  _id: Types.ObjectId;
  kind: OrgKind;
  name: string;
  parentId: Types.ObjectId | null;
  /** Every ancestor, root first: queries scope by "ancestors contains X". */
  ancestors: Types.ObjectId[];
  /** Complexes: 老旧小区 and whether a property company manages it. */
  old?: boolean;
  hasProperty?: boolean;
  /** Where it is (GCJ-02, as WeChat's getLocation gives): communities and complexes, for "nearest first". */
  location?: { lng: number; lat: number } | null;
  /** Communities: the office's phone and hours (工作日 8:30–17:30), told to residents whose order is late or refused. */
  phone?: string | null;
  officeHours?: string | null;
  /** false once deactivated (merged or closed): kept for history, never offered for new records. Absent: active. */
  active?: boolean;
  /** Merged or closed into this node: where its children and records went. */
  mergedInto?: Types.ObjectId | null;
}

/** The filter of nodes (and units) in service: `active` absent counts as active. */
export const ACTIVE = { active: { $ne: false } } as const;

export const OrgModel = defineModel<Org>(
  'Org',
  new Schema<Org>(
    {
      kind: { type: String, enum: ORG_KINDS, required: true },
      name: { type: String, required: true },
      parentId: { type: Schema.Types.ObjectId, default: null },
      ancestors: { type: [Schema.Types.ObjectId], default: [] },
      old: Boolean,
      hasProperty: Boolean,
      location: { type: new Schema({ lng: Number, lat: Number }, { _id: false }), default: null },
      phone: String,
      officeHours: String,
      active: { type: Boolean, default: true },
      mergedInto: { type: Schema.Types.ObjectId, default: null },
    },
    { collection: 'orgs', versionKey: false },
  )
    .index({ ancestors: 1, kind: 1 })
    .index({ parentId: 1 }),
);
