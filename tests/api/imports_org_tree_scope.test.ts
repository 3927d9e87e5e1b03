import { startApp, type TestApp } from '../support/app';
import { OrgModel } from '../../cloud/src/org/org.model';
import { commitAndWait, dryRun, xlsxOf } from './imports_support';

// Who imports the tree where: the county anywhere, a street administrator under their own street
// only (rows elsewhere are listed as problems), community staff not at all.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

const rows = [
  { 街道: '城关街道', 社区: '南门社区', 网格: '南门第四网格', 小区: '新建小区', 楼栋: '1号楼' },
  { 街道: '新城街道', 社区: '西山社区', 网格: '西山第三网格' },
  { 街道: '北关街道', 社区: '北关社区' },
  { 街道: '城关街道', 社区: '南门社区', 网格: '南门第一网格', 小区: '南门小区', 楼栋: '1号楼' },
];

test('a street administrator imports under their street; other streets and new streets are row problems', async () => {
  const street = await t.signIn('streetAdmin');
  const dry = await dryRun(t, street, 'orgTree', await xlsxOf('orgTree', rows));
  expect(dry.status).toBe(200);
  expect(dry.body.summary).toEqual({ total: 4, new: 1, changed: 0, unchanged: 1, invalid: 2 });
  expect(dry.body.errors.map((e: any) => [e.row, e.column, e.message])).toEqual([
    [3, '街道', '不能导入到「新城街道」：不在您管辖的范围内'],
    [4, '街道', '没有名为「北关街道」的街道；新街道请县级管理员添加'],
  ]);
  await commitAndWait(t, street, 'orgTree', dry.body.fileId);
  expect(await t.db.model(OrgModel).countDocuments({ name: { $in: ['南门第四网格', '新建小区'] } })).toBe(2);
  expect(await t.db.model(OrgModel).countDocuments({ name: { $in: ['西山第三网格', '北关街道'] } })).toBe(0);
});

test('the county imports everywhere, new streets included; community staff are refused', async () => {
  const county = await t.signIn('countyAdmin');
  const dry = await dryRun(t, county, 'orgTree', await xlsxOf('orgTree', rows));
  expect(dry.body.summary).toEqual({ total: 4, new: 2, changed: 0, unchanged: 2, invalid: 0 });
  const staff = await t.signIn('staff');
  const refused = await dryRun(t, staff, 'orgTree', await xlsxOf('orgTree', rows));
  expect(refused.status).toBe(403);
  expect(refused.body.message).toBe('组织架构只能由县级或街道管理员导入');
  const kinds = await t.http().get('/api/v1/imports/kinds').set('Authorization', county);
  expect(kinds.body.kinds.find((k: any) => k.kind === 'orgTree')).toMatchObject({
    label: '组织架构',
    columns: expect.arrayContaining([expect.objectContaining({ header: '街道', required: true })]),
  });
  const template = await t.http().get('/api/v1/imports/orgTree/template').set('Authorization', county);
  expect(template.status).toBe(200);
});
