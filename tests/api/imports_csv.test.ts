import iconv from 'iconv-lite';
import { startApp, type TestApp } from '../support/app';
import { commitAndWait, dryRun, idNumber } from './imports_support';

// CSV as Excel saves it: GBK on Chinese Windows or UTF-8 with a BOM; quoted fields; ID numbers stay text.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

const header = '姓名,身份证号,手机号,社区,学历,职务,是否两委成员';

test('a GBK CSV of staff imports with every digit of the ID number kept, and twice changes nothing', async () => {
  const staff = await t.signIn('staff');
  const ids = [idNumber('19780101', 21), idNumber('19900101', 22), idNumber('19850101', 23).slice(0, 17) + 'X'];
  const csv = [
    header,
    `王德明,${ids[0]},13800000001,南门社区,高中/中专,书记,是`,
    `"刘晓燕",${ids[1]},,南门社区,大专,"委员,兼网格员",是`,
    `张三,${ids[2]},,南门社区,博士,委员,是`,
    '',
  ].join('\r\n');
  const gbk = iconv.encode(csv, 'gbk');
  const dry = await dryRun(t, staff, 'staff', gbk, 'text/csv');
  expect(dry.status).toBe(200);
  expect(dry.body.summary).toEqual({ total: 3, new: 2, changed: 0, unchanged: 0, invalid: 1 });
  expect(dry.body.errors).toEqual([
    expect.objectContaining({ row: 4, column: '身份证号', message: '身份证号校验位不对，请核对是否抄错' }),
    expect.objectContaining({
      row: 4,
      column: '学历',
      value: '博士',
      message: expect.stringContaining('学历只能是：初中及以下'),
    }),
  ]);
  const job = await commitAndWait(t, staff, 'staff', dry.body.fileId);
  expect(job.job.result).toMatchObject({ new: 2, invalid: 1 });
  const docs = await t.db.connection.collection('staffMembers').find({}).sort({ birthDate: 1 }).toArray();
  expect(docs.map((d) => [d.name, d.birthDate, d.post, d.committee, d.education])).toEqual([
    ['王德明', '1978-01-01', '书记', true, '高中/中专'],
    ['刘晓燕', '1990-01-01', '委员,兼网格员', true, '大专'],
  ]);
  expect(JSON.stringify(docs)).not.toContain(ids[0]);

  const again = await dryRun(t, staff, 'staff', gbk, 'text/csv');
  expect(again.body.summary).toMatchObject({ new: 0, unchanged: 2 });
});

test('UTF-8 with a BOM reads the same; an application/octet-stream upload is recognised by its content', async () => {
  const staff = await t.signIn('staff');
  const csv = `\uFEFF小区名称,社区,网格,是否老旧小区,有无物业服务,楼栋数\n新华小区,南门社区,南门第一网格,是,否,3\n`;
  const dry = await dryRun(t, staff, 'complexes', Buffer.from(csv, 'utf8'), 'application/octet-stream');
  expect(dry.body.summary).toEqual({ total: 1, new: 1, changed: 0, unchanged: 0, invalid: 0 });
  await commitAndWait(t, staff, 'complexes', dry.body.fileId);
  const orgs = t.db.connection.collection('orgs');
  const complex = await orgs.findOne({ kind: 'complex', name: '新华小区' });
  expect(complex).toMatchObject({ old: true, hasProperty: false });
  expect(await orgs.countDocuments({ kind: 'building', parentId: complex!._id })).toBe(3);
  // 5 buildings now: two more are added, none duplicated; the file twice changes nothing more.
  const more = Buffer.from(csv.replace(',3\n', ',5\n'), 'utf8');
  for (let i = 0; i < 2; i++) {
    const d = await dryRun(t, staff, 'complexes', more, 'text/csv');
    await commitAndWait(t, staff, 'complexes', d.body.fileId);
  }
  expect(await orgs.countDocuments({ kind: 'building', parentId: complex!._id })).toBe(5);
  expect(await orgs.countDocuments({ kind: 'complex', name: '新华小区' })).toBe(1);
});

test('past activities and units import from CSV, keyed by title + date + community and name + street', async () => {
  const county = await t.signIn('countyAdmin');
  const acts = Buffer.from(
    '活动名称,日期,社区,服务品牌,形式,地点,内容\n文明交通引导,2025-03-15,南门社区,文明交通引导,实践服务,南门十字路口,早高峰劝导\n' +
      '党建联席会,2025-04-01,西山社区,,座谈会议,,\n未来活动,2099-01-01,西山社区,,,,\n',
    'utf8',
  );
  const dry = await dryRun(t, county, 'pastActivities', acts, 'text/csv');
  expect(dry.body.errors).toEqual([
    { row: 4, column: '日期', value: '2099-01-01', message: '往期活动的日期不能晚于今天' },
  ]);
  await commitAndWait(t, county, 'pastActivities', dry.body.fileId);
  const again = await dryRun(t, county, 'pastActivities', acts, 'text/csv');
  expect(again.body.summary).toMatchObject({ new: 0, unchanged: 2 });
  const saved = await t.db.connection.collection('activities').find({}).sort({ startsAt: 1 }).toArray();
  expect(saved.map((a) => [a.title, a.brand, a.format])).toEqual([
    ['文明交通引导', 'trafficGuide', 'service'],
    ['党建联席会', 'other', 'meeting'],
  ]);

  const units = Buffer.from(
    '单位名称,单位类别,所属街道\n县档案馆,机关,新城街道\n县人民医院,医疗卫生,城关街道\n',
    'utf8',
  );
  const u = await dryRun(t, county, 'units', units, 'text/csv');
  expect(u.body.errors).toEqual([]);
  expect(u.body.summary).toMatchObject({ new: 1, unchanged: 1 });
});
