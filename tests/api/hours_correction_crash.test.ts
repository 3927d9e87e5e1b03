import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { ServiceRecordCorrectionModel } from '../../cloud/src/hours/hours.model';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';
import { chinaAt, claim, newActivity, newShift, setNow, uid } from './activities_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A correction of served hours whose process died before answering (simulated: see
// idempotency_support.ts). The retry with the same Idempotency-Key returns that correction instead of
// refusing it as "already so many minutes", and the points follow it once.

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'volunteer']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

test('the retry after a crash returns the stored correction, one revision, points adjusted once', async () => {
  const activity = await newActivity(t, auth.staff, { title: '崩溃测试·时长更正' });
  const shift = await newShift(t, auth.staff, activity, { start: chinaAt(2, 9), end: chinaAt(2, 11), seats: 2 });
  expect((await claim(t, auth.volunteer, shift)).status).toBe(200);
  await setNow(t, chinaAt(2, 12));
  const confirmed = await t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', auth.staff)
    .send({ personId: uid('volunteer'), minutes: 120 });
  expect(confirmed.status).toBe(200);
  const record = (await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer)).body.items[0];

  const correct = () =>
    t
      .http()
      .post(`/api/v1/service-records/${record.id}/corrections`)
      .set('Authorization', auth.staff)
      .set('Idempotency-Key', 'crash-correction-01')
      .send({ minutes: 60, reason: '按现场登记表更正' });
  const first = await correct();
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'correctServiceRecord', 'crash-correction-01');
  await leaseRunsOut(t);

  const retry = await correct();
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(first.body);
  const recordId = new Types.ObjectId(record.id as string);
  expect(await t.db.model(ServiceRecordCorrectionModel).countDocuments({ recordId })).toBe(1);
  expect(await t.db.model(PointsEntryModel).countDocuments({ sourceKey: `hours:${record.id}:r1` })).toBe(1);
});
