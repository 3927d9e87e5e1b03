import { seedGrids } from '../../cloud/src/grids/grids.seed';
import { GrantsService } from '../../cloud/src/grants/grants.service';
import { startApp, type TestApp } from '../support/app';
import { GRID1, GRID2, GRID3, id, user } from './grids_support';

// The demo grids: teams for 南门 and 西山, patrols this week and last, findings of several
// categories, one already a need; 南门第二网格 is unpatrolled this week.
let t: TestApp;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

const count = (collection: string) => t.db.connection.collection(collection).countDocuments();

test('南门第一网格: 赵敏 is the worker, 刘建国 the party cadre, and the team has all of 1+1+3+X', async () => {
  const team = (await t.http().get(`/api/v1/grids/${GRID1}/team`).set('Authorization', staff)).body;
  const seat = (p: string) => team.members.filter((m: any) => m.position === p);
  expect(seat('worker')).toMatchObject([{ userId: user('gridWorker'), name: '赵敏' }]);
  expect(seat('cadre')).toMatchObject([{ userId: user('partyMember'), name: '刘建国' }]);
  expect(seat('chief')).toMatchObject([{ name: '陈静' }]);
  expect(seat('unitPartyMember').map((m: any) => m.unit.name)).toEqual(['县人民医院', '县农商银行']);
  expect(
    (
      await t
        .http()
        .get('/api/v1/grids/mine')
        .set('Authorization', await t.signIn('resident'))
    ).body.worker,
  ).toEqual({
    name: '赵敏',
    phone: '138****0005',
  });
});

test('this week 南门第二网格 is the one 南门 grid not patrolled, and its worker is named', async () => {
  const c = (await t.http().get('/api/v1/grids/coverage').set('Authorization', staff)).body;
  const byGrid = Object.fromEntries(c.items.map((i: any) => [i.grid.id, i]));
  expect([byGrid[GRID1].patrolled, byGrid[GRID2].patrolled, byGrid[GRID3].patrolled]).toEqual([true, false, true]);
  expect(byGrid[GRID2].responsible.map((r: any) => r.name)).toEqual(['黄磊', '陈静']);
  expect(byGrid[GRID2].lastPatrol.patroller.name).toBe('黄磊');
  const xishan = (
    await t
      .http()
      .get('/api/v1/grids/coverage')
      .set('Authorization', await t.signIn('staff2'))
  ).body;
  expect(xishan.totals).toEqual({ grids: 2, patrolled: 1, unpatrolled: 1 });
});

test('findings span the categories; one became the grid worker’s need for 王桂芳, one was handled on the spot', async () => {
  const list = (
    await t
      .http()
      .get('/api/v1/patrol-findings?pageSize=100')
      .set('Authorization', await t.signIn('countyAdmin'))
  ).body;
  expect(new Set(list.items.map((f: any) => f.category)).size).toBeGreaterThanOrEqual(5);
  const wang = list.items.find((f: any) => f.id === id('finding:wang-alone'));
  expect(wang).toMatchObject({
    status: 'converted',
    outcome: { kind: 'need', targetId: id('need:elder-visit-on-behalf') },
  });
  const need = await t
    .http()
    .get(`/api/v1/needs/${wang.outcome.targetId}`)
    .set('Authorization', await t.signIn('gridWorker'));
  expect(need.body.onBehalfOf.name).toBe('王桂芳');
  expect(list.items.find((f: any) => f.id === id('finding:bike-shed'))).toMatchObject({
    status: 'closed',
    outcome: { kind: 'onSite' },
  });
  // Converting the seeded one again gives the same need (its guard is seeded too).
  const again = await t
    .http()
    .post(`/api/v1/patrol-findings/${wang.id}/to-need`)
    .set('Authorization', await t.signIn('gridWorker'))
    .send({});
  expect(again.body.outcome.targetId).toBe(id('need:elder-visit-on-behalf'));
});

test('seeding again changes nothing', async () => {
  const collections = ['gridMembers', 'patrols', 'patrolFindings', 'findingConversions', 'users'];
  const before = await Promise.all(collections.map(count));
  await seedGrids(t.db, await t.get(GrantsService));
  expect(await Promise.all(collections.map(count))).toEqual(before);
});
