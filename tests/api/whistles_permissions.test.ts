import { startApp, type TestApp } from '../support/app';
import {
  CHENGGUAN_DEPT,
  GRID2,
  HOUR,
  NANMEN,
  XINCHENG,
  XISHAN,
  ZHUJIAN,
  act,
  blow,
  clockOf,
  deptWhistle,
  official,
  show,
  step,
} from './whistles_support';
import { DEMO_ACCOUNTS_BUT_SERVICE } from '../support/accounts';

// Every whistles and stats endpoint × every role × own/other scope. The whistle under test is
// blown by `gridWorker` from 南门第一网格 (南门社区, 城关街道) to 县住房和城乡建设局 (`department`).
// Others: department2 (县城市管理局), streetAdmin2 (新城街道), gridWorker2 (南门第二网格), partyMember2 (西山社区).
let t: TestApp;
const auth: Record<string, string> = {};
const DEMO: string[] = [...DEMO_ACCOUNTS_BUT_SERVICE];
const ALL = [...DEMO, 'department2', 'streetAdmin2', 'gridWorker2', 'partyMember2'];

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of DEMO) auth[a] = await t.signIn(a);
  auth.department2 = (await official(t, 'department', CHENGGUAN_DEPT, '城管局王科员')).auth;
  auth.streetAdmin2 = (await official(t, 'streetAdmin', XINCHENG, '新城街道刘主任')).auth;
  auth.gridWorker2 = (await official(t, 'gridWorker', GRID2, '南门二网格钱网格员', NANMEN)).auth;
  auth.partyMember2 = (await official(t, 'partyMember', XISHAN, '西山党员孙', XISHAN)).auth;
});
afterAll(() => t.close());

type Expect = Record<string, number>;
const table = (base: number, overrides: Expect): Expect =>
  Object.fromEntries(ALL.map((a) => [a, overrides[a] ?? base]));

/** Who sees the whistle. */
const READ = table(404, {
  resident: 403,
  resident2: 403,
  volunteer: 403,
  unitAdmin: 403,
  gridWorker: 200,
  staff: 200,
  streetAdmin: 200,
  department: 200,
  countyAdmin: 200,
});
/** Who answers for the 住建局 target: its department; those who see it but do not answer get 403. */
const RESPOND = table(403, {
  department: 200,
  department2: 404,
  streetAdmin2: 404,
  partyMember: 404,
  partyMember2: 404,
});
/** The originator side: the blower and the community's staff. */
const ORIGINATE = table(403, {
  gridWorker: 200,
  staff: 200,
  gridWorker2: 404,
  staff2: 404,
  streetAdmin2: 404,
});
const COUNTY_ONLY = table(403, { countyAdmin: 200 });
const KPI = table(403, {
  staff: 200,
  staff2: 200,
  streetAdmin: 200,
  streetAdmin2: 200,
  department: 200,
  department2: 200,
  countyAdmin: 200,
});

const states = { pending: [], reported: ['report'], resolved: ['report', 'resolve'] } as const;

/** A fresh whistle of `gridWorker` to 住建局 in the given state. */
async function whistleIn(state: keyof typeof states): Promise<string> {
  const w = await blow(t, auth.gridWorker, deptWhistle());
  for (const a of states[state]) await step(t, auth.department, w.id, ZHUJIAN, a);
  return w.id;
}

async function check(expected: Expect, run: (who: string) => Promise<{ status: number }>) {
  const got: Expect = {};
  for (const who of ALL) got[who] = (await run(who)).status;
  expect(got).toEqual(expected);
}

test('getWhistle: the blower’s grid, community, street, the addressed department and the county; 404 elsewhere', async () => {
  const id = await whistleIn('pending');
  await check(READ, (who) => show(t, auth[who], id));
});

test('listWhistles: each sees exactly the whistles in their scope', async () => {
  const id = await whistleIn('pending');
  const fromXishan = (
    await blow(t, auth.staff2, deptWhistle({ targets: [{ kind: 'department', orgId: CHENGGUAN_DEPT }] }))
  ).id;
  const got: Record<string, number | string[]> = {};
  for (const who of ALL) {
    const res = await t.http().get('/api/v1/whistles?pageSize=100').set('Authorization', auth[who]);
    got[who] =
      res.status === 200 ? [id, fromXishan].filter((x) => res.body.items.some((i: any) => i.id === x)) : res.status;
  }
  expect(got).toEqual({
    resident: 403,
    resident2: 403,
    volunteer: 403,
    unitAdmin: 403,
    partyMember: [],
    partyMember2: [],
    gridWorker: [id],
    gridWorker2: [],
    staff: [id],
    staff2: [fromXishan],
    streetAdmin: [id],
    streetAdmin2: [fromXishan],
    department: [id],
    department2: [fromXishan],
    countyAdmin: [id, fromXishan],
  });
});

test('reportWhistle: only the addressed department', async () => {
  const expected = RESPOND;
  const got: Expect = {};
  for (const who of ALL) got[who] = (await act(t, auth[who], await whistleIn('pending'), ZHUJIAN, 'report')).status;
  expect(got).toEqual(expected);
});

test('resolveWhistle: only the addressed department', async () => {
  const got: Expect = {};
  for (const who of ALL) got[who] = (await act(t, auth[who], await whistleIn('reported'), ZHUJIAN, 'resolve')).status;
  expect(got).toEqual(RESPOND);
});

test('confirmWhistle and sendBackWhistle: the blower and the origin community’s staff', async () => {
  for (const action of ['confirm', 'send-back'] as const) {
    const got: Expect = {};
    for (const who of ALL) got[who] = (await act(t, auth[who], await whistleIn('resolved'), ZHUJIAN, action)).status;
    expect({ action, got }).toEqual({ action, got: ORIGINATE });
  }
});

test('remindWhistle (督办): the county admin and the whistle’s street admin; another street’s admin 404', async () => {
  const got: Expect = {};
  // A fresh whistle per caller: a second 督办 of a target within the hour is refused.
  for (const who of ALL) {
    const id = await whistleIn('pending');
    got[who] = (
      await t.http().post(`/api/v1/whistles/${id}/targets/${ZHUJIAN}/remind`).set('Authorization', auth[who]).send({})
    ).status;
  }
  expect(got).toEqual(table(403, { countyAdmin: 200, streetAdmin: 200, streetAdmin2: 404 }));
});

test('a target the whistle does not have answers 404, also to its responders', async () => {
  const id = await whistleIn('pending');
  expect((await act(t, auth.department2, id, CHENGGUAN_DEPT, 'report')).status).toBe(404);
  expect((await act(t, auth.department, id, CHENGGUAN_DEPT, 'report')).status).toBe(404);
});

test('blowWhistle: who may blow a 政务吹哨部门报到, and only from their own place', async () => {
  const got: Expect = {};
  for (const who of ALL) {
    got[who] = (await t.http().post('/api/v1/whistles').set('Authorization', auth[who]).send(deptWhistle())).status;
  }
  expect(got).toEqual(
    table(403, { gridWorker: 200, gridWorker2: 200, staff: 200, staff2: 200, streetAdmin: 200, streetAdmin2: 200 }),
  );
  const foreign = [
    ['staff', { kind: 'community', id: XISHAN }],
    ['gridWorker', { kind: 'grid', id: GRID2 }],
    ['streetAdmin', { kind: 'street', id: XINCHENG }],
  ] as const;
  for (const [who, origin] of foreign) {
    const res = await t.http().post('/api/v1/whistles').set('Authorization', auth[who]).send(deptWhistle({ origin }));
    expect({ who, status: res.status }).toEqual({ who, status: 403 });
  }
  // A grid worker does not blow to the party members (the call is an activity staff organise).
  const party = await t
    .http()
    .post('/api/v1/whistles')
    .set('Authorization', auth.gridWorker)
    .send({
      type: 'communityToPartyMembers',
      title: '召集',
      description: '召集党员',
      volunteerCall: {
        address: '南门社区',
        shift: { start: '2099-01-01T09:00:00+08:00', end: '2099-01-01T11:00:00+08:00', seats: 5 },
      },
    });
  expect(party.status).toBe(403);
});

test('listWhistleRules and updateWhistleRule: the county admin only', async () => {
  await check(COUNTY_ONLY, (who) => t.http().get('/api/v1/whistle-rules').set('Authorization', auth[who]));
  const limits = {
    emergency: { reportMinutes: 20, resolveMinutes: 120 },
    urgent: { reportMinutes: 60, resolveMinutes: 720 },
    normal: { reportMinutes: 720, resolveMinutes: 4320 },
  };
  await check(COUNTY_ONLY, (who) =>
    t.http().put('/api/v1/whistle-rules/govToDepartment/security').set('Authorization', auth[who]).send({ limits }),
  );
});

test('stats endpoints: staff, street admins, departments and the county — each over their own whistles only', async () => {
  const from = new Date(Date.now() - 2 * 24 * HOUR).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 5 * 24 * HOUR).toISOString().slice(0, 10);
  const q = `from=${from}&to=${to}`;
  await check(KPI, (who) => t.http().get(`/api/v1/stats/responses?${q}`).set('Authorization', auth[who]));
  await check(KPI, (who) => t.http().get(`/api/v1/stats/responses.xlsx?${q}`).set('Authorization', auth[who]));
  await check(KPI, (who) => t.http().get('/api/v1/stats/overdue').set('Authorization', auth[who]));

  const readers = Object.keys(KPI).filter((a) => KPI[a] === 200);
  const received = async (who: string) =>
    (await t.http().get(`/api/v1/stats/responses?${q}`).set('Authorization', auth[who])).body.total.received as number;
  const before: Record<string, number> = {};
  for (const who of readers) before[who] = await received(who);
  const id = await whistleIn('pending');
  (await clockOf(t)).advance(3 * HOUR); // urgent: past its report limit

  const sees: Record<string, [number, boolean]> = {};
  for (const who of readers) {
    const overdue = await t.http().get('/api/v1/stats/overdue?pageSize=100').set('Authorization', auth[who]);
    sees[who] = [(await received(who)) - before[who], overdue.body.items.some((i: any) => i.whistleId === id)];
  }
  expect(sees).toEqual({
    staff: [1, true],
    staff2: [0, false],
    streetAdmin: [1, true],
    streetAdmin2: [0, false],
    department: [1, true],
    department2: [0, false],
    countyAdmin: [1, true],
  });
});
