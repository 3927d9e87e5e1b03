import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { AS_OF, addActivities, addBranch, addMembers, addStaff, bornAged, community } from './stats_dashboard_support';

// The 数据看板's Excel export: one sheet per figure with Chinese headers, the same figures as the
// JSON, scoped like it. Dataset: 南门 — a branch of 51 (30 aged 50+, 17 mobile) and one of 12;
// 3 committee members aged 35/45/55 (大专, 本科, 初中及以下); brands trafficGuide 2, legalAid 1.
// 西山 — a branch of 7 whose rows carry ObjectId ids (an import may write them so): counted too.
let t: TestApp;
let staff: string;
let county: string;
const NANMEN = community('nanmen');
const XISHAN = community('xishan');

beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
  county = await t.signIn('countyAdmin');
  const big = await addBranch(t, '南门社区第一党支部', NANMEN);
  await addMembers(
    t,
    big,
    { count: 30, placeId: NANMEN, age: 60 },
    { count: 17, placeId: NANMEN, age: 30, mobile: true },
    { count: 4, placeId: NANMEN, age: 40 },
  );
  const small = await addBranch(t, '南门社区第二党支部', NANMEN);
  await addMembers(t, small, { count: 12, placeId: NANMEN, age: 45 });
  await addStaff(t, NANMEN, [
    { age: 35, education: '大专' },
    { age: 45, education: '本科' },
    { age: 55, education: '初中及以下' },
  ]);
  await addActivities(t, 2, { community: 'nanmen', brand: 'trafficGuide' });
  await addActivities(t, 1, { community: 'nanmen', brand: 'legalAid' });

  const branch = await t.db.connection
    .collection('branches')
    .insertOne({ name: '西山社区党支部', placeId: new Types.ObjectId(XISHAN), unitId: null });
  await t.db.connection.collection('partyMembers').insertMany(
    Array.from({ length: 7 }, () => ({
      branchId: branch.insertedId,
      placeId: new Types.ObjectId(XISHAN),
      birthDate: bornAged(52),
      mobile: false,
      category: 'A',
      active: true,
    })),
  );
});
afterAll(() => t.close());

function download(auth: string) {
  return t
    .http()
    .get(`/api/v1/stats/overview.xlsx?asOf=${AS_OF}`)
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
const rows = (sheet: ExcelJS.Worksheet) =>
  Array.from({ length: sheet.rowCount }, (_, i) => values(sheet.getRow(i + 1)));

test('community staff download their dashboard: one sheet per figure, the JSON’s figures', async () => {
  const res = await download(staff);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const disposition = res.headers['content-disposition'] as string;
  expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`数据看板_南门社区_${AS_OF}.xlsx`);

  const book = await open(res.body as Buffer);
  expect(book.worksheets.map((s) => s.name)).toEqual([
    '党支部规模',
    '党支部规模汇总',
    '党员结构',
    '老旧小区',
    '两委人员',
    '志愿服务品牌',
    '联建活动形式',
    '驻区单位参与度',
    '需求类别',
    '需求状态',
    '指标口径',
  ]);
  expect(rows(book.getWorksheet('党支部规模')!)).toEqual([
    ['党支部', '所在社区/街道', '党员人数', '超过50人'],
    ['南门社区第一党支部', '南门社区', 51, '是'],
    ['南门社区第二党支部', '南门社区', 12, '否'],
  ]);
  const summary = rows(book.getWorksheet('党支部规模汇总')!);
  expect(summary[2].slice(0, 3)).toEqual(['超过50人的党支部', 1, 50]);
  expect(summary[2][3]).toContain('党支部党员人数一般不超过50人');
  // 63 members: 30 aged 50+ → 47.62%; 17 mobile → 26.98%.
  expect(rows(book.getWorksheet('党员结构')!).slice(0, 4)).toEqual([
    ['项目', '数量', '占比（%）'],
    ['在册党员', 63, '—'],
    ['50岁以上党员', 30, 47.62],
    ['流动党员', 17, 26.98],
  ]);
  expect(rows(book.getWorksheet('老旧小区')!)[1]).toEqual(['小区总数', 3, '—']);
  expect(rows(book.getWorksheet('老旧小区')!)[2]).toEqual(['老旧小区', 2, 66.67]);
  // 3 staff: average (35+45+55)/3 = 45.0; 40+: 2 → 66.67%; 专科及以下 2 → 66.67%.
  expect(rows(book.getWorksheet('两委人员')!).slice(1, 5)).toEqual([
    ['“两委”人员', 3, '—'],
    ['平均年龄（岁）', 45, '—'],
    ['40岁以上', 2, 66.67],
    ['专科及以下学历', 2, 66.67],
  ]);
  expect(rows(book.getWorksheet('志愿服务品牌')!)).toEqual([
    ['服务品牌', '活动数', '占比（%）'],
    ['文明交通引导', 2, 66.67],
    ['法律援助进社区', 1, 33.33],
    ['合计', 3, 100],
    ['提示', '“文明交通引导”占全部志愿服务活动的 66.67%，超过一半：活动形式单一，覆盖领域和范围偏窄'],
  ]);
  expect(rows(book.getWorksheet('联建活动形式')!)[3]).toEqual(['合计', 0, '—']);
  expect(rows(book.getWorksheet('驻区单位参与度')!)[0]).toEqual([
    '排名',
    '驻区单位',
    '组织活动（次）',
    '人员认领名额（个）',
    '参与度',
  ]);
  expect(book.getWorksheet('驻区单位参与度')!.rowCount).toBe(1 + 6);
  const notes = rows(book.getWorksheet('指标口径')!);
  expect(notes[0]).toEqual(['指标', '口径']);
  expect(notes.map((r) => r[0])).toContain('党员结构');
  expect(notes.at(-1)).toEqual(['参考日期', AS_OF]);

  // The same figures as the JSON.
  const json = (await t.http().get(`/api/v1/stats/overview?asOf=${AS_OF}`).set('Authorization', staff)).body;
  expect(json.partyMembers.aged50PlusShare).toBe(47.62);
  expect(json.brands.items.map((b: any) => b.share)).toEqual([66.67, 33.33]);
});

test('the county export counts roster rows stored with ObjectId ids as well', async () => {
  const book = await open((await download(county)).body as Buffer);
  const branches = rows(book.getWorksheet('党支部规模')!);
  expect(branches).toContainEqual(['西山社区党支部', '西山社区', 7, '否']);
  // 63 + 7 = 70 members, 37 aged 50+ → 52.86%.
  expect(rows(book.getWorksheet('党员结构')!)[2]).toEqual(['50岁以上党员', 37, 52.86]);
});
