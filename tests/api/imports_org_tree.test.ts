import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { SetupService } from '../../cloud/src/grants/setup.service';
import { Principals } from '../../cloud/src/grants/principals';
import { OrgEventModel } from '../../cloud/src/org/org-event.model';
import { OrgModel, type Org } from '../../cloud/src/org/org.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { commitAndWait, dryRun, idNumber, xlsxOf } from './imports_support';

// Going live from empty: the first county administrator (setup code) imports the whole tree from
// one CSV — 2 streets, 13 communities with grids, complexes and buildings — then the rosters that
// name those places import as usual. The same file again changes nothing; a complex named under
// another grid is moved there (one complex, its buildings along).
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'org-tree-2-streets.csv');
let t: TestApp;
let wx: FakeWechat;
let county: string;
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, {
    SEED_DEMO: 'off',
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
  });
  const login = await t.http().post('/api/v1/auth/wx-login').send({ code: 'ok:openid-first-admin' });
  county = `Bearer ${login.body.token}`;
  const setup = await (await t.get(SetupService)).announce();
  const claim = await t
    .http()
    .post('/api/v1/setup/claim')
    .set('Authorization', county)
    .send({ code: setup!.code, countyName: '清河县', name: '马林' });
  expect(claim.status).toBe(200);
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

const orgs = () => t.db.model(OrgModel);
const count = (kind: string) => orgs().countDocuments({ kind, active: { $ne: false } });

test('the fixture goes in whole, once; the same file again changes nothing', async () => {
  const file = fs.readFileSync(FIXTURE);
  const dry = await dryRun(t, county, 'orgTree', file, 'text/csv');
  expect(dry.status).toBe(200);
  expect(dry.body.errors).toEqual([]);
  expect(dry.body.summary).toEqual({ total: 73, new: 73, changed: 0, unchanged: 0, invalid: 0 });
  expect(await count('street')).toBe(0);

  const { job } = await commitAndWait(t, county, 'orgTree', dry.body.fileId);
  expect(job).toMatchObject({ status: 'done', result: { new: 73, invalid: 0 } });
  expect([await count('street'), await count('community'), await count('grid')]).toEqual([2, 13, 24]);
  expect(await count('complex')).toBe(36);
  expect(await count('building')).toBe(72);
  const complex = await orgs().findOne({ kind: 'complex', name: '幸福家园' }).lean<Org>();
  expect(complex).toMatchObject({ old: true, hasProperty: false, location: { lng: 104.056, lat: 30.654 } });
  const events = await t.db.model(OrgEventModel).countDocuments({ source: 'import', action: 'create' });
  expect(events).toBe(2 + 13 + 24 + 36 + 72);

  // The tree browser shows it at once.
  const top = await t.http().get('/api/v1/org/children').set('Authorization', county);
  expect(top.body.items.map((s: any) => [s.name, s.childCount])).toEqual([
    ['东城街道', 7],
    ['西城街道', 6],
  ]);

  const again = await dryRun(t, county, 'orgTree', file, 'text/csv');
  expect(again.body.summary).toEqual({ total: 73, new: 0, changed: 0, unchanged: 73, invalid: 0 });
  const repeat = await commitAndWait(t, county, 'orgTree', again.body.fileId);
  expect(repeat.job.result).toMatchObject({ new: 0, changed: 0, unchanged: 73 });
  expect(await orgs().countDocuments()).toBe(1 + 2 + 13 + 24 + 36 + 72);
  expect(await t.db.model(OrgEventModel).countDocuments()).toBe(events);
});

test('a GBK CSV moving a complex to another grid moves it (not a copy) and adds what is new', async () => {
  const before = await orgs().findOne({ kind: 'complex', name: '粮站宿舍' }).lean<Org>();
  const csv = [
    '街道,社区,网格,小区,楼栋,老旧小区,有物业,经度,纬度',
    '东城街道,文昌社区,文昌第一网格,粮站宿舍,1号楼,,,,',
    '东城街道,文昌社区,文昌第一网格,粮站宿舍,4号楼,是,否,,',
    '东城街道,文昌社区,文昌第三网格,,,,,,',
    '',
  ].join('\r\n');
  const dry = await dryRun(t, county, 'orgTree', iconv.encode(csv, 'gbk'), 'text/csv');
  expect(dry.body.errors).toEqual([]);
  expect(dry.body.summary).toEqual({ total: 3, new: 2, changed: 1, unchanged: 0, invalid: 0 });
  await commitAndWait(t, county, 'orgTree', dry.body.fileId);

  const after = await orgs().find({ kind: 'complex', name: '粮站宿舍' }).lean<Org[]>();
  const wenchang = await orgs().findOne({ name: '文昌社区' }).lean<Org>();
  const mine = after.filter((c) => c.ancestors.some((a) => a.equals(wenchang!._id)));
  expect(mine).toHaveLength(1);
  expect(mine[0]._id).toEqual(before!._id);
  const grid = await orgs().findById(mine[0].parentId).lean<Org>();
  expect(grid!.name).toBe('文昌第一网格');
  // The fixture said 否 / 是; this file says 是 / 否.
  expect(mine[0]).toMatchObject({ old: true, hasProperty: false });
  const buildings = await orgs().find({ parentId: mine[0]._id }).lean<Org[]>();
  expect(buildings.map((b) => b.name).sort()).toEqual(['1号楼', '4号楼']);
  expect(buildings.every((b) => b.ancestors.some((a) => a.equals(grid!._id)))).toBe(true);
  const moves = await t.db
    .model(OrgEventModel)
    .find({ subjectId: mine[0]._id, action: { $in: ['move', 'update'] } })
    .lean();
  expect(moves.map((e) => e.action).sort()).toEqual(['move', 'update']);
});

test('problems are listed row by row, and nothing of a bad row is written', async () => {
  const rows = await xlsxOf('orgTree', [
    { 街道: '东城街道', 社区: '玉泉社区', 网格: '玉泉第一网格' },
    { 街道: '东城街道', 社区: '新河社区', 楼栋: '1号楼' },
    { 街道: '东城街道', 社区: '新河社区', 网格: '新河网格', 小区: '新河苑', 经度: '104.1' },
    { 街道: '东城街道', 社区: '新河社区', 网格: '新河网格', 小区: '新河苑', 老旧小区: '也许' },
    { 街道: '东城街道', 社区: '新河社区', 网格: '新河一网格', 小区: '河畔', 楼栋: '1号楼' },
    { 街道: '东城街道', 社区: '新河社区', 网格: '新河二网格', 小区: '河畔', 楼栋: '2号楼' },
  ]);
  const dry = await dryRun(t, county, 'orgTree', rows);
  expect(dry.body.errors.map((e: any) => [e.row, e.column, e.message])).toEqual([
    [2, '社区', '「玉泉社区」属于「西城街道」，不在「东城街道」；要调整归属请到组织架构里移动'],
    [3, '小区', '填写楼栋时请同时填写它所在的小区'],
    [4, '纬度', '经度和纬度请一起填写'],
    [5, '老旧小区', '老旧小区请填“是”或“否”'],
    [7, '网格', '前面的行把「河畔」写在「新河一网格」，这里是「新河二网格」'],
  ]);
  expect(dry.body.summary).toMatchObject({ total: 6, new: 1, invalid: 5 });
});

test('after the tree, the rosters import into it: residents, volunteers, party members, staff, complexes', async () => {
  const me = await t.http().get('/api/v1/me').set('Authorization', county);
  // The 党务 duty lets the administrator keep party rosters (given outside this area).
  await t.db.model(UserModel).updateOne({ _id: new Types.ObjectId(me.body.id) }, { $set: { duties: ['partyWork'] } });
  await (await t.get(Principals)).changed(me.body.id);
  const person = (n: number) => ({
    姓名: `居民${n}`,
    身份证号: idNumber('19600101', n),
    手机号: `1350000000${n}`,
    社区: '文昌社区',
  });
  const files = {
    residents: [{ ...person(1), 小区: '幸福家园', 楼栋: '2号楼' }],
    volunteers: [{ ...person(2), 小区: '阳光小区' }],
    partyMembers: [{ ...person(3), 所在支部: '文昌社区党支部', 工作状态: '在职' }],
    staff: [{ ...person(4), 学历: '大专', 职务: '主任', 是否两委成员: '是' }],
    complexes: [{ 小区名称: '学府花园', 社区: '西关社区', 网格: '西关第一网格', 是否老旧小区: '否', 楼栋数: '2' }],
  } as const;
  for (const [kind, rows] of Object.entries(files)) {
    const dry = await dryRun(t, county, kind as never, await xlsxOf(kind as never, rows as never));
    expect([kind, dry.status, dry.body.errors]).toEqual([kind, 200, []]);
    const { job } = await commitAndWait(t, county, kind as never, dry.body.fileId);
    expect([kind, job.status, job.result.new]).toEqual([kind, 'done', 1]);
  }
  const resident = await t.db.model(UserModel).findOne({ name: '居民1' }).lean();
  const building = await orgs().findById(resident!.orgId).lean<Org>();
  expect(building!.name).toBe('2号楼');
  expect(
    await orgs().countDocuments({
      kind: 'building',
      ancestors: (await orgs().findOne({ name: '学府花园' }).lean<Org>())!._id,
    }),
  ).toBe(2);
});
