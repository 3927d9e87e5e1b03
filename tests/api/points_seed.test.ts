import { GrantsService } from '../../cloud/src/grants/grants.service';
import { startApp, type TestApp } from '../support/app';
import { seedDemo } from '../../cloud/src/seed/seed-demo';
import { uid } from './activities_support';
import { expectSoundChain } from './points_support';

// The demo 积分超市 and ledger: every community has a shelf, the demo volunteer has a sound ledger
// whose hours entries match his confirmed records, and loading the demo again adds nothing.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const count = (collection: string, filter: Record<string, unknown> = {}) =>
  t.db.connection.collection(collection).countDocuments(filter);

test('every community has a 积分超市; the volunteer’s points, hours and redemption show', async () => {
  const communities = await t.db.connection.collection('orgs').find({ kind: 'community' }).toArray();
  for (const c of communities) expect(await count('shopItems', { communityId: c._id })).toBeGreaterThanOrEqual(3);

  const volunteer = await t.signIn('volunteer');
  const points = await t.http().get('/api/v1/me/points').set('Authorization', volunteer);
  expect(points.body.balance).toBe(await expectSoundChain(t, uid('volunteer')));
  expect(points.body.balance).toBeGreaterThanOrEqual(30);
  const hours = await t.http().get('/api/v1/me/hours').set('Authorization', volunteer);
  const hoursPoints = points.body.byKind.find((k: { kind: string }) => k.kind === 'hoursServed').earned;
  expect(hoursPoints).toBe(Math.round((hours.body.totalMinutes / 60) * 10));
  const redemptions = await t.http().get('/api/v1/me/redemptions').set('Authorization', volunteer);
  expect(redemptions.body.items[0]).toMatchObject({ status: 'awaitingPickup', pickupCode: '204816' });
  const shelf = await t.http().get('/api/v1/shop/items').set('Authorization', volunteer);
  expect(shelf.body.total).toBe(5);

  const ranking = await t.http().get('/api/v1/points/ranking?by=person').set('Authorization', volunteer);
  expect(ranking.body.items[0]).toMatchObject({ rank: 1, name: '王志强', me: true });
});

test('loading the demo again changes nothing', async () => {
  const collections = ['shopItems', 'pointsEntries', 'redemptions'];
  const before = await Promise.all(collections.map((c) => count(c)));
  await t.db.connection.collection('meta').deleteOne({ _id: 'demoSeed' as never });
  await seedDemo(t.db, await t.get(GrantsService));
  expect(await Promise.all(collections.map((c) => count(c)))).toEqual(before);
});
