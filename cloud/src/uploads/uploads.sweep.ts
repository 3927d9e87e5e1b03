import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Schema, Types } from 'mongoose';
import { modelDefs, type Db } from '../core/db';
import { KEEP_MS, registerSweep } from '../core/sweeps';
import { UploadModel, type Upload } from './upload.model';

/** Fields that hold photos by their upload id, by name: `photos`, `resultPhotos`, at any depth. */
const PHOTO_FIELD = /^(photos|resultPhotos)$/;

/** Where any collection keeps upload ids: [collection, dotted path], found in the loaded models. */
export function photoFields(): [string, string][] {
  const found: [string, string][] = [];
  const walk = (schema: Schema, collection: string, prefix: string) =>
    schema.eachPath((p, type) => {
      const sub = (type as { schema?: Schema }).schema;
      if (sub) walk(sub, collection, `${prefix}${p}.`);
      else if (PHOTO_FIELD.test(p.split('.').at(-1)!)) found.push([collection, `${prefix}${p}`]);
    });
  for (const def of modelDefs()) walk(def.schema as Schema, def.schema.get('collection') as string, '');
  return found;
}

async function referenced(db: Db, ids: Types.ObjectId[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const wanted = new Set(ids.map(String));
  for (const [collection, field] of photoFields()) {
    const docs = await db.connection
      .collection(collection)
      .find({ [field]: { $in: ids } }, { projection: { [field]: 1 } })
      .toArray();
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object' && !('_bsontype' in v)) Object.values(v).forEach(collect);
      else if (v && wanted.has(String(v))) seen.add(String(v));
    };
    docs.forEach((d) => collect({ ...d, _id: null }));
  }
  return seen;
}

// A photo is uploaded just before the form that uses it is sent. One that nothing refers to a day
// later was never used (the form was abandoned, or an attack filled the disk): file and record go.
registerSweep('uploads', async ({ db, settings, now }) => {
  const old = await db
    .model(UploadModel)
    .find({ createdAt: { $lt: new Date(now.getTime() - KEEP_MS) }, attached: { $ne: true } }, { _id: 1, fileName: 1 })
    .sort({ createdAt: 1 })
    .limit(500)
    .lean<Pick<Upload, '_id' | 'fileName'>[]>();
  if (!old.length) return 0;
  const used = await referenced(
    db,
    old.map((u) => u._id),
  );
  // Once in use, a photo stays in use (or goes with its owner's data): not looked at again.
  const kept = old.filter((u) => used.has(String(u._id))).map((u) => u._id);
  if (kept.length) await db.model(UploadModel).updateMany({ _id: { $in: kept } }, { $set: { attached: true } });
  const unused = old.filter((u) => !used.has(String(u._id)));
  for (const u of unused) {
    await fs.rm(path.join(settings.uploadDir, path.basename(u.fileName)), { force: true });
    await db.model(UploadModel).deleteOne({ _id: u._id });
  }
  return unused.length;
});
