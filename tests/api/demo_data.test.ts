import { NEED_STATUSES } from '@gongzhi/shared';
import { GrantsService } from '../../cloud/src/grants/grants.service';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { seedDemo } from '../../cloud/src/seed/seed-demo';

// What a first `npm start` loads: every list has something to show, and loading twice changes nothing.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const count = (collection: string, filter: Record<string, unknown> = {}) =>
  t.db.connection.collection(collection).countDocuments(filter);

test('needs exist in every state of the lifecycle, with their timelines', async () => {
  const statuses = await t.db.connection.collection('needs').distinct('status');
  expect([...statuses].sort()).toEqual([...NEED_STATUSES].sort());
  expect(await count('needEvents')).toBeGreaterThan(await count('needs'));
});

test('activities have a full shift and shifts with free seats', async () => {
  const shifts = await t.db.connection.collection('shifts').find().toArray();
  const taken = await Promise.all(shifts.map((s) => count('seats', { shiftId: s._id })));
  expect(shifts.some((s, i) => taken[i] >= s.seats)).toBe(true);
  expect(shifts.some((s, i) => taken[i] < s.seats && s.start > new Date())).toBe(true);
});

test('bookings exist in several states, and a project has linked needs', async () => {
  const bookingStatuses = await t.db.connection.collection('bookings').distinct('status');
  expect(bookingStatuses.length).toBeGreaterThanOrEqual(3);
  expect(await count('projectNeeds', { projectId: seedId('project:nanmen-lighting') })).toBeGreaterThanOrEqual(2);
  expect(await count('resources')).toBeGreaterThan(10);
});

test('loading the demo again changes nothing', async () => {
  const before = await Promise.all(
    ['needs', 'needEvents', 'activities', 'seats', 'bookings', 'projects'].map((c) => count(c)),
  );
  await t.db.connection.collection('meta').deleteOne({ _id: 'demoSeed' as never });
  await seedDemo(t.db, await t.get(GrantsService));
  const after = await Promise.all(
    ['needs', 'needEvents', 'activities', 'seats', 'bookings', 'projects'].map((c) => count(c)),
  );
  expect(after).toEqual(before);
});
