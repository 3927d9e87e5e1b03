import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { handWhistle } from './stats_support';
import { CHENGGUAN_DEPT, ZHUJIAN } from './whistles_support';

// The Excel export of the 三率: it opens with exceljs, has a Chinese header row, the same rows as
// the JSON, the total last, and the definitions on a second sheet.
let t: TestApp;
let county: string;
const Q = 'from=2025-03-01&to=2025-03-31&level=department';

beforeAll(async () => {
  t = await startApp(__filename);
  county = await t.signIn('countyAdmin');
  const a = (steps: any[]) => ({ kind: 'department' as const, orgId: ZHUJIAN, name: '县住房和城乡建设局', steps });
  const b = (steps: any[]) => ({ kind: 'department' as const, orgId: CHENGGUAN_DEPT, name: '县城市管理局', steps });
  await handWhistle(t, '2025-03-03T09:00:00+08:00', 'nanmen', 'urgent', [
    a([
      ['report', 30],
      ['resolve', 90],
      ['confirm', 100, 5],
    ]),
    b([['report', 150]]),
  ]);
  await handWhistle(t, '2025-03-04T09:00:00+08:00', 'nanmen', 'urgent', [a([['report', 60]])]);
});
afterAll(() => t.close());

function download(auth: string, q = Q) {
  return t
    .http()
    .get(`/api/v1/stats/responses.xlsx?${q}`)
    .set('Authorization', auth)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

async function open(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

test('the workbook parses and holds the same figures as the JSON, with a Chinese header and file name', async () => {
  const res = await download(county);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const disposition = res.headers['content-disposition'] as string;
  expect(disposition).toMatch(/^attachment; filename="response-kpis\.xlsx"; filename\*=UTF-8''/);
  expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('三率统计_职能部门_2025-03-01至2025-03-31.xlsx');

  const json = (await t.http().get(`/api/v1/stats/responses?${Q}`).set('Authorization', county)).body;
  const book = await open(res.body as Buffer);
  expect(book.worksheets.map((s) => s.name)).toEqual(['三率统计', '指标口径']);

  const sheet = book.getWorksheet('三率统计')!;
  expect(values(sheet.getRow(1))).toEqual([
    '名称',
    '收到（个）',
    '已报到（个）',
    '按时报到（个）',
    '未到报到时限（个）',
    '响应率',
    '已办结（个）',
    '办结并确认（个）',
    '未到办结时限（个）',
    '解决率',
    '评价数',
    '满意数',
    '满意率',
    '平均报到用时（分钟）',
    '九成任务报到用时（分钟）',
    '平均办结用时（分钟）',
    '九成任务办结用时（分钟）',
    '超时（个）',
  ]);
  expect(sheet.rowCount).toBe(1 + json.rows.length + 1);
  const asCells = (r: any) => [
    r.name,
    r.received,
    r.reported,
    r.reportedInTime,
    r.notDueReport,
    r.responseRate,
    r.resolved,
    r.confirmed,
    r.notDueResolve,
    r.resolutionRate,
    r.rated,
    r.satisfied,
    r.satisfactionRate ?? '—',
    r.avgReportMinutes ?? '—',
    r.p90ReportMinutes ?? '—',
    r.avgResolveMinutes ?? '—',
    r.p90ResolveMinutes ?? '—',
    r.overdue,
  ];
  expect(values(sheet.getRow(2))).toEqual(asCells(json.rows[0]));
  expect(values(sheet.getRow(2))).toEqual([
    '县住房和城乡建设局',
    2,
    2,
    2,
    0,
    1,
    1,
    1,
    0,
    0.5,
    1,
    1,
    1,
    45,
    60,
    90,
    90,
    1,
  ]);
  expect(values(sheet.getRow(3))).toEqual(asCells(json.rows[1]));
  expect(values(sheet.getRow(3))[0]).toBe('县城市管理局');
  expect(values(sheet.getRow(4))).toEqual(asCells(json.total));
  expect(values(sheet.getRow(4))[0]).toBe('合计');
  expect(sheet.getColumn(6).numFmt).toBe('0.00%');

  const notes = book.getWorksheet('指标口径')!;
  expect(values(notes.getRow(1))).toEqual(['指标', '口径']);
  const labels = notes.getColumn(1).values.slice(2);
  expect(labels).toEqual(['收到', '响应率', '解决率', '满意率', '报到用时', '办结用时', '超时', '分组', '统计期']);
  expect(String(notes.getRow(5).getCell(2).value)).toContain('4 星及以上');
  expect(String(notes.getRow(10).getCell(2).value)).toBe('2025-03-01 至 2025-03-31（按吹哨日期，北京时间）');
});

test('the export is scoped like the figures: a department gets its own row only', async () => {
  const res = await download(await t.signIn('department'));
  const sheet = (await open(res.body as Buffer)).getWorksheet('三率统计')!;
  expect(sheet.rowCount).toBe(3);
  expect(values(sheet.getRow(2))[0]).toBe('县住房和城乡建设局');
  expect(values(sheet.getRow(3))[0]).toBe('合计');
});

test('an export with bad dates is refused with the JSON error shape', async () => {
  const res = await t
    .http()
    .get('/api/v1/stats/responses.xlsx?from=2025-03-31&to=2025-03-01')
    .set('Authorization', county);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
});
