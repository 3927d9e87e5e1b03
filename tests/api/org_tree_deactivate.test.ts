import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { OrgModel } from '../../cloud/src/org/org.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { legalOrder, order } from './needs_support';
import { GRID2, LIANGZHAN, NANMEN, api, create, events, id } from './org_support';

// 停用: a place with nothing on it closes at once; one with something on it is refused (409, saying
// what is there) unless a target takes it over. Closed places stay for history but are offered to
// nobody: not in pickers, not for new records.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['streetAdmin', 'resident']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const LIANGZHAN_B1 = id('org:building:nanmen:粮站家属院:1');
const LIANGZHAN_B2 = id('org:building:nanmen:粮站家属院:2');

test('a place with something on it is refused without a target, in words that say what is there', async () => {
  await order(t, auth.resident, legalOrder({ placeId: LIANGZHAN_B1 }));
  const res = await api(t, auth.streetAdmin).post(`/nodes/${LIANGZHAN}/deactivate`, { reason: '拆迁' });
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({
    code: 'CONFLICT',
    message: '「粮站家属院」还有 2 栋楼、1 条未办结的需求，不能直接停用：请选择把这些转到哪里',
    fields: [{ path: 'body.targetId', message: '请选择转到的地方' }],
  });
  expect((await t.db.model(OrgModel).findById(LIANGZHAN).lean())!.active).not.toBe(false);
  expect(await events(t, auth.streetAdmin, LIANGZHAN)).toEqual([]);
});

test('an empty place closes at once; it stays for history and is offered to nobody', async () => {
  const building = await create(t, auth.streetAdmin, { kind: 'building', parentId: LIANGZHAN, name: '3号楼' });
  const res = await api(t, auth.streetAdmin).post(`/nodes/${building.id}/deactivate`, { reason: '录错了' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ node: { active: false }, target: null, moved: [], message: '「3号楼」已停用' });
  expect((await events(t, auth.streetAdmin, building.id)).map((e) => [e.action, e.text])).toEqual([
    ['deactivate', '周洋停用了楼栋「3号楼」'],
    ['create', '周洋新建了楼栋「3号楼」，属于「粮站家属院」'],
  ]);
  const listed = await api(t, auth.streetAdmin).get('/children', { parentId: LIANGZHAN });
  expect(listed.body.items.map((b: any) => b.name)).toEqual(['1号楼', '2号楼']);
  const all = await api(t, auth.streetAdmin).get('/children', { parentId: LIANGZHAN, includeInactive: 'true' });
  expect(all.body.items.map((b: any) => [b.name, b.active])).toEqual([
    ['1号楼', true],
    ['2号楼', true],
    ['3号楼', false],
  ]);
  const places = await t.http().get('/api/v1/places').set('Authorization', auth.resident);
  expect(places.body.buildings.map((b: any) => b.id)).not.toContain(building.id);
  const refused = await t
    .http()
    .post('/api/v1/needs')
    .set('Authorization', auth.resident)
    .send(legalOrder({ placeId: building.id }));
  expect(refused.status).toBe(400);
  // Closing it again, or editing it, is a conflict.
  expect((await api(t, auth.streetAdmin).post(`/nodes/${building.id}/deactivate`, {})).status).toBe(409);
});

test('with a target, what hangs on it goes there first; the impact names the target', async () => {
  const home = new Types.ObjectId();
  await t.db.model(UserModel).create({
    _id: home,
    name: '赵桂芳',
    roles: ['resident'],
    phone: '13912345679',
    orgId: new Types.ObjectId(LIANGZHAN_B2),
    communityId: new Types.ObjectId(NANMEN),
  });
  const impact = await api(t, auth.streetAdmin).get(`/nodes/${LIANGZHAN_B2}/impact`, { targetId: LIANGZHAN_B1 });
  expect(impact.body).toMatchObject({
    blocking: true,
    sentence: '还有 1 位居民在这里，将转到「1号楼」',
    items: [{ kind: 'residents', count: 1, text: '1 位居民' }],
  });
  const res = await api(t, auth.streetAdmin).post(`/nodes/${LIANGZHAN_B2}/deactivate`, {
    targetId: LIANGZHAN_B1,
    reason: '两栋楼合并编号',
  });
  expect(res.status).toBe(200);
  expect(res.body.message).toBe('「2号楼」已停用，内容转到「1号楼」');
  expect(res.body.moved).toEqual([{ kind: 'residents', count: 1, text: '1 位居民' }]);
  expect(String((await t.db.model(UserModel).findById(home).lean())!.orgId)).toBe(LIANGZHAN_B1);
  expect((await events(t, auth.streetAdmin, LIANGZHAN_B1))[0].text).toBe('周洋停用了楼栋「2号楼」，内容转到「1号楼」');
});

test('a whole grid closed into another: complexes, buildings and needs go along, nothing counted twice', async () => {
  const needs = await t.db.model(NeedModel).countDocuments({ placeKeys: `grid:${GRID2}` });
  expect(needs).toBe(1);
  const into = id('org:grid:nanmen:0');
  const res = await api(t, auth.streetAdmin).post(`/nodes/${GRID2}/deactivate`, { targetId: into });
  expect(res.status).toBe(200);
  // 王志强 (volunteer) lives in the grid itself, 赵桂芳 in its 1号楼.
  expect(res.body.moved.map((m: any) => m.text)).toEqual(['1 个小区', '1 栋楼', '2 位居民', '1 条未办结的需求']);
  expect(await t.db.model(NeedModel).countDocuments({ placeKeys: `grid:${GRID2}` })).toBe(0);
  expect(await t.db.model(NeedModel).countDocuments({ placeKeys: `grid:${into}` })).toBe(1);
  expect(String((await t.db.model(OrgModel).findById(LIANGZHAN).lean())!.parentId)).toBe(into);
  const grids = await t.http().get('/api/v1/grids').set('Authorization', auth.streetAdmin);
  expect(grids.body.items.map((g: any) => g.id)).not.toContain(GRID2);
});
