import { Schema } from 'mongoose';
import { defineModel } from './db';

/** One-off markers of this database, e.g. that the demo county was loaded. */
export interface Meta {
  _id: string;
  at: Date;
}

export const MetaModel = defineModel<Meta>(
  'Meta',
  new Schema<Meta>(
    { _id: { type: String, required: true }, at: { type: Date, required: true } },
    { collection: 'meta', versionKey: false },
  ),
);
