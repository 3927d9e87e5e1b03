import { startApp, type TestApp } from '../support/app';
import { ImportJobModel } from '../../cloud/src/imports/import.model';
import { dryRun, residentRows, xlsxOf } from './imports_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// An import commit whose process died after starting the job, before answering (simulated: see
// idempotency_support.ts). The retry with the same Idempotency-Key answers with that job; it does not
// start a second one (nor fail because the first used the file up).

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('the retry after a crash returns the job the first attempt started', async () => {
  const staff = await t.signIn('staff');
  const dry = await dryRun(t, staff, 'residents', await xlsxOf('residents', residentRows(5, '南门社区', 9000)));
  expect(dry.status).toBe(200);
  const commit = () =>
    t
      .http()
      .post('/api/v1/imports/residents/commit')
      .set('Authorization', staff)
      .set('Idempotency-Key', 'crash-import-01')
      .send({ fileId: dry.body.fileId });
  const first = await commit();
  expect(first.status).toBe(200);
  for (let i = 0; i < 100; i++) {
    const job = await t.http().get(`/api/v1/imports/jobs/${first.body.id}`).set('Authorization', staff);
    if (job.body.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await dieBeforeAnswer(t, 'commitImport', 'crash-import-01');
  await leaseRunsOut(t);

  const retry = await commit();
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(retry.body.status).toBe('done');
  expect(await t.db.model(ImportJobModel).countDocuments({ fileId: dry.body.fileId })).toBe(1);
});
