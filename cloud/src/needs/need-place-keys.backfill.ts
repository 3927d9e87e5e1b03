import type { Db } from '../core/db';
import { placeKeysOf } from '../core/place-keys';
import { MetaModel } from '../seed/meta.model';
import { NeedModel, type Need } from './need.model';

const MARKER = 'needPlaceKeys';
const BATCH = 500;

/**
 * Gives stored needs from before `placeKeys` their keys, once per database. The marker keeps later
 * starts to one `_id` lookup: FerretDB 1.24 does not push `{ placeKeys: { $exists: false } }` down,
 * so asking for the missing ones reads every need. Idempotent (the keys follow from the place), so
 * two API instances starting together only repeat each other's writes. Returns the needs updated.
 */
export async function backfillNeedPlaceKeys(db: Db): Promise<number> {
  const meta = db.model(MetaModel);
  if (await meta.exists({ _id: MARKER })) return 0;
  const needs = db.model(NeedModel);
  let updated = 0;
  let ops: Parameters<typeof needs.bulkWrite>[0] = [];
  const flush = async () => {
    if (ops.length) await needs.bulkWrite(ops, { ordered: false });
    updated += ops.length;
    ops = [];
  };
  const missing = needs.find({ placeKeys: { $exists: false } }, { place: 1 }).lean<Pick<Need, '_id' | 'place'>[]>();
  for await (const n of missing.cursor()) {
    ops.push({ updateOne: { filter: { _id: n._id }, update: { $set: { placeKeys: placeKeysOf(n.place) } } } });
    if (ops.length >= BATCH) await flush();
  }
  await flush();
  await meta.updateOne({ _id: MARKER }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  return updated;
}
