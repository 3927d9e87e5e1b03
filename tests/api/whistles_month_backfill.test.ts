import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { backfillOnce } from '../../cloud/src/core/backfill';
import { whistleBlownMonth } from '../../cloud/src/whistles/whistle-month.backfill';
import { handWhistle } from './stats_support';
import { WEIJIAN } from './whistles_support';

// The statistics read whistles month by month (blownMonth, China time); whistles stored before the
// field existed get it once, and later starts only look up the marker.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const received = async (auth: string) => {
  const res = await t
    .http()
    .get('/api/v1/stats/responses?from=2025-05-01&to=2025-05-31&level=department')
    .set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body.total.received as number;
};

test('the demo whistles have their month from the start', async () => {
  const whistles = t.db.connection.collection('whistles');
  expect(await whistles.countDocuments()).toBeGreaterThan(0);
  expect(await whistles.countDocuments({ blownMonth: { $exists: false } })).toBe(0);
  expect(await t.db.connection.collection('meta').countDocuments({ _id: 'whistleBlownMonth' as never })).toBe(1);
});

test('a whistle stored without its month gets it back, by China time, once; then the marker alone is read', async () => {
  const county = await t.signIn('countyAdmin');
  // 1 May 2025, 00:30 in China is still 30 April in UTC.
  const id = await handWhistle(t, '2025-05-01T00:30:00+08:00', 'xishan', 'normal', [
    { kind: 'department', orgId: WEIJIAN, name: '县卫生健康局', steps: [] },
  ]);
  const _id = new Types.ObjectId(id);
  const whistles = t.db.connection.collection('whistles');
  const meta = t.db.connection.collection('meta');
  expect((await whistles.findOne({ _id }))!.blownMonth).toBe('2025-05');
  expect(await received(county)).toBe(1);

  await whistles.updateOne({ _id }, { $unset: { blownMonth: '' } });
  await meta.deleteOne({ _id: 'whistleBlownMonth' as never });
  // Without its month the whistle is not read by the figures…
  expect(await received(county)).toBe(0);
  // …until the backfill gives it back.
  expect(await backfillOnce(t.db, whistleBlownMonth)).toBe(1);
  expect((await whistles.findOne({ _id }))!.blownMonth).toBe('2025-05');
  expect(await received(county)).toBe(1);

  // Marked done: a whistle missing its month now is left alone (later starts do not scan the collection).
  await whistles.updateOne({ _id }, { $unset: { blownMonth: '' } });
  expect(await backfillOnce(t.db, whistleBlownMonth)).toBe(0);
  expect((await whistles.findOne({ _id }))!.blownMonth).toBeUndefined();
});
