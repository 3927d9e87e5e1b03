import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { PointsLedger } from '../../cloud/src/points/ledger';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';

// Branch rankings: a branch's yearly points are those its members linked to an account earned.
// 党务 staff see the branches of their scope with full names inside; a linked member sees only their
// own branch, other members' names masked; anyone else is refused.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const nanmen = String(seedId('branch:nanmen'));
const beijie = String(seedId('branch:beijie'));
const get = async (account: string, path: string) =>
  t
    .http()
    .get(path)
    .set('Authorization', await t.signIn(account));

test('totals add up the linked members’ earned points; the size is the roster’s, as on the dashboard', async () => {
  const ledger = await t.app.getApplicationContext().getAsync(PointsLedger);
  const he = seedId('user:registered:0'); // 何志远, linked to a 南门 member by the seed
  expect(await t.db.model(PointsEntryModel).countDocuments({ personId: he })).toBe(0);
  await ledger.earn('patrol', he, 2, 'test:branch:patrol', '测试巡查'); // 10
  await ledger.earn('studySession', seedId('user:registered:1'), 1, 'test:branch:study', '测试学习'); // 5
  const liu = (await get('partyMember', '/api/v1/me/points')).body.yearEarned as number;

  // One definition of a branch's size (在册党员): the dashboard's 党支部规模 counts the same members.
  const dashboard = await get('staff', '/api/v1/stats/overview');
  const onRoster = dashboard.body.branches.items.find((b: { id: string }) => b.id === nanmen).members as number;
  expect(onRoster).toBeGreaterThan(5); // the walk-through's branch: 5 with an account among many more

  const res = await get('staff', '/api/v1/points/ranking/branches');
  expect(res.status).toBe(200);
  expect(res.body.items).toHaveLength(1); // 南门 staff: their community's branch
  const total = liu + 15;
  expect(res.body.items[0]).toEqual({
    rank: 1,
    id: nanmen,
    name: '南门社区党支部',
    total,
    memberCount: onRoster,
    linkedCount: 5,
    average: Math.round((total / onRoster) * 10) / 10,
    mine: false,
  });

  const members = await get('staff', `/api/v1/points/ranking/branches/${nanmen}`);
  expect([members.body.memberCount, members.body.linkedCount]).toEqual([onRoster, 5]);
  expect(members.body.items.map((m: { points: number }) => m.points)).toEqual([liu, 10, 5, 0, 0].sort((a, b) => b - a));
  // The two members without points share 4th place (competition ranking), neither above the other.
  expect(members.body.items.map((m: { rank: number }) => m.rank)).toEqual([1, 2, 3, 4, 4]);
  // Staff with the duty read full names, and the read is audited.
  expect(members.body.items.map((m: { name: string }) => m.name)).toContain('何志远');
  expect(await t.db.connection.collection('audit').countDocuments({ via: 'points:branch-ranking' })).toBe(5);
});

test('a member leaving the roster leaves both counts together', async () => {
  const before = (await get('countyAdmin', '/api/v1/points/ranking/branches')).body.items.find(
    (b: { id: string }) => b.id === nanmen,
  ).memberCount as number;
  const one = await t.db.connection
    .collection('partyMembers')
    .findOne({ branchId: seedId('branch:nanmen'), active: true, userId: null });
  await t.db.connection.collection('partyMembers').updateOne({ _id: one!._id }, { $set: { active: false } });
  const ranking = (await get('countyAdmin', '/api/v1/points/ranking/branches')).body.items.find(
    (b: { id: string }) => b.id === nanmen,
  );
  const dashboard = (await get('countyAdmin', '/api/v1/stats/overview')).body.branches.items.find(
    (b: { id: string }) => b.id === nanmen,
  );
  expect([ranking.memberCount, dashboard.members]).toEqual([before - 1, before - 1]);
  await t.db.connection.collection('partyMembers').updateOne({ _id: one!._id }, { $set: { active: true } });
});

test('street and county admins rank every branch of their scope', async () => {
  const street = await get('streetAdmin', '/api/v1/points/ranking/branches');
  expect(street.body.items.map((b: { name: string }) => b.name).sort()).toEqual(
    ['北街社区党支部', '南门社区党支部', '土桥社区党支部'].sort(),
  );
  // 北街 and 土桥 have no points yet: they share 2nd place.
  expect(street.body.items.map((b: { rank: number; total: number }) => [b.rank, b.total > 0])).toEqual([
    [1, true],
    [2, false],
    [2, false],
  ]);
  const county = await get('countyAdmin', '/api/v1/points/ranking/branches');
  expect(county.body.items).toHaveLength(6);
  const totals = county.body.items.map((b: { total: number }) => b.total);
  expect([...totals].sort((a: number, b: number) => b - a)).toEqual(totals);
});

test('a linked member sees their own branch only, others masked, themself in full', async () => {
  const list = await get('partyMember', '/api/v1/points/ranking/branches');
  expect(list.status).toBe(200);
  expect(list.body.items.map((b: { id: string; mine: boolean }) => [b.id, b.mine])).toEqual([[nanmen, true]]);
  const members = await get('partyMember', `/api/v1/points/ranking/branches/${nanmen}`);
  const me = members.body.items.find((m: { me: boolean }) => m.me);
  expect(me.name).toBe('刘建国');
  const others = members.body.items.filter((m: { me: boolean }) => !m.me).map((m: { name: string }) => m.name);
  expect(others).toHaveLength(4);
  for (const n of others) expect(n).toMatch(/^.\*+.?$/);
  expect(others).toContain('何*远');
  expect((await get('partyMember', `/api/v1/points/ranking/branches/${beijie}`)).status).toBe(404);
});

test.each(['resident', 'volunteer', 'staff2'])('%s (no branch, no duty) is refused', async (account) => {
  const list = await get(account, '/api/v1/points/ranking/branches');
  expect(list.status).toBe(403);
  expect((await get(account, `/api/v1/points/ranking/branches/${nanmen}`)).status).toBe(404);
});

test.each(['gridWorker', 'department', 'unitAdmin'])('%s may not call branch rankings at all', async (account) => {
  expect((await get(account, '/api/v1/points/ranking/branches')).status).toBe(403);
  expect((await get(account, `/api/v1/points/ranking/branches/${nanmen}`)).status).toBe(403);
});

test('南门 staff do not see another community’s branch', async () => {
  expect((await get('staff', `/api/v1/points/ranking/branches/${beijie}`)).status).toBe(404);
});
