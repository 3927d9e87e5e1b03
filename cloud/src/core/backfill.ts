import type { Model } from 'mongoose';
import type { Db, ModelDef } from './db';
import { MetaModel } from './meta.model';

/**
 * Updates per bulkWrite. FerretDB 1.24 on PostgreSQL hung on a bulkWrite of 500 updates (every
 * connection of its pool of 20 checked out and idle, the command never answered); batches of 10
 * went through (10,000 whistles of the bench in under 40 s).
 */
const BATCH = 10;

/** A field added to stored documents after they were written, set once per database. */
export interface Backfill<T> {
  /** The `meta` document that marks it done. */
  marker: string;
  model: ModelDef<T>;
  /** The new field (its absence selects the documents to set). */
  field: keyof T & string;
  /** The fields `valueOf` reads. */
  reads: Record<string, 1>;
  valueOf: (doc: T) => unknown;
}

/**
 * Sets `field` on the documents stored without it, once per database. The marker keeps later starts
 * to one `_id` lookup: FerretDB 1.24 does not push `{ field: { $exists: false } }` down, so asking
 * for the missing ones reads the whole collection. Idempotent (the value follows from the document),
 * so two API instances starting together only repeat each other's writes. Returns the documents set.
 */
export async function backfillOnce<T>(db: Db, b: Backfill<T>): Promise<number> {
  const meta = db.model(MetaModel);
  if (await meta.exists({ _id: b.marker })) return 0;
  const model = db.model(b.model);
  let updated = 0;
  let ops: Parameters<Model<T>['bulkWrite']>[0] = [];
  const flush = async () => {
    if (ops.length) await model.bulkWrite(ops, { ordered: false });
    updated += ops.length;
    ops = [];
  };
  const missing = model.find({ [b.field]: { $exists: false } } as never, b.reads).lean<(T & { _id: unknown })[]>();
  for await (const doc of missing.cursor()) {
    ops.push({
      updateOne: { filter: { _id: doc._id } as never, update: { $set: { [b.field]: b.valueOf(doc as T) } } as never },
    });
    if (ops.length >= BATCH) await flush();
  }
  await flush();
  await meta.updateOne({ _id: b.marker }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  return updated;
}
