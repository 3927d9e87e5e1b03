import { startApp, type TestApp } from '../support/app';
import { HOUR, MINUTE, ZHUJIAN, blow, deptWhistle } from './whistles_support';

// The list carries each target's deadlines, so the mini-program counts down without opening each whistle.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('each listed target has its report and resolution deadlines, the same as the detail', async () => {
  const staff = await t.signIn('staff');
  const w = await blow(t, staff, deptWhistle({ urgency: 'urgent', title: '倒计时测试：化粪池外溢' }));
  const list = await t.http().get('/api/v1/whistles?status=pending&pageSize=100').set('Authorization', staff);
  expect(list.status).toBe(200);
  const listed = list.body.items.find((x: { id: string }) => x.id === w.id);
  const target = listed.targets.find((x: { id: string }) => x.id === ZHUJIAN);
  expect(target.reportDueAt).toBe(w.targets[0].reportDueAt);
  expect(target.resolveDueAt).toBe(w.targets[0].resolveDueAt);
  // 较急 by default: report within 2 hours, resolve within 24.
  const blown = Date.parse(w.blownAt);
  expect(Date.parse(target.reportDueAt) - blown).toBe(2 * HOUR);
  expect(Date.parse(target.resolveDueAt) - blown).toBe(24 * 60 * MINUTE);

  // The department sees the same deadlines on its own list.
  const department = await t.signIn('department');
  const theirs = await t.http().get('/api/v1/whistles?pageSize=100').set('Authorization', department);
  const seen = theirs.body.items.find((x: { id: string }) => x.id === w.id);
  expect(seen.targets[0].reportDueAt).toBe(target.reportDueAt);
});
