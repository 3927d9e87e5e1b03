import { isoWeekOf, isoWeekRange, previousIsoWeek } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import {
  GRID1,
  GRID2,
  GRID3,
  LIANGZHAN,
  NANMEN_COMPLEX,
  XISHAN,
  logPatrol,
  setMember,
  setNow,
  user,
} from './grids_support';

// Which grids were patrolled in a week (ISO weeks in China time), the last patrol, and who should have patrolled.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['gridWorker', 'staff', 'staff2', 'streetAdmin', 'countyAdmin']) auth[a] = await t.signIn(a);
});
afterAll(async () => {
  (await t.app.getApplicationContext().getAsync(Clock)).reset();
  await t.close();
});

const coverage = async (who: string, query = '') => {
  const res = await t.http().get(`/api/v1/grids/coverage${query}`).set('Authorization', auth[who]);
  expect(res.status).toBe(200);
  return res.body;
};
const patrol = (gridId: string, placeId: string, start: string, end: string) => ({
  gridId,
  startedAt: start,
  endedAt: end,
  placeIds: [placeId],
});

test('ISO weeks are cut at Monday 00:00 China time, not UTC', () => {
  // Monday 00:30 in Beijing is still Sunday in UTC.
  expect(isoWeekOf('2026-11-23T00:30:00+08:00')).toBe('2026-W48');
  expect(isoWeekOf('2026-11-22T23:59:59+08:00')).toBe('2026-W47');
  expect(isoWeekRange('2026-W48')).toEqual({
    from: new Date('2026-11-23T00:00:00+08:00'),
    to: new Date('2026-11-30T00:00:00+08:00'),
  });
  // Year ends: 2026-12-31 (Thursday) is in 2026-W53; 2027-01-03 (Sunday) still is; 2027-01-04 starts 2027-W01.
  expect(isoWeekOf('2027-01-03T12:00:00+08:00')).toBe('2026-W53');
  expect(isoWeekOf('2027-01-04T00:00:00+08:00')).toBe('2027-W01');
  expect(isoWeekOf('2021-01-01T08:00:00+08:00')).toBe('2020-W53');
  expect(previousIsoWeek('2027-W01')).toBe('2026-W53');
});

test('this week: the unpatrolled grids are listed with who should have patrolled, and the last patrol before', async () => {
  // Wednesday of 2026-W48, China time.
  await setNow(t, '2026-11-25T12:00:00+08:00');
  // 南门第一网格 is patrolled early on Monday (Sunday in UTC); 南门第二网格 late on Sunday (last week).
  const staff = auth.staff;
  await setMember(t, staff, GRID2, { position: 'chief', userId: user('staff'), duties: ['patroller'] });
  await setMember(t, staff, GRID2, {
    position: 'security',
    name: '冯志刚',
    phone: '13912340025',
    duties: ['patroller'],
  });
  const monday = await logPatrol(
    t,
    auth.gridWorker,
    patrol(GRID1, NANMEN_COMPLEX, '2026-11-23T00:30:00+08:00', '2026-11-23T01:30:00+08:00'),
  );
  const sunday = await logPatrol(
    t,
    staff,
    patrol(GRID2, LIANGZHAN, '2026-11-22T22:30:00+08:00', '2026-11-22T23:30:00+08:00'),
  );
  expect(monday.week).toBe('2026-W48');
  expect(sunday.week).toBe('2026-W47');

  const c = await coverage('staff');
  expect(c).toMatchObject({
    week: '2026-W48',
    from: '2026-11-22T16:00:00.000Z',
    to: '2026-11-29T16:00:00.000Z',
    totals: { grids: 3, patrolled: 1, unpatrolled: 2 },
    total: 3,
  });
  const byGrid = Object.fromEntries(c.items.map((i: any) => [i.grid.id, i]));
  expect(byGrid[GRID1]).toMatchObject({
    patrolled: true,
    patrols: 1,
    lastPatrol: { id: monday.id, week: '2026-W48', patroller: { name: '赵敏' } },
    // No team yet: the grid worker placed on the grid.
    responsible: [{ position: 'worker', name: '赵敏', userId: user('gridWorker') }],
  });
  expect(byGrid[GRID2]).toMatchObject({
    patrolled: false,
    patrols: 0,
    lastPatrol: { id: sunday.id, week: '2026-W47', patroller: { name: '陈静' } },
    responsible: [{ position: 'chief', name: '陈静', userId: user('staff') }],
  });
  expect(byGrid[GRID3]).toMatchObject({ patrolled: false, lastPatrol: null, responsible: [] });

  const missing = await coverage('staff', '?status=unpatrolled');
  expect(missing.items.map((i: any) => i.grid.name)).toEqual(['南门第二网格', '南门第三网格']);
  expect(missing.total).toBe(2);
  expect(missing.totals).toEqual({ grids: 3, patrolled: 1, unpatrolled: 2 });
  const paged = await coverage('staff', '?status=unpatrolled&pageSize=1&page=2');
  expect(paged.items.map((i: any) => i.grid.name)).toEqual(['南门第三网格']);
});

test('last week and an earlier week: each grid counts in the week its patrol started', async () => {
  await setNow(t, '2026-11-25T12:00:00+08:00');
  const w47 = await coverage('staff', '?week=2026-W47');
  const byGrid = Object.fromEntries(w47.items.map((i: any) => [i.grid.id, i]));
  expect(byGrid[GRID2].patrolled).toBe(true);
  // The Monday patrol belongs to W48: in W47 南门第一网格 had none, and none before either.
  expect(byGrid[GRID1]).toMatchObject({ patrolled: false, lastPatrol: null });
  const w46 = await coverage('staff', '?week=2026-W46');
  expect(w46.totals).toEqual({ grids: 3, patrolled: 0, unpatrolled: 3 });
});

test('the default week follows the Clock across Sunday midnight in China', async () => {
  await setNow(t, '2026-11-29T23:59:00+08:00');
  expect((await coverage('staff')).week).toBe('2026-W48');
  await setNow(t, '2026-11-30T00:01:00+08:00');
  const next = await coverage('staff');
  expect(next.week).toBe('2026-W49');
  expect(next.totals.patrolled).toBe(0);
  // The last patrol is still named for each grid.
  expect(next.items.find((i: any) => i.grid.id === GRID1).lastPatrol.week).toBe('2026-W48');
});

test('each caller sees the grids of their own place; other communities are 404', async () => {
  await setNow(t, '2026-11-25T12:00:00+08:00');
  expect((await coverage('gridWorker')).items.map((i: any) => i.grid.id)).toEqual([GRID1]);
  expect((await coverage('staff2')).totals.grids).toBe(2);
  expect((await coverage('streetAdmin')).totals.grids).toBe(7);
  expect((await coverage('countyAdmin')).totals.grids).toBe(12);
  expect((await coverage('countyAdmin', `?communityId=${XISHAN}`)).items.map((i: any) => i.grid.name)).toEqual([
    '西山第一网格',
    '西山第二网格',
  ]);
  expect(
    (await t.http().get(`/api/v1/grids/coverage?communityId=${XISHAN}`).set('Authorization', auth.staff)).status,
  ).toBe(404);
  expect(
    (await t.http().get(`/api/v1/grids/coverage?communityId=${XISHAN}`).set('Authorization', auth.streetAdmin)).status,
  ).toBe(404);
});

test('weeks that do not exist are refused', async () => {
  for (const week of ['2027-W53', '2026-W54', '2026-W00', '2026-48', 'W48']) {
    const res = await t.http().get(`/api/v1/grids/coverage?week=${week}`).set('Authorization', auth.staff);
    expect({ week, status: res.status }).toEqual({ week, status: 400 });
  }
  expect((await t.http().get('/api/v1/grids/coverage?week=2026-W53').set('Authorization', auth.staff)).status).toBe(
    200,
  );
});
