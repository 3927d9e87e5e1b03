import { startApp, type TestApp } from '../support/app';
import { RedemptionModel } from '../../cloud/src/points/shop.model';
import { XISHAN, manyVolunteers, uid } from './activities_support';
import { expectSoundChain, grant, newItem, redeem } from './points_support';

// The 积分超市: staff stock items, residents redeem with points, staff hand over with the pickup code.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'staff2', 'volunteer', 'resident', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

test('redeeming takes points and a unit; the pickup code hands it over once', async () => {
  const item = await newItem(t, auth.staff, { name: '洗衣液 2kg', price: 40, stock: 3 });
  expect(item).toMatchObject({ stock: 3, price: 40 });
  await grant(t, uid('volunteer'), 100);

  const res = await redeem(t, auth.volunteer, item.id);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ item: { id: item.id, name: '洗衣液 2kg' }, price: 40, status: 'awaitingPickup' });
  expect(res.body.pickupCode).toMatch(/^\d{6}$/);
  const mine = await t.http().get('/api/v1/me/points').set('Authorization', auth.volunteer);
  expect(mine.body.balance).toBe(60);
  const entries = await t.http().get('/api/v1/me/points/entries').set('Authorization', auth.volunteer);
  expect(entries.body.items[0]).toMatchObject({
    delta: -40,
    balance: 60,
    kind: 'redemption',
    note: '兑换 · 洗衣液 2kg',
  });
  const list = await t.http().get('/api/v1/shop/items').set('Authorization', auth.volunteer);
  expect(list.body.items.find((i: { id: string }) => i.id === item.id).stock).toBe(2);

  const staffView = await t
    .http()
    .get('/api/v1/shop/redemptions?status=awaitingPickup')
    .set('Authorization', auth.staff);
  expect(staffView.body.items[0]).toMatchObject({ id: res.body.id, personName: '王志强' });
  const hand = (who: string, pickupCode: string) =>
    t
      .http()
      .post(`/api/v1/shop/redemptions/${res.body.id}/hand-over`)
      .set('Authorization', auth[who])
      .send({ pickupCode });
  const wrong = await hand('staff', res.body.pickupCode === '000000' ? '000001' : '000000');
  expect(wrong.status).toBe(400);
  expect(wrong.body.fields[0].message).toBe('领取码不对，请核对');
  expect((await hand('staff2', res.body.pickupCode)).status).toBe(404); // another community's staff
  const ok = await hand('staff', res.body.pickupCode);
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ status: 'handedOver', handedOverAt: expect.any(String) });
  const twice = await hand('staff', res.body.pickupCode);
  expect(twice.status).toBe(409);
  const my = await t.http().get('/api/v1/me/redemptions').set('Authorization', auth.volunteer);
  expect(my.body.items[0]).toMatchObject({ id: res.body.id, status: 'handedOver', personName: null });
});

test('not enough points, an empty shelf, a withdrawn item and another community are refused', async () => {
  const item = await newItem(t, auth.staff, { name: '保温杯', price: 500, stock: 1 });
  const poor = await redeem(t, auth.resident, item.id);
  expect(poor.status).toBe(409);
  expect(poor.body.code).toBe('INSUFFICIENT_POINTS');
  expect(poor.body.message).toContain('500');

  const cheap = await newItem(t, auth.staff, { name: '抽纸', price: 5, stock: 1 });
  await grant(t, uid('resident'), 20);
  expect((await redeem(t, auth.resident, cheap.id)).status).toBe(200);
  const empty = await redeem(t, auth.resident, cheap.id);
  expect(empty.status).toBe(409);
  expect(empty.body.code).toBe('OUT_OF_STOCK');
  const restocked = await t
    .http()
    .patch(`/api/v1/shop/items/${cheap.id}`)
    .set('Authorization', auth.staff)
    .send({ addStock: 2 });
  expect(restocked.body.stock).toBe(2);
  expect((await redeem(t, auth.resident, cheap.id)).status).toBe(200);

  await t.http().patch(`/api/v1/shop/items/${cheap.id}`).set('Authorization', auth.staff).send({ active: false });
  expect((await redeem(t, auth.resident, cheap.id)).status).toBe(404);
  const hidden = await t.http().get('/api/v1/shop/items').set('Authorization', auth.resident);
  expect(hidden.body.items.map((i: { id: string }) => i.id)).not.toContain(cheap.id);
  const staffAll = await t.http().get('/api/v1/shop/items?all=true').set('Authorization', auth.staff);
  expect(staffAll.body.items.map((i: { id: string }) => i.id)).toContain(cheap.id);

  const west = await newItem(t, auth.countyAdmin, { name: '西山社区毛巾', price: 1, communityId: XISHAN });
  expect((await redeem(t, auth.resident, west.id)).status).toBe(404);
  expect(
    (await t.http().get(`/api/v1/shop/items?communityId=${XISHAN}`).set('Authorization', auth.resident)).status,
  ).toBe(404);
  const staffOther = await t
    .http()
    .patch(`/api/v1/shop/items/${west.id}`)
    .set('Authorization', auth.staff)
    .send({ price: 2 });
  expect(staffOther.status).toBe(404);
  await expectSoundChain(t, uid('resident'));
});

test('50 people redeeming an item with 5 units at once: exactly 5 redemptions, nobody pays for nothing', async () => {
  const item = await newItem(t, auth.staff, { name: '并发测试米', price: 10, stock: 5 });
  const people = await manyVolunteers(t, 50, '兑换');
  for (const p of people) await grant(t, p.id, 10);
  const results = await Promise.all(people.map((p) => redeem(t, p.auth, item.id)));
  const ok = results.filter((r) => r.status === 200);
  expect(ok).toHaveLength(5);
  expect(results.filter((r) => r.status === 409 && r.body.code === 'OUT_OF_STOCK')).toHaveLength(45);
  const rows = await t.db.model(RedemptionModel).find({ itemId: item.id }).lean();
  expect(rows).toHaveLength(5);
  expect(new Set(rows.map((r) => r.unitNo))).toEqual(new Set([1, 2, 3, 4, 5]));
  const balances = await Promise.all(people.map((p) => expectSoundChain(t, p.id)));
  // The 5 winners paid 10 each; the 45 others kept their 10 points.
  expect(balances.filter((b) => b === 0)).toHaveLength(5);
  expect(balances.filter((b) => b === 10)).toHaveLength(45);
  const winners = new Set(rows.map((r) => String(r.personId)));
  people.forEach((p, i) => expect(winners.has(p.id)).toBe(balances[i] === 0));
});

test('one person with points for 2 redeeming 10 times at once: exactly 2, balance 0, stock back', async () => {
  const item = await newItem(t, auth.staff, { name: '并发测试油', price: 25, stock: 20 });
  const [person] = await manyVolunteers(t, 1, '连点兑换');
  await grant(t, person.id, 50);
  const results = await Promise.all(Array.from({ length: 10 }, () => redeem(t, person.auth, item.id)));
  expect(results.filter((r) => r.status === 200)).toHaveLength(2);
  expect(results.filter((r) => r.status === 409 && r.body.code === 'INSUFFICIENT_POINTS')).toHaveLength(8);
  expect(await expectSoundChain(t, person.id)).toBe(0);
  expect(await t.db.model(RedemptionModel).countDocuments({ itemId: item.id })).toBe(2);
  const list = await t.http().get('/api/v1/shop/items').set('Authorization', person.auth);
  expect(list.body.items.find((i: { id: string }) => i.id === item.id).stock).toBe(18);
});
