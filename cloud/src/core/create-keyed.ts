import { Types, type Model } from 'mongoose';
import { isDuplicateKey } from './db';

/**
 * Inserts the record a creating use case makes, under the request's keyed id (see `Call.keyedId`)
 * or a fresh id without an Idempotency-Key, and returns it as stored. When a retry that took over a
 * crashed attempt collides with that attempt's record (same `_id`), the stored record is the answer:
 * one record per key. A collision on any other unique index is the caller's to handle, as before.
 */
export async function createKeyed<T>(model: Model<T>, keyedId: Types.ObjectId | null, doc: object): Promise<T> {
  try {
    const created = await model.create({
      ...doc,
      _id: keyedId ?? (doc as { _id?: unknown })._id ?? new Types.ObjectId(),
    });
    return created.toObject() as T;
  } catch (err) {
    if (!keyedId || !isDuplicateKey(err)) throw err;
    const first = await model.findById(keyedId).lean<T>();
    if (!first) throw err;
    return first;
  }
}
