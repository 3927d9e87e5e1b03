import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../support/app';
import { XLSX, dryRun, idNumber, xlsxOf } from './imports_support';

// The dry run checks every row and explains each problem in Chinese (row, column, value, message),
// counts new / changed / unchanged, and writes nothing.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('row-level errors in Chinese, a summary, and no record written', async () => {
  const staff = await t.signIn('staff');
  const good = idNumber('19850315', 17);
  const file = await xlsxOf('residents', [
    { 姓名: '张三', 身份证号: good, 手机号: '13500001111', 社区: '南门社区', 小区: '南门小区', 楼栋: '1号楼' },
    { 姓名: '李四', 身份证号: good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), 社区: '南门社区' },
    { 姓名: '', 身份证号: idNumber('19900101', 2), 社区: '南门社区' },
    { 姓名: '王五', 身份证号: idNumber('19900230', 3), 社区: '南门社区' },
    { 姓名: '赵六', 身份证号: idNumber('19700101', 4), 手机号: '1234', 社区: '南门社区' },
    { 姓名: '钱七', 身份证号: idNumber('19700101', 5), 社区: '东门社区' },
    { 姓名: '孙八', 身份证号: idNumber('19700101', 6), 社区: '南门社区', 小区: '不存在小区' },
    { 姓名: '张三', 身份证号: good, 社区: '南门社区' },
    { 姓名: '周九', 身份证号: 510123198501011000, 社区: '南门社区' },
  ]);
  const users = () => t.db.connection.collection('users').countDocuments();
  const before = await users();
  const res = await dryRun(t, staff, 'residents', file);
  expect(res.status).toBe(200);
  expect(res.body.summary).toEqual({ total: 9, new: 1, changed: 0, unchanged: 0, invalid: 8 });
  expect(res.body.errors).toEqual([
    { row: 3, column: '身份证号', value: expect.any(String), message: '身份证号校验位不对，请核对是否抄错' },
    { row: 4, column: '姓名', value: '', message: '请填写姓名' },
    { row: 5, column: '身份证号', value: expect.any(String), message: '身份证号里的出生日期不存在' },
    { row: 6, column: '手机号', value: '1234', message: '请输入 11 位手机号' },
    { row: 7, column: '社区', value: '东门社区', message: '没有名为「东门社区」的社区' },
    { row: 8, column: '小区', value: '不存在小区', message: '南门社区没有名为「不存在小区」的小区' },
    { row: 9, column: null, value: null, message: '与第 2 行是同一条记录，请删去重复的一行' },
    {
      row: 10,
      column: '身份证号',
      value: expect.any(String),
      message: '这一格被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”后重新填写',
    },
  ]);
  expect(res.body.errorCount).toBe(8);
  expect(res.body.fileId).toMatch(/^[0-9a-f]{24}$/);
  expect(await users()).toBe(before);
});

test('a file without a required column is refused at row 1; a file that is not a spreadsheet is refused', async () => {
  const staff = await t.signIn('staff');
  const book = new ExcelJS.Workbook();
  book.addWorksheet('x').addRow(['姓名', '电话']);
  const res = await dryRun(t, staff, 'residents', Buffer.from(await book.xlsx.writeBuffer()));
  expect(res.body.errors.map((e: { column: string }) => e.column)).toEqual(['身份证号', '社区']);
  expect(res.body.errors[0]).toMatchObject({ row: 1, message: '缺少“身份证号”列，请使用下载的模板' });

  const junk = await dryRun(t, staff, 'residents', Buffer.from('PK not a zip'), XLSX);
  expect(junk.status).toBe(415);
  const image = await dryRun(t, staff, 'residents', Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg');
  expect(image.status).toBe(415);
  expect(image.body.message).toBe('只能导入 .xlsx 或 .csv 文件');
});

test('each kind has a template: header with required columns marked, an example row that the import skips, notes', async () => {
  const staff = await t.signIn('staff');
  const res = await t
    .http()
    .get('/api/v1/imports/partyMembers/template')
    .set('Authorization', staff)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(decodeURIComponent(res.headers['content-disposition'])).toContain('党员导入模板.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body);
  const [sheet, notes] = book.worksheets;
  expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
    '姓名*',
    '身份证号*',
    '手机号',
    '社区*',
    '所在支部*',
    '工作状态*',
    '身体状况',
    '流动党员',
  ]);
  expect(sheet.getRow(2).getCell(1).value).toBe('刘建国');
  expect(notes.name).toBe('填写说明');
  // Uploading the untouched template: the example row is skipped, nothing to import.
  const dry = await dryRun(t, await t.signIn('staff'), 'partyMembers', res.body);
  expect(dry.body.summary).toEqual({ total: 0, new: 0, changed: 0, unchanged: 0, invalid: 0 });
  const kinds = await t.http().get('/api/v1/imports/kinds').set('Authorization', staff);
  expect(kinds.body.kinds.map((k: { label: string }) => k.label)).toEqual([
    '居民',
    '志愿者',
    '党员',
    '驻区单位',
    '社区工作人员',
    '小区',
    '往期活动',
  ]);
});
