import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { legalOrder } from './needs_support';
import { dieBeforeAnswer, leaseRunsOut, recordOf } from './idempotency_support';

// An order whose process died mid-request (simulated: see idempotency_support.ts). The client's
// retry with the same Idempotency-Key must finish it exactly once.

let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
});
afterAll(() => t.close());

const post = (key: string, body: object) =>
  t.http().post('/api/v1/needs').set('Authorization', resident).set('Idempotency-Key', key).send(body);
const orderSaying = (description: string) => legalOrder({ description });
const needsSaying = (description: string) => t.db.model(NeedModel).countDocuments({ description });

test('while the dead attempt’s lease lasts the retry is told to wait; after it, the retry returns the stored need once', async () => {
  const body = orderSaying('崩溃测试一：墙面开裂想咨询索赔');
  const first = await post('crash-order-0001', body);
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'createNeed', 'crash-order-0001');

  const during = await post('crash-order-0001', body);
  expect(during.status).toBe(409);
  expect(during.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  expect(Number(during.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(during.headers['retry-after'])).toBeLessThanOrEqual(10);

  await leaseRunsOut(t);
  const retry = await post('crash-order-0001', body);
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body.id).toBe(first.body.id);
  expect(retry.body.status).toBe('submitted');
  expect(await needsSaying(body.description as string)).toBe(1);
  expect(await t.db.model(NeedEventModel).countDocuments({ needId: first.body.id })).toBe(1);
  expect((await recordOf(t, 'createNeed', 'crash-order-0001'))?.attempt).toBe(1);

  const replay = await post('crash-order-0001', body);
  expect(replay.status).toBe(200);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.body).toEqual(retry.body);
});

test('died after the submit event but before the need: the retry stores the need once, on that event', async () => {
  const body = orderSaying('崩溃测试二：只写了第一条时间线');
  const first = await post('crash-order-0002', body);
  expect(first.status).toBe(200);
  await t.db.model(NeedModel).deleteOne({ _id: first.body.id });
  await dieBeforeAnswer(t, 'createNeed', 'crash-order-0002');
  await leaseRunsOut(t);

  const retry = await post('crash-order-0002', body);
  expect(retry.status).toBe(200);
  expect(retry.body.id).toBe(first.body.id);
  expect(await needsSaying(body.description as string)).toBe(1);
  expect(await t.db.model(NeedEventModel).countDocuments({ needId: first.body.id })).toBe(1);
  expect(retry.body.timeline).toHaveLength(1);
});

test('died before writing anything: the retry creates the need', async () => {
  const body = orderSaying('崩溃测试三：什么都没写进去');
  const first = await post('crash-order-0003', body);
  await t.db.model(NeedModel).deleteOne({ _id: first.body.id });
  await t.db.model(NeedEventModel).deleteMany({ needId: first.body.id });
  await dieBeforeAnswer(t, 'createNeed', 'crash-order-0003');
  await leaseRunsOut(t);

  const retry = await post('crash-order-0003', body);
  expect(retry.status).toBe(200);
  expect(await needsSaying(body.description as string)).toBe(1);
  expect(await t.db.model(NeedEventModel).countDocuments({ needId: retry.body.id })).toBe(1);
});

test('eight retries at once after the lease: one takes over, the others wait, the need is stored once', async () => {
  const body = orderSaying('崩溃测试四：八个重试同时到达');
  const first = await post('crash-order-0004', body);
  await t.db.model(NeedModel).deleteOne({ _id: first.body.id });
  await t.db.model(NeedEventModel).deleteMany({ needId: first.body.id });
  await dieBeforeAnswer(t, 'createNeed', 'crash-order-0004');
  await leaseRunsOut(t);

  const answers = await Promise.all(Array.from({ length: 8 }, () => post('crash-order-0004', body)));
  for (const a of answers) {
    expect([200, 409]).toContain(a.status);
    if (a.status === 409) expect(a.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  }
  const ok = answers.filter((a) => a.status === 200);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  expect(new Set(ok.map((a) => a.body.id))).toEqual(new Set([first.body.id]));
  expect(await needsSaying(body.description as string)).toBe(1);

  const later = await post('crash-order-0004', body);
  expect(later.status).toBe(200);
  expect(later.body.id).toBe(first.body.id);
});

test('a live attempt (its lease not run out) is never taken over', async () => {
  const body = orderSaying('崩溃测试五：请求还在处理中');
  await post('crash-order-0005', body);
  await dieBeforeAnswer(t, 'createNeed', 'crash-order-0005');
  const answers = await Promise.all(Array.from({ length: 3 }, () => post('crash-order-0005', body)));
  expect(answers.map((a) => a.body.code)).toEqual(Array(3).fill('IDEMPOTENCY_IN_PROGRESS'));
  expect((await recordOf(t, 'createNeed', 'crash-order-0005'))?.attempt).toBe(0);
  expect(await needsSaying(body.description as string)).toBe(1);
});
