import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { TeamModel } from '../../cloud/src/teams/team.model';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';
import { PartyMemberModel } from '../../cloud/src/party/party-member.model';

// No joins through ids: a list that masks another person's name never carries that person's id
// beside it (the points ranking, a branch's ranking, team leaders), so two lists cannot be joined to
// unmask anyone. Staff who read full names for their duty still get the ids they work with.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const get = async (account: string, path: string) =>
  t
    .http()
    .get(path)
    .set('Authorization', await t.signIn(account));

test("a resident reads the teams' leaders masked and without their ids; staff read them in full", async () => {
  const leaders = (
    await t.db
      .model(TeamModel)
      .find({ leaderId: { $ne: null } }, { leaderId: 1 })
      .lean()
  ).map((x) => String(x.leaderId));
  expect(leaders.length).toBeGreaterThan(0);
  const resident = await get('resident', '/api/v1/teams');
  expect(resident.status).toBe(200);
  const led = resident.body.items.filter((x: { leader: unknown }) => x.leader);
  expect(led.length).toBeGreaterThan(0);
  for (const x of led) {
    expect(x.leader.id).toBeNull();
    expect(x.leader.name).toMatch(/\*/);
  }
  for (const id of leaders) expect(JSON.stringify(resident.body)).not.toContain(id);

  // Staff appoint leaders: they read them in full, with the id they appoint by.
  const staff = await get('staff', '/api/v1/teams');
  const named = staff.body.items.filter((x: { leader: unknown }) => x.leader);
  expect(named.length).toBeGreaterThan(0);
  for (const x of named) {
    expect(leaders).toContain(x.leader.id);
    expect(x.leader.name).not.toMatch(/\*/);
  }
});

test('the points ranking gives other people a row key, never their id; one’s own row keeps it', async () => {
  const earners = (await t.db.model(PointsEntryModel).distinct('personId')).map(String);
  for (const account of ['resident', 'volunteer', 'staff']) {
    const res = await get(account, '/api/v1/points/ranking?by=person&limit=100');
    expect(res.status).toBe(200);
    const others = res.body.items.filter((r: { me: boolean }) => !r.me);
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect(r.id).toMatch(/^row-\d+$/);
    const own = res.body.items.find((r: { me: boolean }) => r.me);
    const text = JSON.stringify(others);
    for (const id of earners) expect(text).not.toContain(id);
    if (own) expect(own.id).toMatch(/^[0-9a-f]{24}$/);
  }
});

test("a member reads the branch ranking without other members' ids; 党务 staff get them", async () => {
  const nanmen = String(seedId('branch:nanmen'));
  const ids = (await t.db.model(PartyMemberModel).find({}, { _id: 1 }).lean()).map((m) => String(m._id));
  const member = await get('partyMember', `/api/v1/points/ranking/branches/${nanmen}`);
  expect(member.status).toBe(200);
  const others = member.body.items.filter((m: { me: boolean }) => !m.me);
  expect(others.length).toBeGreaterThan(0);
  for (const m of others) expect(m.memberId).toMatch(/^row-\d+$/);
  for (const id of ids) expect(JSON.stringify(others)).not.toContain(id);

  const staff = await get('staff', `/api/v1/points/ranking/branches/${nanmen}`);
  expect(staff.status).toBe(200);
  for (const m of staff.body.items) expect(ids).toContain(m.memberId);
});
