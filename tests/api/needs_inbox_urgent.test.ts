import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { act, legalOrder, order } from './needs_support';

// The staff inbox's default order (sort=urgent): overdue first (most overdue first), then the nearest
// due time, then the newest. Needs are ordered in April 2029 (China time) by moving the clock.
let t: TestApp;
let clock: Clock;
let staff: string;
const ids: Record<string, string> = {};
const WINDOW = 'from=2029-04-10&to=2029-04-10';

const at = (local: string) => clock.setOffset(Date.parse(`${local}+08:00`) - Date.now());

beforeAll(async () => {
  t = await startApp(__filename);
  clock = await t.app.getApplicationContext().getAsync(Clock);
  const resident = await t.signIn('resident');
  staff = await t.signIn('staff');
  // 法律咨询: 24 hours to accept, 72 to complete.
  for (const [key, time] of [
    ['a', '10:00'],
    ['b', '11:00'],
    ['c', '12:00'],
    ['d', '13:00'],
    ['e', '14:00'],
    ['f', '15:00'],
  ]) {
    at(`2029-04-10T${time}:00`);
    ids[key] = (await order(t, resident, legalOrder())).id;
  }
  at('2029-04-10T16:00:00');
  expect((await act(t, staff, ids.c, 'accept')).status).toBe(200); // now due to complete on the 13th
  expect((await act(t, staff, ids.e, 'reject', { reason: '不在本社区服务范围' })).status).toBe(200);
  expect((await act(t, staff, ids.f, 'reject', { reason: '不在本社区服务范围' })).status).toBe(200);
  // a and b are past their acceptance limit (10:00 and 11:00 on the 11th); d is due at 13:00.
  at('2029-04-11T11:30:00');
});
afterAll(() => t.close());

async function keys(query: string): Promise<string[]> {
  const res = await t.http().get(`/api/v1/needs?${query}`).set('Authorization', staff);
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return res.body.items.map((n: { id: string }) => byId[n.id] ?? n.id);
}

test('overdue first (most overdue first), then due soonest, then the newest of those with no limit', async () => {
  expect(await keys(`${WINDOW}&sort=urgent`)).toEqual(['a', 'b', 'd', 'c', 'f', 'e']);
});

test('the order holds across pages and within a status tab', async () => {
  const pages = [];
  for (const page of [1, 2, 3]) pages.push(...(await keys(`${WINDOW}&sort=urgent&pageSize=2&page=${page}`)));
  expect(pages).toEqual(['a', 'b', 'd', 'c', 'f', 'e']);
  expect(await keys(`${WINDOW}&sort=urgent&status=submitted`)).toEqual(['a', 'b', 'd']);
  expect(await keys(`${WINDOW}&sort=urgent&status=rejected`)).toEqual(['f', 'e']);
});

test('moving the clock on makes the next need overdue without changing the order', async () => {
  at('2029-04-11T13:30:00');
  const res = await t.http().get(`/api/v1/needs?${WINDOW}&sort=urgent`).set('Authorization', staff);
  expect(res.body.overdueCount).toBe(3);
  expect(res.body.items.slice(0, 3).map((n: { overdue: string | null }) => n.overdue)).toEqual([
    'accept',
    'accept',
    'accept',
  ]);
});
