import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { seedId } from '../../cloud/src/core/stable-id';
import { ObjectId } from 'mongodb';
import {
  BUILDING1,
  CLINIC,
  GRID1,
  GRID3,
  JINXIU,
  LEGAL,
  NANMEN,
  TUTOR,
  act,
  legalOrder,
  order,
  target,
} from './needs_support';

// Needs are ordered in March 2029 (China time) by moving the clock, so the window holds only this file's needs.
let t: TestApp;
let clock: Clock;
let resident: string;
let staff: string;
const ids: Record<string, string> = {};
const WINDOW = 'from=2029-03-10&to=2029-03-12';

const at = (local: string) => clock.setOffset(Date.parse(`${local}+08:00`) - Date.now());

beforeAll(async () => {
  t = await startApp(__filename);
  clock = await t.app.getApplicationContext().getAsync(Clock);
  resident = await t.signIn('resident');
  staff = await t.signIn('staff');
  const LIANGZHAN = String(seedId('org:complex:nanmen:粮站家属院'));
  const ELDER = String(seedId('menu:elder-visit'));

  at('2029-03-10T10:00:00');
  ids.n1 = (await order(t, resident, legalOrder())).id;
  at('2029-03-10T11:00:00');
  ids.n2 = (
    await order(
      t,
      resident,
      legalOrder({ menuItemId: TUTOR, placeId: JINXIU, answers: { grade: '四年级', subjects: ['math'] } }),
    )
  ).id;
  await act(t, staff, ids.n2, 'accept');
  at('2029-03-10T12:00:00');
  ids.n3 = (await order(t, resident, legalOrder({ menuItemId: null, otherText: '楼道灯不亮', answers: {} }))).id;
  await act(t, staff, ids.n3, 'reject', { reason: '已转物业' });
  at('2029-03-10T13:00:00');
  ids.n6 = (
    await order(t, resident, legalOrder({ menuItemId: ELDER, placeId: LIANGZHAN, answers: { frequency: 'once' } }))
  ).id;
  await act(t, staff, ids.n6, 'accept');
  await act(t, staff, ids.n6, 'dispatch', { kind: 'activity', targetId: await target(t, 'activities') });
  at('2029-03-11T10:00:00');
  ids.n4 = (await order(t, resident, legalOrder({ menuItemId: CLINIC, placeId: JINXIU, answers: {} }))).id;
  at('2029-03-12T10:00:00');
  ids.n5 = (await order(t, resident, legalOrder({ placeId: BUILDING1 }))).id;
  at('2029-03-13T14:00:00');
});
afterAll(() => t.close());

const names = Object.fromEntries(Object.entries({ n1: 0, n2: 0, n3: 0, n4: 0, n5: 0, n6: 0 }).map(([k]) => [k, k]));
async function inbox(query: string, who = staff) {
  const res = await t.http().get(`/api/v1/needs?${query}`).set('Authorization', who);
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body)}`);
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, names[k]]));
  return { ...res.body, keys: res.body.items.map((n: { id: string }) => byId[n.id] ?? n.id) as string[] };
}

test('the window holds the six needs, newest first by default', async () => {
  const res = await inbox(WINDOW);
  expect(res.keys).toEqual(['n5', 'n4', 'n6', 'n3', 'n2', 'n1']);
  expect(res.total).toBe(6);
});

test('sort oldest and dueSoonest (the limit that runs now; nothing due sorts last)', async () => {
  expect((await inbox(`${WINDOW}&sort=oldest`)).keys).toEqual(['n1', 'n2', 'n3', 'n6', 'n4', 'n5']);
  expect((await inbox(`${WINDOW}&sort=dueSoonest`)).keys).toEqual(['n1', 'n4', 'n5', 'n6', 'n2', 'n3']);
});

test('filters: status, category, grid, and combinations', async () => {
  expect((await inbox(`${WINDOW}&status=submitted`)).keys).toEqual(['n5', 'n4', 'n1']);
  expect((await inbox(`${WINDOW}&status=routed`)).keys).toEqual(['n6']);
  expect((await inbox(`${WINDOW}&categoryCode=legalAid`)).keys).toEqual(['n5', 'n1']);
  expect((await inbox(`${WINDOW}&categoryCode=other`)).keys).toEqual(['n3']);
  expect((await inbox(`${WINDOW}&gridId=${GRID3}`)).keys).toEqual(['n4', 'n2']);
  expect((await inbox(`${WINDOW}&gridId=${GRID3}&status=accepted`)).keys).toEqual(['n2']);
  expect((await inbox(`${WINDOW}&categoryCode=freeClinic&status=closed`)).keys).toEqual([]);
});

test('overdue is computed from the time limits: past acceptance while submitted, past completion while open', async () => {
  const all = await inbox(WINDOW);
  const flag = Object.fromEntries(
    all.items.map((n: { overdue: string | null }, i: number) => [all.keys[i], n.overdue]),
  );
  expect(flag).toEqual({ n1: 'accept', n4: 'accept', n5: 'accept', n6: 'complete', n2: null, n3: null });

  expect((await inbox(`${WINDOW}&overdue=true&sort=dueSoonest`)).keys).toEqual(['n1', 'n4', 'n5', 'n6']);
  expect((await inbox(`${WINDOW}&overdue=false`)).keys).toEqual(['n3', 'n2']);
  expect((await inbox(`${WINDOW}&overdue=true&status=routed`)).keys).toEqual(['n6']);
  // A status with an overdue filter is counted on its own, not taken from the status's badge (3 submitted).
  const late = await inbox(`${WINDOW}&overdue=false&status=submitted`);
  expect(late.counts.submitted).toBe(3);
  expect(late.total).toBe(0);
  expect((await inbox(`${WINDOW}&status=submitted`)).total).toBe(3);

  // One hour earlier the elder visit was still within its 72 h.
  at('2029-03-13T12:00:00');
  try {
    expect((await inbox(`${WINDOW}&overdue=true&sort=dueSoonest`)).keys).toEqual(['n1', 'n4', 'n5']);
  } finally {
    at('2029-03-13T14:00:00');
  }
});

test('the overdue filter runs in the database: pages of overdue needs are full and the total is exact', async () => {
  const p1 = await inbox(`${WINDOW}&overdue=true&sort=oldest&pageSize=3&page=1`);
  const p2 = await inbox(`${WINDOW}&overdue=true&sort=oldest&pageSize=3&page=2`);
  expect(p1).toMatchObject({ total: 4, page: 1, pageSize: 3 });
  expect(p1.keys).toEqual(['n1', 'n6', 'n4']);
  expect(p2.keys).toEqual(['n5']);
});

test('pages split the list without overlap', async () => {
  const pages = [];
  for (const page of [1, 2, 3, 4]) pages.push((await inbox(`${WINDOW}&sort=oldest&pageSize=2&page=${page}`)).keys);
  expect(pages).toEqual([['n1', 'n2'], ['n3', 'n6'], ['n4', 'n5'], []]);
});

test('counts per status (for badges) follow the other filters but not status or overdue; finished ones are not counted', async () => {
  const res = await inbox(`${WINDOW}&status=submitted&overdue=true`);
  expect(res.counts).toEqual({
    submitted: 3,
    accepted: 1,
    rejected: null,
    withdrawn: null,
    routed: 1,
    in_progress: 0,
    done: 0,
    closed: null,
  });
  expect(res.overdueCount).toBe(4);
  const grid = await inbox(`${WINDOW}&gridId=${GRID3}`);
  expect(grid.counts).toMatchObject({ submitted: 1, accepted: 1, rejected: null, routed: 0 });
  expect(grid.overdueCount).toBe(1);
});

test('date range: a date means the whole day in China time; date-times are exact', async () => {
  expect((await inbox('from=2029-03-11&to=2029-03-11')).keys).toEqual(['n4']);
  expect((await inbox('from=2029-03-12')).keys).toEqual(['n5']);
  expect((await inbox('from=2029-03-10T11:00:00%2B08:00&to=2029-03-10T12:00:05%2B08:00')).keys).toEqual(['n3', 'n2']);
  const reversed = await t.http().get('/api/v1/needs?from=2029-03-12&to=2029-03-10').set('Authorization', staff);
  expect(reversed.status).toBe(400);
  expect(reversed.body.fields).toEqual([{ path: 'query.to', message: '结束日期不能早于开始日期' }]);
});

test('the inbox masks every phone and names the owner', async () => {
  const res = await inbox(WINDOW);
  for (const n of res.items) {
    expect(n.contactPhone).toBe('138****0001');
    expect(n.owner.name).toBe('张秀兰');
  }
  expect(res.items.find((n: { id: string }) => n.id === ids.n1).menuItem).toEqual({ id: LEGAL, name: '法律咨询' });
});

test('street and county admins see the same needs; a grid worker only those of the own grid', async () => {
  const street = await inbox(WINDOW, await t.signIn('streetAdmin'));
  const county = await inbox(WINDOW, await t.signIn('countyAdmin'));
  expect(street.keys).toEqual(['n5', 'n4', 'n6', 'n3', 'n2', 'n1']);
  expect(county.keys).toEqual(street.keys);
  const grid = await inbox(WINDOW, await t.signIn('gridWorker'));
  expect(grid.keys).toEqual(['n5', 'n3', 'n1']);
  expect(grid.counts).toMatchObject({ submitted: 2, rejected: null, accepted: 0, routed: 0 });
  // The rejected one is still listed under its tab, only not counted.
  expect((await inbox(`${WINDOW}&status=rejected`, await t.signIn('gridWorker'))).keys).toEqual(['n3']);
});

test('a need is in its own community’s and street’s inbox (counts too), not in another community’s', async () => {
  // n5 was ordered at 南门小区 1号楼: its stored placeKeys name every org node above it.
  const stored = await t.db.connection.collection('needs').findOne({ _id: new ObjectId(ids.n5) });
  expect(stored?.placeKeys).toEqual([
    `street:${seedId('org:street:chengguan')}`,
    `community:${NANMEN}`,
    `grid:${GRID1}`,
    `complex:${seedId('org:complex:nanmen:南门小区')}`,
    `building:${BUILDING1}`,
  ]);
  const mine = await inbox(`${WINDOW}&status=submitted&sort=dueSoonest`);
  expect(mine.keys).toContain('n5');
  const street = await inbox(`${WINDOW}&status=submitted&sort=dueSoonest`, await t.signIn('streetAdmin'));
  expect(street.keys).toContain('n5');
  expect(street.counts.submitted).toBe(mine.counts.submitted);
  // 西山社区's staff, in another community (and street): none of these, in the list or in any count.
  const other = await inbox(`${WINDOW}&status=submitted&sort=dueSoonest`, await t.signIn('staff2'));
  expect(other.keys).toEqual([]);
  expect(other.total).toBe(0);
  expect(other.counts).toEqual({
    submitted: 0,
    accepted: 0,
    routed: 0,
    in_progress: 0,
    done: 0,
    rejected: null,
    withdrawn: null,
    closed: null,
  });
  expect(other.overdueCount).toBe(0);
});
