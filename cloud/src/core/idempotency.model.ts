import { Schema } from 'mongoose';
import { defineModel } from './db';

/**
 * One creating request, keyed by caller + endpoint + Idempotency-Key. The insert against the
 * primary key is the race guard: a retry finds the first request's stored result.
 */
export interface IdempotencyRecord {
  _id: string;
  bodyHash: string;
  status: number | null;
  /** The first result's body, as JSON text (stored verbatim; FerretDB refuses some keys). */
  response: string | null;
  createdAt: Date;
}

export const IdempotencyModel = defineModel<IdempotencyRecord>(
  'Idempotency',
  new Schema<IdempotencyRecord>(
    {
      _id: { type: String, required: true },
      bodyHash: { type: String, required: true },
      status: { type: Number, default: null },
      response: { type: String, default: null },
      createdAt: { type: Date, required: true },
    },
    { collection: 'idempotency', versionKey: false },
  ),
);
