import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';
import { RedemptionModel } from '../../cloud/src/points/shop.model';
import { uid } from './activities_support';
import { expectSoundChain, grant, newItem } from './points_support';
import { dieBeforeAnswer, leaseRunsOut } from './idempotency_support';

// A redemption whose process died mid-request (simulated: see idempotency_support.ts). The retry with
// the same Idempotency-Key finishes that redemption: one unit taken, the points debited once.

let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'volunteer']) auth[a] = await t.signIn(a);
  await grant(t, uid('volunteer'), 100);
});
afterAll(() => t.close());

const redeem = (itemId: string, key: string) =>
  t
    .http()
    .post(`/api/v1/shop/items/${itemId}/redeem`)
    .set('Authorization', auth.volunteer)
    .set('Idempotency-Key', key)
    .send({});
const redemptionsOf = (itemId: string) =>
  t.db
    .model(RedemptionModel)
    .find({ itemId: new Types.ObjectId(itemId) })
    .lean();
const debitsFor = (redemptionId: string) =>
  t.db.model(PointsEntryModel).countDocuments({ sourceKey: `redeem:${redemptionId}` });

test('died after the debit, before answering: the retry returns the same redemption, debited once', async () => {
  const item = await newItem(t, auth.staff, { name: '崩溃测试·购物袋', price: 30, stock: 3 });
  const first = await redeem(item.id, 'crash-redeem-01');
  expect(first.status).toBe(200);
  await dieBeforeAnswer(t, 'redeemShopItem', 'crash-redeem-01');
  await leaseRunsOut(t);

  const retry = await redeem(item.id, 'crash-redeem-01');
  expect(retry.status).toBe(200);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(retry.body).toMatchObject({ id: first.body.id, pickupCode: first.body.pickupCode, status: 'awaitingPickup' });
  expect(await redemptionsOf(item.id)).toHaveLength(1);
  expect(await debitsFor(first.body.id)).toBe(1);
  expect(await expectSoundChain(t, uid('volunteer'))).toBe(70);
});

test('died after taking the unit, before the debit: the retry debits that reservation once', async () => {
  const item = await newItem(t, auth.staff, { name: '崩溃测试·洗衣液', price: 40, stock: 3 });
  const first = await redeem(item.id, 'crash-redeem-02');
  expect(first.status).toBe(200);
  // Undo the debit and the status change: what a crash between the two writes leaves behind.
  await t.db.model(PointsEntryModel).deleteOne({ sourceKey: `redeem:${first.body.id}` });
  await t.db.model(RedemptionModel).updateOne({ _id: first.body.id }, { $set: { status: 'reserved' } });
  await dieBeforeAnswer(t, 'redeemShopItem', 'crash-redeem-02');
  await leaseRunsOut(t);

  const retry = await redeem(item.id, 'crash-redeem-02');
  expect(retry.status).toBe(200);
  expect(retry.body).toMatchObject({ id: first.body.id, status: 'awaitingPickup' });
  const stored = await redemptionsOf(item.id);
  expect(stored).toHaveLength(1);
  expect(stored[0].status).toBe('awaitingPickup');
  expect(await debitsFor(first.body.id)).toBe(1);
  expect(await expectSoundChain(t, uid('volunteer'))).toBe(30);
});
