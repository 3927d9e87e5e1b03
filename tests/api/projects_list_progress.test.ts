import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// The list shows the same progress as the detail: the mean of the milestones (a FerretDB
// $group with two $sum accumulators once made this null).
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

test("a project's progress in the list equals its detail's, and is the milestones' mean", async () => {
  const resident = await t.signIn('resident');
  const id = String(seedId('project:nanmen-lighting'));
  const list = await t.http().get('/api/v1/projects').set('Authorization', resident);
  const inList = list.body.items.find((p: { id: string }) => p.id === id);
  const detail = await t.http().get(`/api/v1/projects/${id}`).set('Authorization', resident);
  const milestones = detail.body.milestones.map((m: { progress: number }) => m.progress);
  expect(milestones.length).toBeGreaterThan(1);
  const mean = Math.round(milestones.reduce((a: number, b: number) => a + b, 0) / milestones.length);
  expect(inList.progress).toBe(mean);
  expect(detail.body.progress).toBe(mean);
});
