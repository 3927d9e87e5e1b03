import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { localDateOf, parseSheetDate } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { XLSX, commitAndWait, dryRun } from './imports_support';

// Dates as Chinese Windows' Excel writes them (2026/3/15), as people type them, and as Excel's date
// cells: every form is read as the same day; anything else gets a message naming the accepted forms.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

const serialOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;

test('the shared reader: each accepted form, and what it refuses', () => {
  for (const v of ['2026/3/15', '2026-03-15', '2026-3-15', '2026.3.15', '20260315', '2026年3月15日', ' 2026/03/15 '])
    expect([v, parseSheetDate(v)]).toEqual([v, '2026-03-15']);
  expect(parseSheetDate(String(serialOf('2026-03-15')))).toBe('2026-03-15');
  for (const v of ['2026/2/30', '15/3/2026', '2026/13/1', '3月15日', '2026', '123', 'abc', ''])
    expect([v, parseSheetDate(v)]).toEqual([v, null]);
});

test('a GBK CSV with 2025/3/15-style dates imports every row on the right day; a bad date is named', async () => {
  const county = await t.signIn('countyAdmin');
  const forms = ['2025/3/15', '2025-03-16', '2025.3.17', '20250318', '2025年3月19日', String(serialOf('2025-03-20'))];
  const csv = [
    '活动名称,日期,社区,服务品牌,形式,地点,内容',
    ...forms.map((d, i) => `活动${i + 1},${d},南门社区,,,,`),
    '活动7,2025/2/30,南门社区,,,,',
    '活动8,15/3/2025,南门社区,,,,',
    '',
  ].join('\r\n');
  const dry = await dryRun(t, county, 'pastActivities', iconv.encode(csv, 'gbk'), 'text/csv');
  expect(dry.status).toBe(200);
  expect(dry.body.summary).toMatchObject({ total: 8, new: 6, invalid: 2 });
  expect(dry.body.errors).toEqual([
    {
      row: 8,
      column: '日期',
      value: '2025/2/30',
      message: '日期「2025/2/30」看不懂或不存在，请写成 2026-03-15、2026/3/15、2026.3.15 或 20260315',
    },
    expect.objectContaining({ row: 9, column: '日期', value: '15/3/2025' }),
  ]);
  await commitAndWait(t, county, 'pastActivities', dry.body.fileId);
  const saved = await t.db.connection.collection('activities').find({}).sort({ startsAt: 1 }).toArray();
  expect(saved.map((a) => [a.title, localDateOf(a.startsAt)])).toEqual(
    forms.map((_, i) => [`活动${i + 1}`, `2025-03-${15 + i}`]),
  );
  // The same file again changes nothing.
  const again = await dryRun(t, county, 'pastActivities', iconv.encode(csv, 'gbk'), 'text/csv');
  expect(again.body.summary).toMatchObject({ new: 0, unchanged: 6 });
});

test('an .xlsx with real date cells, a date typed as text and a bare serial number reads the same days', async () => {
  const staff = await t.signIn('staff');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('往期活动');
  sheet.addRow(['活动名称', '日期', '社区']);
  sheet.addRow(['日期格子', new Date(Date.UTC(2025, 3, 1)), '南门社区']);
  sheet.getCell('B2').numFmt = 'yyyy/m/d';
  sheet.addRow(['文本日期', '2025/4/2', '南门社区']);
  sheet.addRow(['序号日期', serialOf('2025-04-03'), '南门社区']);
  const dry = await dryRun(t, staff, 'pastActivities', Buffer.from(await book.xlsx.writeBuffer()), XLSX);
  expect(dry.body.errors).toEqual([]);
  expect(dry.body.summary).toMatchObject({ new: 3 });
  await commitAndWait(t, staff, 'pastActivities', dry.body.fileId);
  const saved = await t.db.connection
    .collection('activities')
    .find({ title: { $in: ['日期格子', '文本日期', '序号日期'] } })
    .sort({ startsAt: 1 })
    .toArray();
  expect(saved.map((a) => localDateOf(a.startsAt))).toEqual(['2025-04-01', '2025-04-02', '2025-04-03']);
});
