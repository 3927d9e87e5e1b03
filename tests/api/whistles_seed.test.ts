import { GrantsService } from '../../cloud/src/grants/grants.service';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { WhistleEscalationModel } from '../../cloud/src/whistles/whistle-escalation.model';
import { WhistleEventModel } from '../../cloud/src/whistles/whistle-event.model';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import { SEED_WHISTLE_KEYS, seedWhistles } from '../../cloud/src/whistles/whistles.seed';
import { CHENGGUAN_DEPT, show, sweep } from './whistles_support';

// The demo whistles: every type and state, an escalated overdue one, and figures for the 三率 page.
let t: TestApp;
let county: string;

beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  county = await t.signIn('countyAdmin');
});
afterAll(() => t.close());

const id = (key: string) => String(seedId(`whistle:${key}`));

test('every type and every status is there, and each detail shows a consistent timeline', async () => {
  const list = (await t.http().get('/api/v1/whistles?pageSize=100').set('Authorization', county)).body;
  expect(list.total).toBe(SEED_WHISTLE_KEYS.length);
  expect(new Set(list.items.map((w: any) => w.type))).toEqual(
    new Set(['communityToStreet', 'govToDepartment', 'projectToDepartment', 'communityToPartyMembers']),
  );
  expect(new Set(list.items.map((w: any) => w.status))).toEqual(
    new Set(['pending', 'inProgress', 'resolved', 'closed']),
  );
  for (const key of SEED_WHISTLE_KEYS) {
    const w = (await show(t, county, id(key))).body;
    for (const target of w.targets) {
      const steps = w.timeline.filter((e: any) => e.targetId === target.id);
      expect(steps.map((e: any) => e.seq)).toEqual(steps.map((_: unknown, i: number) => i + 1));
      expect(steps.at(-1).to).toBe(target.status);
    }
  }
  const sentBack = (await show(t, county, id('clinic-sendback'))).body;
  expect(sentBack.targets[0]).toMatchObject({ status: 'confirmed', sendBacks: 1, satisfaction: 3 });
});

test('the gas leak is overdue and escalated to the county, and a sweep takes it no further', async () => {
  const w = (await show(t, county, id('gas-leak-overdue'))).body;
  expect(w.targets[0]).toMatchObject({
    status: 'pending',
    overdue: 'report',
    escalationLevel: 1,
    escalatedTo: 'county',
  });
  expect(w.timeline.at(-1)).toMatchObject({ action: 'escalate', level: 1, supervisor: 'county' });

  await sweep(t);
  const records = await t.db
    .model(WhistleEscalationModel)
    .find({ whistleId: seedId('whistle:gas-leak-overdue') })
    .lean();
  expect(records.map((r) => r.level)).toEqual([1]);
  // The project whistle's 城管局 target has waited 30 h on a 24 h limit: the sweep escalates it now.
  const project = (await show(t, county, id('lighting-project'))).body;
  expect(project.targets.find((x: any) => x.id === CHENGGUAN_DEPT)).toMatchObject({ escalationLevel: 1 });
});

test('the 三率 page has figures for the last month', async () => {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 24 * 3600 * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const res = await t
    .http()
    .get(`/api/v1/stats/responses?from=${day(-30)}&to=${day(0)}&level=department`)
    .set('Authorization', county);
  expect(res.status).toBe(200);
  expect(res.body.rows.length).toBeGreaterThanOrEqual(4);
  expect(res.body.total.received).toBeGreaterThanOrEqual(8);
  expect(res.body.total.responseRate).toBeGreaterThan(0);
  expect(res.body.total.satisfactionRate).toBeGreaterThan(0);
  expect(res.body.total.p90ResolveMinutes).toBeGreaterThan(0);
  const overdue = (await t.http().get('/api/v1/stats/overdue').set('Authorization', county)).body;
  expect(overdue.items.map((i: any) => i.whistleId)).toContain(id('gas-leak-overdue'));
});

test('seeding again adds nothing', async () => {
  const count = async () => [
    await t.db.model(WhistleModel).countDocuments({}),
    await t.db.model(WhistleEventModel).countDocuments({}),
  ];
  const before = await count();
  await seedWhistles(t.db, await t.get(GrantsService));
  expect(await count()).toEqual(before);
});
