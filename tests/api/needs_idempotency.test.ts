import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { legalOrder } from './needs_support';

let t: TestApp;
let resident: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
});
afterAll(() => t.close());

const post = (key: string, body: object, who = resident) =>
  t.http().post('/api/v1/needs').set('Authorization', who).set('Idempotency-Key', key).send(body);
const counts = async () => [
  await t.db.model(NeedModel).countDocuments(),
  await t.db.model(NeedEventModel).countDocuments(),
];

test('the same Idempotency-Key twice creates one need and answers the same both times', async () => {
  const before = await counts();
  const first = await post('order-0001-abcdef', legalOrder());
  const again = await post('order-0001-abcdef', legalOrder());
  expect(first.status).toBe(200);
  expect(again.status).toBe(200);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first.body);
  expect(await counts()).toEqual([before[0] + 1, before[1] + 1]);
});

test('the same key with a different body is refused with 422 and creates nothing', async () => {
  await post('order-0002-abcdef', legalOrder());
  const before = await counts();
  const res = await post('order-0002-abcdef', legalOrder({ description: '换了一个问题' }));
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: '同一个请求编号不能用于不同的内容' });
  expect(await counts()).toEqual(before);
});

test('a failed attempt keeps nothing: the corrected retry with the same key goes through', async () => {
  const before = await counts();
  const bad = await post('order-0003-abcdef', legalOrder({ answers: {} }));
  expect(bad.status).toBe(400);
  const good = await post('order-0003-abcdef', legalOrder());
  expect(good.status).toBe(200);
  expect(await counts()).toEqual([before[0] + 1, before[1] + 1]);
});

test('keys belong to the caller: another resident using the same key gets their own need', async () => {
  const resident2 = await t.signIn('resident2');
  const a = await post('order-0004-abcdef', legalOrder());
  const b = await post('order-0004-abcdef', legalOrder({ contactPhone: '13812340002' }), resident2);
  expect(b.status).toBe(200);
  expect(b.body.id).not.toBe(a.body.id);
});

test('ten parallel retries of one order create exactly one need', async () => {
  const before = await counts();
  const results = await Promise.all(Array.from({ length: 10 }, () => post('order-0005-abcdef', legalOrder())));
  const ok = results.filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThan(0);
  expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
  for (const r of results.filter((x) => x.status !== 200)) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  expect(await counts()).toEqual([before[0] + 1, before[1] + 1]);
});

test('without a key every request is a new order; a malformed key is a 400', async () => {
  const a = await t.http().post('/api/v1/needs').set('Authorization', resident).send(legalOrder());
  const b = await t.http().post('/api/v1/needs').set('Authorization', resident).send(legalOrder());
  expect(a.body.id).not.toBe(b.body.id);
  const bad = await post('short', legalOrder());
  expect(bad.status).toBe(400);
});
