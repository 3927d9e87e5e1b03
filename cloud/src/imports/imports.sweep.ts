import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Types } from 'mongoose';
import { KEEP_MS, registerSweep } from '../core/sweeps';
import { ImportFileModel, ImportJobModel, type ImportFileDoc } from './import.model';

/** Where a parsed import file is kept (imports.service.ts writes it there). */
export const importFilePath = (uploadDir: string, storedAs: string) =>
  path.join(uploadDir, 'imports', path.basename(storedAs));

// A parsed roster (names, ID numbers, encrypted) is kept only between its dry run and its commit:
// once a commit of it has finished, or a day after the dry run, file and record go.
registerSweep('imports', async ({ db, settings, now }) => {
  // Kept files are few (this sweep keeps them so): read them all, then which of them are used up.
  const files = await db.model(ImportFileModel).find({}).lean<ImportFileDoc[]>();
  if (!files.length) return 0;
  const done = await db
    .model(ImportJobModel)
    .find({ fileId: { $in: files.map((f) => f._id) }, status: 'done' }, { fileId: 1 })
    .lean<{ fileId: Types.ObjectId }[]>();
  const usedUp = new Set(done.map((j) => String(j.fileId)));
  const cutoff = now.getTime() - KEEP_MS;
  const gone = files.filter((f) => usedUp.has(String(f._id)) || f.createdAt.getTime() < cutoff);
  for (const f of gone) {
    await fs.rm(importFilePath(settings.uploadDir, f.storedAs), { force: true });
    await db.model(ImportFileModel).deleteOne({ _id: f._id });
  }
  return gone.length;
});
