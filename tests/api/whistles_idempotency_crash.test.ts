import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { ActivityModel } from '../../cloud/src/activities/activity.model';
import { ShiftModel } from '../../cloud/src/activities/shift.model';
import { WhistleEventModel } from '../../cloud/src/whistles/whistle-event.model';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import { CHENGGUAN_DEPT, ZHUJIAN, deptWhistle } from './whistles_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A whistle whose process died mid-request (simulated: see idempotency_support.ts). The retry with
// the same Idempotency-Key must finish that whistle, never blow a second one.

let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const post = (key: string, body: object) =>
  t.http().post('/api/v1/whistles').set('Authorization', staff).set('Idempotency-Key', key).send(body);
const whistlesTitled = (title: string) => t.db.model(WhistleModel).countDocuments({ title });
const blowEvents = (id: string) =>
  t.db.model(WhistleEventModel).countDocuments({ whistleId: new Types.ObjectId(id), action: 'blow' });
const twoTargets = (title: string) =>
  deptWhistle({
    title,
    targets: [
      { kind: 'department', orgId: ZHUJIAN },
      { kind: 'department', orgId: CHENGGUAN_DEPT },
    ],
  });

test('died before answering: the retry returns the stored whistle, one whistle and one blow per target', async () => {
  const body = twoTargets('崩溃吹哨一：化粪池外溢');
  const first = await post('crash-whistle-01', body);
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'blowWhistle', 'crash-whistle-01');
  await leaseRunsOut(t);

  const retry = await post('crash-whistle-01', body);
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body.id).toBe(first.body.id);
  expect(retry.body.targets).toHaveLength(2);
  expect(await whistlesTitled(body.title as string)).toBe(1);
  expect(await blowEvents(first.body.id)).toBe(2);
});

test('died after the blow events, before the whistle: the retry stores the whistle once, on those events', async () => {
  const body = twoTargets('崩溃吹哨二：只写了报到事件');
  const first = await post('crash-whistle-02', body);
  const events = await t.db
    .model(WhistleEventModel)
    .find({ whistleId: new Types.ObjectId(first.body.id) })
    .lean();
  await t.db.model(WhistleModel).deleteOne({ _id: first.body.id });
  await dieBeforeAnswer(t, 'blowWhistle', 'crash-whistle-02');
  await leaseRunsOut(t);

  const retry = await post('crash-whistle-02', body);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await whistlesTitled(body.title as string)).toBe(1);
  const after = await t.db
    .model(WhistleEventModel)
    .find({ whistleId: new Types.ObjectId(first.body.id) })
    .lean();
  expect(after.map((e) => String(e._id)).sort()).toEqual(events.map((e) => String(e._id)).sort());
  expect(retry.body.blownAt).toBe(first.body.blownAt);
});

test('a 社区吹哨党员报到 with a volunteer call: the retry opens its activity and shift once', async () => {
  const start = new Date(Math.ceil((Date.now() + 30 * 24 * 3_600_000) / 900_000) * 900_000);
  const title = '崩溃吹哨三：防汛沙袋装运';
  const body = {
    type: 'communityToPartyMembers',
    title,
    urgency: 'emergency',
    category: 'security',
    description: '汛情紧急，召集在职党员装运沙袋',
    volunteerCall: {
      address: '南门社区党群服务中心',
      shift: { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString(), seats: 20 },
    },
  };
  const first = await post('crash-whistle-03', body);
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'blowWhistle', 'crash-whistle-03');
  await leaseRunsOut(t);

  const retry = await post('crash-whistle-03', body);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await whistlesTitled(title)).toBe(1);
  const activities = await t.db
    .model(ActivityModel)
    .find({ title: `党员报到：${title}` })
    .lean();
  expect(activities).toHaveLength(1);
  expect(await t.db.model(ShiftModel).countDocuments({ activityId: activities[0]._id })).toBe(1);
});
