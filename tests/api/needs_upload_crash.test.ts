import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { UploadModel } from '../../cloud/src/uploads/upload.model';
import { PNG } from './needs_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A photo upload whose process died after storing it, before answering (simulated: see
// idempotency_support.ts). The retry with the same Idempotency-Key returns that upload, not a second.

let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
});
afterAll(() => t.close());

test('the retry after a crash returns the first attempt’s upload, stored once, and its photo', async () => {
  const post = () =>
    t
      .http()
      .post('/api/v1/uploads')
      .set('Authorization', resident)
      .set('Content-Type', 'image/png')
      .set('Idempotency-Key', 'crash-upload-01')
      .send(PNG);
  const first = await post();
  expect(first.status).toBe(200);
  const owner = (await t.db.model(UploadModel).findById(first.body.id).lean())!.owner as Types.ObjectId;
  const before = await t.db.model(UploadModel).countDocuments({ owner });
  await dieBeforeAnswer(t, 'createUpload', 'crash-upload-01');
  await leaseRunsOut(t);

  const retry = await post();
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(first.body);
  expect(await t.db.model(UploadModel).countDocuments({ owner })).toBe(before);
  const photo = await t.http().get(first.body.url).set('Authorization', resident);
  expect(photo.status).toBe(200);
  expect(Buffer.compare(photo.body as Buffer, PNG)).toBe(0);
});
