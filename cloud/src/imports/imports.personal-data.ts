import { promises as fs } from 'node:fs';
import { DataCipher } from '../core/cipher';
import { registerPersonalData } from '../people/personal-data';
import { UserModel, type User } from '../people/user.model';
import { ImportFileModel, ImportJobModel, type ImportFileDoc } from './import.model';
import { importFilePath } from './imports.sweep';

// Parsed roster files wait (encrypted) between a dry run and its commit. On erasure the person's own
// uploads go, and so does any waiting file that names them (the importer runs the dry run again).
// Jobs stay: counts and who ran them, no row of anyone.
registerPersonalData({
  area: 'imports',
  collections: ['importFiles', 'importJobs'],
  async exportFor({ db }, userId) {
    const jobs = await db.model(ImportJobModel).find({ ownerId: userId }).sort({ createdAt: 1 }).lean();
    return jobs.map((j) => ({ kind: j.kind, status: j.status, result: j.result, at: j.createdAt }));
  },
  async eraseFor({ db, settings }, userId) {
    const user = await db.model(UserModel).findById(userId).lean<User>();
    const cipher = new DataCipher(settings.dataKey);
    const marks = [user?.name, user?.phone].filter((v): v is string => !!v && v !== '微信用户');
    const files = await db.model(ImportFileModel).find({}).lean<ImportFileDoc[]>();
    for (const f of files) {
      const path = importFilePath(settings.uploadDir, f.storedAs);
      let names = String(f.ownerId) === String(userId);
      if (!names && marks.length) {
        const stored = await fs.readFile(path, 'utf8').catch(() => null);
        const rows = stored ? cipher.decrypt(stored) : '';
        names = marks.some((m) => rows.includes(m));
      }
      if (!names) continue;
      await fs.rm(path, { force: true });
      await db.model(ImportFileModel).deleteOne({ _id: f._id });
    }
  },
});
