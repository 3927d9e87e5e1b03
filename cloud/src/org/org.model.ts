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
}

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
    },
    { collection: 'orgs', versionKey: false },
  ).index({ ancestors: 1, kind: 1 }),
);
