import { startApp, type TestApp } from '../support/app';
import { ServiceRecordModel } from '../../cloud/src/activities/attendance.model';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';
import { chinaAt, claim, newActivity, newShift, setNow, uid } from './activities_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// Confirmed hours whose process died after the record, before the points and the answer (simulated:
// see idempotency_support.ts). The retry with the same Idempotency-Key returns that record instead of
// "already confirmed", and the points are earned once.

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'volunteer']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

test('the retry after a crash returns the stored record and earns its points once', async () => {
  const activity = await newActivity(t, auth.staff, { title: '崩溃测试·确认时长' });
  const shift = await newShift(t, auth.staff, activity, { start: chinaAt(3, 9), end: chinaAt(3, 11), seats: 2 });
  expect((await claim(t, auth.volunteer, shift)).status).toBe(200);
  await setNow(t, chinaAt(3, 12));
  const confirm = () =>
    t
      .http()
      .post(`/api/v1/shifts/${shift}/confirm-hours`)
      .set('Authorization', auth.staff)
      .set('Idempotency-Key', 'crash-confirm-01')
      .send({ personId: uid('volunteer'), minutes: 120 });
  const first = await confirm();
  expect(first.status).toBe(200);
  const [record] = await t.db.model(ServiceRecordModel).find({ shiftId: shift }).lean();
  const sourceKey = `hours:${record._id}`;
  await t.db.model(PointsEntryModel).deleteOne({ sourceKey }); // the crash came before the points
  await dieBeforeAnswer(t, 'confirmHours', 'crash-confirm-01');
  await leaseRunsOut(t);

  const retry = await confirm();
  expect(retry.status).toBe(200);
  expect(retry.body).toEqual(first.body);
  expect(await t.db.model(ServiceRecordModel).countDocuments({ shiftId: shift })).toBe(1);
  expect(await t.db.model(PointsEntryModel).countDocuments({ sourceKey })).toBe(1);
});
