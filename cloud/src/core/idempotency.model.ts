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
  /**
   * Until when the running attempt owns the key. A record still unfinished after this was left by
   * a process that died (or lost its database) mid-request: a retry may take it over.
   * Absent on records written before leases existed (then createdAt + the lease counts).
   */
  leaseUntil?: Date | null;
  /** Which attempt owns the key: 0 for the first, n after the n-th takeover. */
  attempt?: number;
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
      leaseUntil: { type: Date, default: null },
      attempt: { type: Number, default: 0 },
    },
    { collection: 'idempotency', versionKey: false },
  ),
);

/**
 * One takeover of a stale idempotency record, `<record id>#<record createdAt ms>#<attempt>`.
 * FerretDB updates are not atomic, so who takes over is decided by this insert against the
 * primary key: of several retries that find the same stale record, exactly one wins.
 */
export interface IdempotencyTakeover {
  _id: string;
  createdAt: Date;
}

export const IdempotencyTakeoverModel = defineModel<IdempotencyTakeover>(
  'IdempotencyTakeover',
  new Schema<IdempotencyTakeover>(
    {
      _id: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'idempotencyTakeovers', versionKey: false },
  ),
);
