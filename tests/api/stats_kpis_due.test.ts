import { localDateOf } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { handWhistle, type Step } from './stats_support';
import { HOUR, MINUTE, ZHUJIAN, clockOf } from './whistles_support';

// A rate judges only what is due: a target counts in the 响应率 once it reported or its report limit
// passed, in the 解决率 once it was confirmed or its resolution limit passed. A whistle blown an hour
// ago with two hours to report is “进行中，未到时限” and lowers nobody's rate. The clock moves the
// deadlines past, as the walk-through's 住建局 (75% with nothing late) should have read 100%.
let t: TestApp;
let county: string;
let department: string;
let q: string;

const urgentToZhujian = (steps: Step[]) => [
  { kind: 'department' as const, orgId: ZHUJIAN, name: '县住房和城乡建设局', steps },
];

beforeAll(async () => {
  t = await startApp(__filename);
  county = await t.signIn('countyAdmin');
  department = await t.signIn('department');
  const now = (await clockOf(t)).now();
  // Four urgent whistles (report within 2 hours, resolve within 24) blown an hour ago.
  const blownAt = new Date(now.getTime() - HOUR).toISOString();
  await handWhistle(
    t,
    blownAt,
    'nanmen',
    'urgent',
    urgentToZhujian([
      ['report', 10],
      ['resolve', 30],
      ['confirm', 40, 5],
    ]),
  );
  await handWhistle(t, blownAt, 'nanmen', 'urgent', urgentToZhujian([['report', 20]]));
  await handWhistle(t, blownAt, 'nanmen', 'urgent', urgentToZhujian([['report', 30]]));
  await handWhistle(t, blownAt, 'nanmen', 'urgent', urgentToZhujian([]));
  const day = 24 * HOUR;
  q = `from=${localDateOf(new Date(now.getTime() - 2 * day))}&to=${localDateOf(new Date(now.getTime() + 3 * day))}`;
});
afterAll(() => t.close());

async function zhujian(auth = county) {
  const res = await t.http().get(`/api/v1/stats/responses?${q}&level=department`).set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body.rows.find((r: any) => r.id === ZHUJIAN);
}

const overdueCount = async () =>
  (await t.http().get('/api/v1/stats/overdue').set('Authorization', county)).body.total as number;

test('before the limits: three reported in time, one not yet due — 100%, the fourth counted apart', async () => {
  const row = await zhujian();
  expect(row).toMatchObject({
    received: 4,
    reported: 3,
    reportedInTime: 3,
    dueForReport: 3,
    notDueReport: 1,
    responseRate: 1,
    confirmed: 1,
    dueForResolve: 1,
    notDueResolve: 3,
    resolutionRate: 1,
    satisfactionRate: 1,
    overdue: 0,
  });
  // The department's own view agrees.
  expect(await zhujian(department)).toEqual(row);
  expect(await overdueCount()).toBe(0);
});

test('past the report limit the silent one counts against the response rate', async () => {
  (await clockOf(t)).advance(2 * HOUR); // three hours after the blow
  expect(await zhujian()).toMatchObject({
    dueForReport: 4,
    notDueReport: 0,
    responseRate: 0.75,
    dueForResolve: 1,
    notDueResolve: 3,
    resolutionRate: 1,
    overdue: 1,
  });
  expect(await overdueCount()).toBe(1);
});

test('past the resolution limit every unconfirmed one counts against the resolution rate', async () => {
  (await clockOf(t)).advance(22 * HOUR + MINUTE); // just past 24 hours after the blow
  const row = await zhujian();
  expect(row).toMatchObject({
    dueForReport: 4,
    notDueReport: 0,
    responseRate: 0.75,
    dueForResolve: 4,
    notDueResolve: 0,
    resolutionRate: 0.25,
    overdue: 3,
  });
  const total = (await t.http().get(`/api/v1/stats/responses?${q}`).set('Authorization', county)).body.total;
  expect(total).toMatchObject({ received: 4, dueForReport: 4, dueForResolve: 4, resolutionRate: 0.25 });
});
