import { UserModel } from '../../cloud/src/people/user.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { startApp, type TestApp } from '../support/app';
import { GRID1, GRID2, GRID3, NANMEN, id, setMember, user } from './grids_support';

// A resident's grid follows from their address; they see who their grid worker and chief are, phones masked.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

const myGrid = async (account: string) =>
  t
    .http()
    .get('/api/v1/grids/mine')
    .set('Authorization', await t.signIn(account));

test('a resident of 南门第一网格 sees it, its complex, and the grid worker placed there before any team is set', async () => {
  const res = await myGrid('resident');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    grid: { id: GRID1, name: '南门第一网格' },
    community: { id: NANMEN, name: '南门社区' },
    complexes: [{ id: id('org:complex:nanmen:南门小区'), name: '南门小区' }],
    worker: { name: '赵敏', phone: '138****0005' },
    chief: null,
  });
});

test('the team decides: its worker and chief are shown once set', async () => {
  const staff = await t.signIn('staff');
  expect(
    (await setMember(t, staff, GRID1, { position: 'chief', userId: user('staff'), duties: ['mediator'] })).status,
  ).toBe(200);
  expect(
    (await setMember(t, staff, GRID1, { position: 'worker', userId: user('gridWorker'), duties: ['patroller'] }))
      .status,
  ).toBe(200);
  const res = await myGrid('partyMember');
  expect(res.body.worker).toEqual({ name: '赵敏', phone: '138****0005' });
  expect(res.body.chief).toEqual({ name: '陈静', phone: '138****0006' });
});

test('a grid without a worker says so; a volunteer of 南门第二网格 sees theirs', async () => {
  const r2 = await myGrid('resident2');
  expect(r2.body.grid).toEqual({ id: GRID3, name: '南门第三网格' });
  expect(r2.body.worker).toBeNull();
  const v = await myGrid('volunteer');
  expect(v.body.grid.id).toBe(GRID2);
});

test('the grid follows from a building or complex address, and an address without a grid is a 404', async () => {
  const users = t.db.model(UserModel);
  await users.updateOne(
    { _id: seedId('user:resident2') },
    { $set: { orgId: seedId('org:building:nanmen:粮站家属院:2') } },
  );
  expect((await myGrid('resident2')).body.grid).toEqual({ id: GRID2, name: '南门第二网格' });
  await users.updateOne({ _id: seedId('user:resident2') }, { $set: { orgId: seedId('org:complex:nanmen:锦绣华庭') } });
  expect((await myGrid('resident2')).body.grid.id).toBe(GRID3);

  await users.updateOne({ _id: seedId('user:resident2') }, { $set: { orgId: seedId('org:community:nanmen') } });
  const none = await myGrid('resident2');
  expect(none.status).toBe(404);
  expect(none.body.message).toBe('还没有登记您的住址所在网格，请联系社区');
});

test('only people who live in a community ask for their grid', async () => {
  for (const account of ['gridWorker', 'staff', 'streetAdmin', 'department', 'unitAdmin', 'countyAdmin']) {
    expect({ account, status: (await myGrid(account)).status }).toEqual({ account, status: 403 });
  }
  expect((await t.http().get('/api/v1/grids/mine')).status).toBe(401);
});
