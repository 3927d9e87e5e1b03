import * as fs from 'node:fs';
import * as path from 'node:path';
import { startApp, type TestApp } from '../support/app';
import type { Settings } from '../../cloud/src/config/settings';
import { Clock } from '../../cloud/src/core/clock';
import { IdempotencyModel } from '../../cloud/src/core/idempotency.model';
import { KEEP_MS, Sweeper } from '../../cloud/src/core/sweeps';
import { ImportFileModel } from '../../cloud/src/imports/import.model';
import { UploadModel } from '../../cloud/src/uploads/upload.model';
import { photoFields } from '../../cloud/src/uploads/uploads.sweep';
import { commitAndWait, dryRun, residentRows, xlsxOf } from './imports_support';
import { PNG, legalOrder, order, upload } from './needs_support';

// Nothing expires by itself on FerretDB (no TTL index): the hourly sweep removes what is only a
// copy after its use — idempotency records after a day, photos nothing refers to after a day,
// parsed import files once committed or a day after their dry run.
let t: TestApp;
let clock: Clock;
let sweeper: Sweeper;
let uploadDir: string;
let resident: string;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  clock = await t.app.getApplicationContext().getAsync(Clock);
  sweeper = await t.app.getApplicationContext().getAsync(Sweeper);
  uploadDir = (t.app.getConfig('gongzhi') as Settings).uploadDir;
  resident = await t.signIn('resident');
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const fileOf = async (id: string) => {
  const u = await t.db.model(UploadModel).findById(id).lean();
  return u ? path.join(uploadDir, u.fileName) : null;
};

test('photos are found wherever a collection keeps them', () => {
  const fields = photoFields().map(([c, f]) => `${c}.${f}`);
  expect(fields).toEqual(
    expect.arrayContaining([
      'needs.photos',
      'needs.resultPhotos',
      'needEvents.photos',
      'whistles.photos',
      'whistles.targets.resultPhotos',
      'whistleEvents.photos',
      'patrolFindings.photos',
      'projectUpdates.photos',
    ]),
  );
});

test('a day later: unused photos and old idempotency records are gone; used and recent ones stay', async () => {
  const used = (await upload(t, resident, PNG, 'image/png')).body.id as string;
  const unused = (await upload(t, resident, PNG, 'image/png')).body.id as string;
  await order(t, resident, legalOrder({ photos: [used] }));
  const keyed = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', resident)
    .set('Idempotency-Key', 'sweep-old-0001')
    .send(legalOrder());
  expect(keyed.status).toBe(200);
  const unusedFile = (await fileOf(unused))!;
  expect(fs.existsSync(unusedFile)).toBe(true);

  // Nothing is old enough yet.
  await sweeper.tick();
  expect(await t.db.model(UploadModel).exists({ _id: unused })).toBeTruthy();
  expect(await t.db.model(IdempotencyModel).countDocuments({ _id: /sweep-old-0001$/ })).toBe(1);

  clock.advance(KEEP_MS + 60_000);
  const fresh = (await upload(t, resident, PNG, 'image/png')).body.id as string;
  const recentKey = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', resident)
    .set('Idempotency-Key', 'sweep-new-0001')
    .send(legalOrder());
  expect(recentKey.status).toBe(200);
  expect(await sweeper.tick()).toMatch(/uploads: \d+/);

  expect(await t.db.model(UploadModel).exists({ _id: unused })).toBeNull();
  expect(fs.existsSync(unusedFile)).toBe(false);
  expect(fs.existsSync((await fileOf(used))!)).toBe(true);
  expect(await t.db.model(UploadModel).findById(used).lean()).toMatchObject({ attached: true });
  expect(fs.existsSync((await fileOf(fresh))!)).toBe(true);
  expect(await t.db.model(IdempotencyModel).countDocuments({ _id: /sweep-old-0001$/ })).toBe(0);
  expect(await t.db.model(IdempotencyModel).countDocuments({ _id: /sweep-new-0001$/ })).toBe(1);
  // A used photo is still served to its owner.
  const shown = await t.http().get(`/api/v1/uploads/${used}`).set('Authorization', resident);
  expect(shown.status).toBe(200);
});

test('a parsed import file goes once committed, an uncommitted one a day after its dry run', async () => {
  const committed = await dryRun(t, staff, 'residents', await xlsxOf('residents', residentRows(2, '南门社区', 8100)));
  const pending = await dryRun(t, staff, 'residents', await xlsxOf('residents', residentRows(2, '南门社区', 8200)));
  expect(committed.status).toBe(200);
  expect(pending.status).toBe(200);
  const stored = async (id: string) => {
    const f = await t.db.model(ImportFileModel).findById(id).lean();
    return f && fs.existsSync(path.join(uploadDir, 'imports', f.storedAs)) ? f.storedAs : null;
  };
  const pendingFile = (await stored(pending.body.fileId))!;
  expect(await stored(committed.body.fileId)).not.toBeNull();
  expect((await commitAndWait(t, staff, 'residents', committed.body.fileId)).job.status).toBe('done');

  await sweeper.tick();
  expect(await stored(committed.body.fileId)).toBeNull();
  expect(await t.db.model(ImportFileModel).exists({ _id: committed.body.fileId })).toBeNull();
  expect(await stored(pending.body.fileId)).toBe(pendingFile);

  clock.advance(KEEP_MS + 60_000);
  await sweeper.tick();
  expect(await t.db.model(ImportFileModel).exists({ _id: pending.body.fileId })).toBeNull();
  expect(fs.existsSync(path.join(uploadDir, 'imports', pendingFile))).toBe(false);
  const late = await t
    .http()
    .post('/api/v1/imports/residents/commit')
    .set('Authorization', staff)
    .send({ fileId: pending.body.fileId });
  expect(late.status).toBe(404);
});
