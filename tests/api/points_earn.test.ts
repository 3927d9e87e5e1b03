import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { PointsEntryModel } from '../../cloud/src/points/points-entry.model';
import { chinaAt, claim, clockOf, newActivity, newShift, setNow, uid } from './activities_support';
import { logPatrol, patrolBody } from './grids_support';
import { expectSoundChain } from './points_support';
import { NANMEN, act, blow, step } from './whistles_support';

// Points are earned where events happen: confirmed hours, patrols; each event once, within yearly caps.
let t: TestApp;
const auth: Record<string, string> = {};
let activity: string;
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['staff', 'volunteer', 'partyMember', 'gridWorker', 'countyAdmin', 'streetAdmin'])
    auth[a] = await t.signIn(a);
  activity = await newActivity(t, auth.staff, {
    title: '敬老院陪伴·积分测试',
    brand: 'elderCare',
    categoryCode: 'elderCare',
  });
});
afterEach(async () => {
  (await clockOf(t)).offsetMs = 0;
});
afterAll(() => t.close());

async function servedShift(day: number, who: string[], hours = 2): Promise<string> {
  const shift = await newShift(t, auth.staff, activity, {
    start: chinaAt(day, 9),
    end: chinaAt(day, 9 + hours),
    seats: 5,
  });
  for (const w of who) expect((await claim(t, auth[w], shift)).status).toBe(200);
  return shift;
}

const confirm = (shift: string, account: string, minutes: number) =>
  t
    .http()
    .post(`/api/v1/shifts/${shift}/confirm-hours`)
    .set('Authorization', auth.staff)
    .send({ personId: uid(account), minutes });

const myPoints = async (who: string) => (await t.http().get('/api/v1/me/points').set('Authorization', auth[who])).body;

test('confirmed hours earn 10 points an hour, once per record, and show in 我的积分', async () => {
  const shift = await servedShift(2, ['volunteer', 'partyMember']);
  await setNow(t, chinaAt(2, 12));
  expect((await confirm(shift, 'volunteer', 120)).status).toBe(200);
  expect((await confirm(shift, 'partyMember', 45)).status).toBe(200);
  expect((await confirm(shift, 'volunteer', 60)).status).toBe(409); // once per shift: no second grant

  const v = await myPoints('volunteer');
  expect(v).toMatchObject({ balance: 20, yearEarned: 20 });
  expect(v.byKind.find((k: { kind: string }) => k.kind === 'hoursServed')).toMatchObject({
    label: '志愿服务',
    earned: 20,
    expectation: 200,
    cap: 1000,
  });
  expect((await myPoints('partyMember')).balance).toBe(8); // 0.75 h × 10, rounded
  const entries = await t.http().get('/api/v1/me/points/entries').set('Authorization', auth.volunteer);
  expect(entries.body).toMatchObject({ total: 1 });
  expect(entries.body.items[0]).toMatchObject({
    delta: 20,
    balance: 20,
    kind: 'hoursServed',
    label: '志愿服务',
    note: '服务时长 · 敬老院陪伴·积分测试',
  });
});

test('a correction is a new record; points follow it, and the original stays', async () => {
  const hours = await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer);
  const record = hours.body.items[0];
  expect(record).toMatchObject({ minutes: 120, correction: null });
  const correct = (who: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/service-records/${record.id}/corrections`).set('Authorization', auth[who]).send(body);
  const down = await correct('staff', { minutes: 60, reason: '按现场登记表更正' });
  expect(down.status).toBe(200);
  expect(down.body).toMatchObject({ revision: 1, previousMinutes: 120, minutes: 60 });
  expect((await myPoints('volunteer')).balance).toBe(10);
  expect((await correct('staff', { minutes: 60, reason: '重复' })).status).toBe(409);
  const tooLong = await correct('staff', { minutes: 150, reason: '超过班次' });
  expect(tooLong.status).toBe(400);
  const up = await correct('staff', { minutes: 90, reason: '补记签退' });
  expect(up.body.revision).toBe(2);
  expect((await myPoints('volunteer')).balance).toBe(15);

  const after = await t.http().get('/api/v1/me/hours').set('Authorization', auth.volunteer);
  expect(after.body.items[0]).toMatchObject({
    minutes: 90,
    correction: { revision: 2, originalMinutes: 120, reason: '补记签退' },
  });
  expect(after.body.totalMinutes).toBe(90);
  const notOrganiser = await correct('streetAdmin', { minutes: 30, reason: '无权' });
  expect(notOrganiser.status).toBe(403);
  await expectSoundChain(t, uid('volunteer'));
});

test('a yearly cap stops hours points; the county changes the rule', async () => {
  const set = await t
    .http()
    .put('/api/v1/points/rules/hoursServed')
    .set('Authorization', auth.countyAdmin)
    .send({ points: 10, yearlyExpectation: 20, yearlyCap: 30 });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ kind: 'hoursServed', yearlyCap: 30 });
  const bad = await t
    .http()
    .put('/api/v1/points/rules/hoursServed')
    .set('Authorization', auth.countyAdmin)
    .send({ points: 10, yearlyExpectation: 50, yearlyCap: 30 });
  expect(bad.status).toBe(400);

  const shift = await servedShift(3, ['volunteer']);
  await setNow(t, chinaAt(3, 12));
  expect((await confirm(shift, 'volunteer', 120)).status).toBe(200);
  // 15 so far this year, cap 30: only 15 of the 20 are granted.
  const v = await myPoints('volunteer');
  expect(v.balance).toBe(30);
  expect(v.byKind.find((k: { kind: string }) => k.kind === 'hoursServed').earned).toBe(30);
  const rules = await t.http().get('/api/v1/points/rules').set('Authorization', auth.volunteer);
  expect(rules.body.items.find((r: { kind: string }) => r.kind === 'patrol')).toMatchObject({ points: 5, unit: '次' });
});

test('a logged patrol earns the grid worker patrol points once', async () => {
  const patrol = await logPatrol(t, auth.gridWorker, await patrolBody(t));
  const rows = await t.db
    .model(PointsEntryModel)
    .find({ personId: new Types.ObjectId(uid('gridWorker')) })
    .lean();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ kind: 'patrol', delta: 5, sourceKey: `patrol:${patrol.id}` });
});

test('rankings: people within a community (masked but for me), communities within the county', async () => {
  const people = await t.http().get('/api/v1/points/ranking?by=person').set('Authorization', auth.volunteer);
  expect(people.status).toBe(200);
  expect(people.body.items.slice(0, 2)).toEqual([
    { rank: 1, id: uid('volunteer'), name: '王志强', points: 30, me: true },
    // Another person: masked, and a row key instead of their id (no joins through ids).
    { rank: 2, id: 'row-2', name: '刘*国', points: 8, me: false },
  ]);
  const communities = await t.http().get('/api/v1/points/ranking?by=community').set('Authorization', auth.countyAdmin);
  expect(communities.body.items[0]).toMatchObject({ rank: 1, name: '南门社区', points: 43 });
  const outside = await t
    .http()
    .get(`/api/v1/points/ranking?by=person&communityId=${String(new Types.ObjectId())}`)
    .set('Authorization', auth.volunteer);
  expect(outside.status).toBe(404);
});

test('a party member reporting to a 社区吹哨党员报到 earns whistle points once', async () => {
  const start = new Date(Math.ceil((Date.now() + 30 * 24 * 3_600_000) / 900_000) * 900_000);
  const whistle = await blow(t, auth.staff, {
    type: 'communityToPartyMembers',
    title: '防汛沙袋装运',
    urgency: 'emergency',
    category: 'security',
    description: '汛情紧急，召集在职党员装运沙袋',
    volunteerCall: {
      address: '南门社区党群服务中心',
      shift: { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString(), seats: 20 },
    },
  });
  await step(t, auth.partyMember, whistle.id, NANMEN, 'report');
  expect((await act(t, auth.partyMember, whistle.id, NANMEN, 'report')).status).toBe(409);
  const entries = await t.http().get('/api/v1/me/points/entries').set('Authorization', auth.partyMember);
  expect(entries.body.items.filter((e: { kind: string }) => e.kind === 'whistleResponse')).toEqual([
    expect.objectContaining({ delta: 10, balance: 18, note: '响应吹哨 · 防汛沙袋装运' }),
  ]);
});
