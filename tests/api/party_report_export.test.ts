import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';

// 双报告: the community evaluates each registered member once a year; the export is one workbook
// per work unit, holding that unit's members only.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

async function rows(buf: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  book.worksheets[0].eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

const binary = (res: import('supertest').Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

test('evaluating a member once per year (again = rewrite), then one export per unit with its members only', async () => {
  const staff = await t.signIn('staff');
  const reg = String(seedId('registration:2')); // 梁文涛, 县第一中学, 南门
  const evaluate = (rating: string, comment: string) =>
    t
      .http()
      .post('/api/v1/party/evaluations')
      .set('Authorization', staff)
      .send({ registrationId: reg, year, rating, comment });
  expect((await evaluate('good', '按时参加岗位服务')).status).toBe(200);
  const again = await evaluate('excellent', '全年参加文明交通引导 24 次');
  expect(again.body.evaluation).toMatchObject({ rating: 'excellent', evaluatorName: '陈静' });
  expect(
    await t.db.connection.collection('evaluations').countDocuments({ registrationId: seedId('registration:2') }),
  ).toBe(1);

  const bad = await t
    .http()
    .post('/api/v1/party/evaluations')
    .set('Authorization', staff)
    .send({ registrationId: reg, year, rating: 'great', comment: '' });
  expect(bad.status).toBe(400);
  expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.comment', 'body.rating']);
  // 西山's registration is outside 陈静's community.
  const foreign = await t
    .http()
    .post('/api/v1/party/evaluations')
    .set('Authorization', staff)
    .send({ registrationId: String(seedId('registration:6')), year, rating: 'good', comment: '表现良好' });
  expect(foreign.status).toBe(404);

  const units = await t.http().get(`/api/v1/party/report-back/units?year=${year}`).set('Authorization', staff);
  expect(units.body.items).toEqual(
    expect.arrayContaining([
      { unitId: String(seedId('unit:县人民医院')), unitName: '县人民医院', memberCount: 2, evaluatedCount: 2 },
      { unitId: String(seedId('unit:县第一中学')), unitName: '县第一中学', memberCount: 1, evaluatedCount: 1 },
    ]),
  );

  const file = await t
    .http()
    .get(`/api/v1/party/report-back/${seedId('unit:县人民医院')}/workbook?year=${year}`)
    .set('Authorization', staff)
    .buffer(true)
    .parse(binary);
  expect(file.status).toBe(200);
  expect(file.headers['content-type']).toContain('spreadsheetml');
  expect(decodeURIComponent(file.headers['content-disposition'])).toContain(`双报告_县人民医院_${year}年度.xlsx`);
  const sheet = await rows(file.body);
  expect(sheet[1]).toEqual(['序号', '姓名', '报到社区', '服务岗位', '报到日期', '评价等次', '社区评语', '评价人']);
  const people = sheet.slice(2).filter((r) => /^\d+$/.test(r[0]));
  expect(people.map((r) => r[1]).sort()).toEqual(['何志远', '罗晓梅'].sort());
  expect(people.every((r) => r[2] === '南门社区')).toBe(true);

  // The county's export of the same unit also holds 北街's member; the school's holds only its own.
  const county = await t.signIn('countyAdmin');
  const all = await t
    .http()
    .get(`/api/v1/party/report-back/${seedId('unit:县人民医院')}/workbook?year=${year}`)
    .set('Authorization', county)
    .buffer(true)
    .parse(binary);
  const allPeople = (await rows(all.body)).slice(2).filter((r) => /^\d+$/.test(r[0]));
  expect(allPeople.map((r) => r[1]).sort()).toEqual(['何志远', '唐国庆', '罗晓梅'].sort());
  expect(allPeople.find((r) => r[1] === '唐国庆')![5]).toBe('未评价');
  const school = await t
    .http()
    .get(`/api/v1/party/report-back/${seedId('unit:县第一中学')}/workbook?year=${year}`)
    .set('Authorization', staff)
    .buffer(true)
    .parse(binary);
  const schoolPeople = (await rows(school.body)).slice(2).filter((r) => /^\d+$/.test(r[0]));
  expect(schoolPeople).toEqual([
    ['1', '梁文涛', '南门社区', '文明交通引导岗', expect.any(String), '优秀', '全年参加文明交通引导 24 次', '陈静'],
  ]);
});
