import { Schema, Types } from 'mongoose';
import { defineModel } from '../core/db';

/**
 * A name taken among siblings: `_id` is the name key (names.ts `nameKeyOf`), `nodeId` the node or
 * unit holding it. Creating, renaming and moving insert the new key first: of two people naming two
 * siblings alike at once, the primary key lets one insert win (FerretDB's updates are not atomic,
 * and a unique index on the nodes themselves would also hold the names of closed nodes).
 */
export interface OrgName {
  _id: string;
  nodeId: Types.ObjectId;
  at: Date;
}

export const OrgNameModel = defineModel<OrgName>(
  'OrgName',
  new Schema<OrgName>(
    {
      _id: { type: String, required: true },
      nodeId: { type: Schema.Types.ObjectId, required: true, index: true },
      at: { type: Date, required: true },
    },
    { collection: 'orgNames', versionKey: false },
  ),
);
