import { average, percentile, rate } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { handWhistle, type HandTarget, type Step } from './stats_support';
import { CHENGGUAN, CHENGGUAN_DEPT, NANMEN, WEIJIAN, XISHAN, ZHUJIAN, official } from './whistles_support';

// 三率 on a hand-built dataset (March 2025, China time), every figure worked out by hand below.
//
// 住建局 A — 10 targets from 南门, urgent (report 120 min, resolve 1440 min):
//   report minutes 10 20 30 40 50 60 70 80 90 200 → 9 in time; avg 65; p90 (rank 9 of 10) 90
//   A1–A6 confirmed, resolved at 100 200 300 400 500 1500, stars 5 4 4 3 2 5 → 4 satisfied of 6
//   A7–A8 resolved at 600 700 (awaiting confirmation); A9 reported only; A10 resolved at 800, sent back
//   resolved now: 100 200 300 400 500 600 700 1500 → avg 537.5; p90 (rank 8 of 8) 1500
//   overdue: A6 (resolved late), A9 (unresolved), A10 (late report) = 3
// 城管局 B — b1 on A1's whistle (pending forever); b2 from 西山 urgent: report 30, resolve 60, 5 stars;
//   b3 from 西山 normal (1440/10080): reported at 1500 (late) only → overdue b1, b3
// 城关街道 S — s1 normal: 60 / 600 / 4 stars; s2 emergency (30/120): 45 (late) / 100 / 2 stars → overdue s2
// 卫健局 C — pending whistles from 西山 at the range's edges: 03-01 00:00 and 03-31 23:59 (in);
//   02-28 23:59 and 04-01 00:00 (out).
let t: TestApp;
const auth: Record<string, string> = {};
const Q = 'from=2025-03-01&to=2025-03-31';

const dept = (orgId: string, name: string, steps: Step[]): HandTarget => ({ kind: 'department', orgId, name, steps });
const A = (steps: Step[]) => dept(ZHUJIAN, '县住房和城乡建设局', steps);
const B = (steps: Step[]) => dept(CHENGGUAN_DEPT, '县城市管理局', steps);
const C = () => dept(WEIJIAN, '县卫生健康局', []);
const S = (steps: Step[]): HandTarget => ({ kind: 'street', orgId: CHENGGUAN, name: '城关街道', steps });

beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['countyAdmin', 'department', 'streetAdmin', 'staff', 'staff2']) auth[a] = await t.signIn(a);
  auth.chengguanDept = (await official(t, 'department', CHENGGUAN_DEPT, '城管局统计员')).auth;

  const day = (d: number, hh = 9) => `2025-03-${String(d).padStart(2, '0')}T${String(hh).padStart(2, '0')}:00:00+08:00`;
  const reportAt = [10, 20, 30, 40, 50, 60, 70, 80, 90, 200];
  const confirmed: [number, number][] = [
    [100, 5],
    [200, 4],
    [300, 4],
    [400, 3],
    [500, 2],
    [1500, 5],
  ];
  for (let i = 0; i < 10; i++) {
    const steps: Step[] = [['report', reportAt[i]]];
    if (i < 6) steps.push(['resolve', confirmed[i][0]], ['confirm', confirmed[i][0] + 5, confirmed[i][1]]);
    if (i === 6 || i === 7) steps.push(['resolve', [600, 700][i - 6]]);
    if (i === 9) steps.push(['resolve', 800], ['sendBack', 810]);
    const targets = i === 0 ? [A(steps), B([])] : [A(steps)];
    await handWhistle(t, day(2 + i), 'nanmen', 'urgent', targets);
  }
  await handWhistle(t, day(15), 'xishan', 'urgent', [
    B([
      ['report', 30],
      ['resolve', 60],
      ['confirm', 70, 5],
    ]),
  ]);
  await handWhistle(t, day(16), 'xishan', 'normal', [B([['report', 1500]])]);
  await handWhistle(t, day(17), 'nanmen', 'normal', [
    S([
      ['report', 60],
      ['resolve', 600],
      ['confirm', 610, 4],
    ]),
  ]);
  await handWhistle(t, day(18), 'nanmen', 'emergency', [
    S([
      ['report', 45],
      ['resolve', 100],
      ['confirm', 110, 2],
    ]),
  ]);
  await handWhistle(t, '2025-03-01T00:00:00+08:00', 'xishan', 'normal', [C()]);
  await handWhistle(t, '2025-03-31T23:59:00+08:00', 'xishan', 'normal', [C()]);
  await handWhistle(t, '2025-02-28T23:59:00+08:00', 'xishan', 'normal', [C()]);
  await handWhistle(t, '2025-04-01T00:00:00+08:00', 'xishan', 'normal', [C()]);
});
afterAll(() => t.close());

/** March 2025 is long past: every target is due for both rates, none still running. */
const allDue = (n: number) => ({ dueForReport: n, notDueReport: 0, dueForResolve: n, notDueResolve: 0 });

const kpis = (who: string, level: string, q = Q) =>
  t.http().get(`/api/v1/stats/responses?${q}&level=${level}`).set('Authorization', auth[who]);

const ROW_A = {
  id: ZHUJIAN,
  name: '县住房和城乡建设局',
  received: 10,
  ...allDue(10),
  reported: 10,
  reportedInTime: 9,
  resolved: 8,
  confirmed: 6,
  rated: 6,
  satisfied: 4,
  responseRate: 0.9,
  resolutionRate: 0.6,
  satisfactionRate: 0.6667,
  avgReportMinutes: 65,
  p90ReportMinutes: 90,
  avgResolveMinutes: 537.5,
  p90ResolveMinutes: 1500,
  overdue: 3,
};
const ROW_B = {
  id: CHENGGUAN_DEPT,
  name: '县城市管理局',
  received: 3,
  ...allDue(3),
  reported: 2,
  reportedInTime: 1,
  resolved: 1,
  confirmed: 1,
  rated: 1,
  satisfied: 1,
  responseRate: 0.3333,
  resolutionRate: 0.3333,
  satisfactionRate: 1,
  avgReportMinutes: 765,
  p90ReportMinutes: 1500,
  avgResolveMinutes: 60,
  p90ResolveMinutes: 60,
  overdue: 2,
};
const ROW_C = {
  id: WEIJIAN,
  name: '县卫生健康局',
  received: 2,
  ...allDue(2),
  reported: 0,
  reportedInTime: 0,
  resolved: 0,
  confirmed: 0,
  rated: 0,
  satisfied: 0,
  responseRate: 0,
  resolutionRate: 0,
  satisfactionRate: null,
  avgReportMinutes: null,
  p90ReportMinutes: null,
  avgResolveMinutes: null,
  p90ResolveMinutes: null,
  overdue: 2,
};

test('per department, county-wide: exact figures, the range edges counted once, rows by most received', async () => {
  const res = await kpis('countyAdmin', 'department');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    level: 'department',
    from: '2025-02-28T16:00:00.000Z',
    to: '2025-03-31T16:00:00.000Z',
  });
  expect(res.body.rows).toEqual([ROW_A, ROW_B, ROW_C]);
  expect(res.body.total).toEqual({
    id: 'total',
    name: '合计',
    received: 15,
    ...allDue(15),
    reported: 12,
    reportedInTime: 10,
    resolved: 9,
    confirmed: 7,
    rated: 7,
    satisfied: 5,
    responseRate: 0.6667,
    resolutionRate: 0.4667,
    satisfactionRate: 0.7143,
    avgReportMinutes: 181.7,
    p90ReportMinutes: 200,
    avgResolveMinutes: 484.4,
    p90ResolveMinutes: 1500,
    overdue: 7,
  });
  expect(res.body.definitions.map((d: any) => d.label)).toEqual([
    '收到',
    '响应率',
    '解决率',
    '满意率',
    '报到用时',
    '办结用时',
    '超时',
  ]);
});

test('per street and per community', async () => {
  const street = (await kpis('countyAdmin', 'street')).body;
  expect(street.rows).toEqual([
    {
      id: CHENGGUAN,
      name: '城关街道',
      received: 2,
      ...allDue(2),
      reported: 2,
      reportedInTime: 1,
      resolved: 2,
      confirmed: 2,
      rated: 2,
      satisfied: 1,
      responseRate: 0.5,
      resolutionRate: 1,
      satisfactionRate: 0.5,
      avgReportMinutes: 52.5,
      p90ReportMinutes: 60,
      avgResolveMinutes: 350,
      p90ResolveMinutes: 600,
      overdue: 1,
    },
  ]);
  const community = (await kpis('countyAdmin', 'community')).body;
  expect(community.rows).toEqual([
    {
      id: NANMEN,
      name: '南门社区',
      received: 13,
      ...allDue(13),
      reported: 12,
      reportedInTime: 10,
      resolved: 10,
      confirmed: 8,
      rated: 8,
      satisfied: 5,
      responseRate: 0.7692,
      resolutionRate: 0.6154,
      satisfactionRate: 0.625,
      avgReportMinutes: 62.9,
      p90ReportMinutes: 90,
      avgResolveMinutes: 500,
      p90ResolveMinutes: 700,
      overdue: 5,
    },
    {
      id: XISHAN,
      name: '西山社区',
      received: 4,
      ...allDue(4),
      reported: 2,
      reportedInTime: 1,
      resolved: 1,
      confirmed: 1,
      rated: 1,
      satisfied: 1,
      responseRate: 0.25,
      resolutionRate: 0.25,
      satisfactionRate: 1,
      avgReportMinutes: 765,
      p90ReportMinutes: 1500,
      avgResolveMinutes: 60,
      p90ResolveMinutes: 60,
      overdue: 3,
    },
  ]);
});

test('scope: a department its own figures only; a street its communities’ whistles; staff their community’s', async () => {
  const own = (await kpis('department', 'department')).body;
  expect(own.rows).toEqual([ROW_A]);
  expect(own.total).toEqual({ ...ROW_A, id: 'total', name: '合计' });
  // B shares A1's whistle, yet sees only its own target of it.
  const b = (await kpis('chengguanDept', 'department')).body;
  expect(b.rows).toEqual([ROW_B]);
  expect((await kpis('department', 'street')).body.rows).toEqual([]);

  // 城关街道: whistles from 南门 (its community): A's ten and B's b1.
  const street = (await kpis('streetAdmin', 'department')).body;
  expect(street.rows.map((r: any) => [r.name, r.received, r.overdue])).toEqual([
    ['县住房和城乡建设局', 10, 3],
    ['县城市管理局', 1, 1],
  ]);
  // 西山 staff: their community only.
  const xishan = (await kpis('staff2', 'community')).body;
  expect(xishan.rows.map((r: any) => r.name)).toEqual(['西山社区']);
  expect((await kpis('staff', 'community')).body.rows.map((r: any) => [r.name, r.received])).toEqual([
    ['南门社区', 13],
  ]);
});

test('asked at the same moment, each caller still gets the figures of its own scope', async () => {
  // Identical requests share one computation; the shared key must keep scopes and departments apart.
  const [county, countyAgain, own, b, street, xishan] = await Promise.all([
    kpis('countyAdmin', 'department'),
    kpis('countyAdmin', 'department'),
    kpis('department', 'department'),
    kpis('chengguanDept', 'department'),
    kpis('streetAdmin', 'department'),
    kpis('staff2', 'community'),
  ]);
  expect(county.body.rows).toEqual([ROW_A, ROW_B, ROW_C]);
  expect(countyAgain.body).toEqual(county.body);
  expect(own.body.rows).toEqual([ROW_A]);
  expect(b.body.rows).toEqual([ROW_B]);
  expect(street.body.rows.map((r: any) => [r.name, r.received])).toEqual([
    ['县住房和城乡建设局', 10],
    ['县城市管理局', 1],
  ]);
  expect(xishan.body.rows.map((r: any) => r.name)).toEqual(['西山社区']);
});

test('a range over several months counts each month once, edges by China time', async () => {
  // 2025-02-28 00:00 to 2025-04-02 00:00 (China): the four 卫健局 whistles at both month edges are in.
  const wide = (await kpis('countyAdmin', 'department', 'from=2025-02-28&to=2025-04-01')).body;
  expect(wide.rows.find((r: any) => r.id === WEIJIAN)).toMatchObject({ received: 4 });
  expect(wide.total.received).toBe(ROW_A.received + ROW_B.received + 4);
});

test('an empty range has no rows and null rates; bad ranges are refused in Chinese', async () => {
  const empty = (await kpis('countyAdmin', 'department', 'from=2024-01-01&to=2024-01-31')).body;
  expect(empty.rows).toEqual([]);
  expect(empty.total).toMatchObject({ received: 0, responseRate: null, resolutionRate: null, avgReportMinutes: null });

  const backwards = await kpis('countyAdmin', 'department', 'from=2025-03-31&to=2025-03-01');
  expect(backwards.status).toBe(400);
  expect(backwards.body.fields).toEqual([{ path: 'query.to', message: '结束日期不能早于开始日期' }]);
  const tooLong = await kpis('countyAdmin', 'department', 'from=2023-01-01&to=2025-03-01');
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.fields[0].message).toBe('统计区间最长 366 天');
  const missing = await t.http().get('/api/v1/stats/responses').set('Authorization', auth.countyAdmin);
  expect(missing.status).toBe(400);
  expect(missing.body.fields.map((f: any) => f.path).sort()).toEqual(['query.from', 'query.to']);
  expect((await kpis('countyAdmin', 'grid')).status).toBe(400);
});

test('the overdue list: targets past a running limit now, longest overdue first, paged', async () => {
  const page1 = (await t.http().get('/api/v1/stats/overdue?pageSize=3').set('Authorization', auth.countyAdmin)).body;
  // Running limits passed now: A9 (resolve), A10 (sent back: resolve), b1 (report), b3 (resolve), C ×4 (report).
  expect(page1.total).toBe(8);
  expect(page1.items).toHaveLength(3);
  const all = (await t.http().get('/api/v1/stats/overdue?pageSize=100').set('Authorization', auth.countyAdmin)).body
    .items;
  expect(all.map((i: any) => i.dueAt)).toEqual([...all.map((i: any) => i.dueAt)].sort());
  expect(all[0]).toMatchObject({ target: { name: '县卫生健康局' }, stage: 'report' });
  expect(all.filter((i: any) => i.target.id === ZHUJIAN).map((i: any) => i.stage)).toEqual(['resolve', 'resolve']);
  expect(all.every((i: any) => i.overdueMinutes > 0)).toBe(true);
  const mine = (await t.http().get('/api/v1/stats/overdue').set('Authorization', auth.department)).body;
  expect(mine.items.map((i: any) => i.target.id)).toEqual([ZHUJIAN, ZHUJIAN]);
});

test('the shared helpers: nearest-rank percentile, average, rate', () => {
  expect(percentile([], 0.9)).toBeNull();
  expect(percentile([7], 0.9)).toBe(7);
  expect(percentile([5, 1, 4, 2, 3, 6, 8, 7, 10, 9], 0.9)).toBe(9);
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  expect(average([1, 2])).toBe(1.5);
  expect(rate(2, 3)).toBe(0.6667);
  expect(rate(1, 0)).toBeNull();
});
