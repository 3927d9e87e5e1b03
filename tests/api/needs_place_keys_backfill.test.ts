import { startApp, type TestApp } from '../support/app';
import { backfillOnce } from '../../cloud/src/core/backfill';
import { needPlaceKeys } from '../../cloud/src/needs/need-place-keys.backfill';
import { seedId } from '../../cloud/src/core/stable-id';
import { BUILDING1, GRID1, NANMEN, legalOrder, order } from './needs_support';

// Needs stored before placeKeys existed get them once (the inbox scopes by them); later starts
// only look up the marker.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

test('the demo needs have placeKeys from the start', async () => {
  const needs = t.db.connection.collection('needs');
  expect(await needs.countDocuments()).toBeGreaterThan(0);
  expect(await needs.countDocuments({ placeKeys: { $exists: false } })).toBe(0);
  expect(await t.db.connection.collection('meta').countDocuments({ _id: 'needPlaceKeys' as never })).toBe(1);
});

test('a need stored without placeKeys gets them back, once; then the marker alone is read', async () => {
  const resident = await t.signIn('resident');
  const { id } = await order(t, resident, legalOrder({ placeId: BUILDING1 }));
  const needs = t.db.connection.collection('needs');
  const meta = t.db.connection.collection('meta');
  const _id = (await needs.findOne({ title: '法律咨询' }, { sort: { submittedAt: -1 } }))!._id;
  expect(String(_id)).toBe(id);
  await needs.updateOne({ _id }, { $unset: { placeKeys: '' } });
  await meta.deleteOne({ _id: 'needPlaceKeys' as never });

  expect(await backfillOnce(t.db, needPlaceKeys)).toBe(1);
  expect((await needs.findOne({ _id }))!.placeKeys).toEqual([
    `street:${seedId('org:street:chengguan')}`,
    `community:${NANMEN}`,
    `grid:${GRID1}`,
    `complex:${seedId('org:complex:nanmen:南门小区')}`,
    `building:${BUILDING1}`,
  ]);
  // The inbox finds it again.
  const inbox = await t
    .http()
    .get('/api/v1/needs?pageSize=100')
    .set('Authorization', await t.signIn('staff'));
  expect(inbox.body.items.map((n: { id: string }) => n.id)).toContain(id);

  // Marked done: a need missing keys now is left alone (later starts do not scan the collection).
  await needs.updateOne({ _id }, { $unset: { placeKeys: '' } });
  expect(await backfillOnce(t.db, needPlaceKeys)).toBe(0);
  expect((await needs.findOne({ _id }))!.placeKeys).toBeUndefined();
});
