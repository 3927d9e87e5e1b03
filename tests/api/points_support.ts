import { Types } from 'mongoose';
import type { TestApp } from '../support/app';
import { PointsLedger } from '../../cloud/src/points/ledger';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';

// Shared by the points_* and hours_* test files.

/** Credits points to a person through the real ledger (as an 'adjustment', like a staff correction would). */
export async function grant(t: TestApp, personId: string, points: number, key = `test:${new Types.ObjectId()}`) {
  const ledger = await t.app.getApplicationContext().getAsync(PointsLedger);
  return ledger.append({
    personId: new Types.ObjectId(personId),
    kind: 'adjustment',
    sourceKey: key,
    note: '测试入账',
    delta: () => points,
  });
}

export async function newItem(t: TestApp, auth: string, extra: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/v1/shop/items')
    .set('Authorization', auth)
    .send({ name: '环保购物袋', description: '可折叠', price: 30, stock: 5, ...extra });
  if (res.status !== 200) throw new Error(`createShopItem: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; stock: number; price: number };
}

export function redeem(t: TestApp, auth: string, itemId: string) {
  return t.http().post(`/api/v1/shop/items/${itemId}/redeem`).set('Authorization', auth).send({});
}

/** A person's chain must be 1..n with each balance = previous + delta and never below zero. */
export async function expectSoundChain(t: TestApp, personId: string): Promise<number> {
  const rows = await t.db
    .model(PointsEntryModel)
    .find({ personId: new Types.ObjectId(personId) })
    .sort({ seq: 1 })
    .lean();
  let balance = 0;
  rows.forEach((r, i) => {
    expect(r.seq).toBe(i + 1);
    balance += r.delta;
    expect(r.balance).toBe(balance);
    expect(r.balance).toBeGreaterThanOrEqual(0);
  });
  return balance;
}
