import { startApp, type TestApp } from '../support/app';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { ShiftModel } from '../../cloud/src/activities/shift.model';
import { activityBody, chinaAt } from './activities_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// An activity or shift whose process died after storing it, before answering (simulated: see
// idempotency_support.ts). The retry with the same Idempotency-Key returns it; nothing is stored twice.

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const post = (path: string, key: string, body: object) =>
  t.http().post(path).set('Authorization', staff).set('Idempotency-Key', key).send(body);

test('createActivity: the retry after a crash returns the first attempt’s activity, stored once', async () => {
  const body = activityBody({ title: '崩溃测试·活动只建一次' });
  const first = await post('/api/v1/activities', 'crash-activity-01', body);
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'createActivity', 'crash-activity-01');
  await leaseRunsOut(t);

  const retry = await post('/api/v1/activities', 'crash-activity-01', body);
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body.id).toBe(first.body.id);
  expect(retry.body.title).toBe('崩溃测试·活动只建一次');
  expect(await t.db.model(ActivityModel).countDocuments({ title: '崩溃测试·活动只建一次' })).toBe(1);
});

test('addShift: the retry after a crash returns the first attempt’s shift, stored once', async () => {
  const activity = await post('/api/v1/activities', 'crash-activity-02', activityBody({ title: '崩溃测试·班次' }));
  const path = `/api/v1/activities/${activity.body.id}/shifts`;
  const shift = { start: chinaAt(40, 9), end: chinaAt(40, 11), seats: 4 };
  const first = await post(path, 'crash-shift-01', shift);
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'addShift', 'crash-shift-01');
  await leaseRunsOut(t);

  const retry = await post(path, 'crash-shift-01', shift);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await t.db.model(ShiftModel).countDocuments({ activityId: activity.body.id })).toBe(1);
});
