import { Types } from 'mongoose';
import { FindingConversionModel } from '../../cloud/src/grids/finding-conversion.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { startApp, type TestApp } from '../support/app';
import { upload } from './needs_support';
import { GRID1, NANMEN_B1, NANMEN_B2, NANMEN_COMPLEX, id, logPatrol, patrolBody, user } from './grids_support';

// A finding becomes a need (on behalf of residents) or a whistle in one step, once: two clicks make one need.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['gridWorker', 'staff', 'staff2', 'department']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

/** Logs a patrol with one finding by the grid worker and returns the finding. */
async function finding(extra: Record<string, unknown> = {}) {
  const patrol = await logPatrol(
    t,
    auth.gridWorker,
    await patrolBody(t, {
      findings: [{ category: 'facilities', description: '1 号楼楼道灯不亮', placeId: NANMEN_B1, ...extra }],
    }),
  );
  return patrol.findings[0] as { id: string } & Record<string, any>;
}

const convert = (who: string, findingId: string, body: Record<string, unknown> = {}, kind = 'to-need') =>
  t.http().post(`/api/v1/patrol-findings/${findingId}/${kind}`).set('Authorization', auth[who]).send(body);

const needOf = (needId: string, who = 'staff') =>
  t.http().get(`/api/v1/needs/${needId}`).set('Authorization', auth[who]);

test('one step to a need: the finding’s words, place and photos, ordered by the grid worker for a resident', async () => {
  const photo = (await upload(t, auth.gridWorker)).body.id;
  const f = await finding({ photos: [photo] });
  const res = await convert('gridWorker', f.id, { onBehalfOf: { name: '王桂芳', phone: '13912345678' } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    id: f.id,
    status: 'converted',
    outcome: { kind: 'need', by: { id: user('gridWorker'), name: '赵敏' }, note: null },
    actions: ['close'],
  });
  const need = await needOf(res.body.outcome.targetId);
  expect(need.status).toBe(200);
  expect(need.body).toMatchObject({
    status: 'submitted',
    // 设施 maps to 其他: ordered in the finding's own words.
    categoryCode: 'other',
    title: '巡查发现：设施问题',
    description: '1 号楼楼道灯不亮',
    owner: { id: user('gridWorker'), name: '赵敏' },
    place: { gridId: GRID1, buildingId: NANMEN_B1, label: '南门小区 1号楼' },
    photos: [{ id: photo, url: `/api/v1/uploads/${photo}` }],
    onBehalfOf: { name: '王桂芳', phone: '139****5678' },
  });
  // The finding shows where it went, in lists too.
  const list = await t.http().get('/api/v1/patrol-findings?status=converted').set('Authorization', auth.staff);
  expect(list.body.items.map((x: any) => x.id)).toContain(f.id);
});

test('the category picks the menu item: 矛盾纠纷 → the first 法律援助 item that needs no extra answers', async () => {
  const f = await finding({ category: 'dispute', description: '2 号楼邻里因漏水纠纷', placeId: NANMEN_B2 });
  const res = await convert('gridWorker', f.id);
  const need = await needOf(res.body.outcome.targetId);
  expect(need.body).toMatchObject({
    categoryCode: 'legalAid',
    menuItem: { id: id('menu:legal-aid-apply'), name: '法律援助申请协助' },
  });
  // A named item with its answers, when the worker picks one.
  const g = await finding({ category: 'dispute', description: '劳务纠纷想咨询' });
  const picked = await convert('gridWorker', g.id, {
    menuItemId: id('menu:legal-consult'),
    answers: { topic: 'labour', way: 'phone' },
    description: '居民想咨询被拖欠工资怎么办',
  });
  expect(picked.status).toBe(200);
  const n = await needOf(picked.body.outcome.targetId);
  expect(n.body).toMatchObject({
    title: '法律咨询',
    description: '居民想咨询被拖欠工资怎么办',
    answers: { topic: 'labour' },
  });
});

test('two clicks at once make one need; a later click shows the same need', async () => {
  const f = await finding({ description: '楼道灯（双击测试）' });
  const [a, b] = await Promise.all([convert('gridWorker', f.id), convert('staff', f.id)]);
  const ok = [a, b].filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  for (const r of [a, b]) {
    if (r.status !== 200) expect(r.body.code).toBe('CONFLICT');
  }
  expect(await t.db.model(NeedModel).countDocuments({ description: '楼道灯（双击测试）' })).toBe(1);
  const later = await convert('gridWorker', f.id);
  expect(later.status).toBe(200);
  expect(later.body.outcome.targetId).toBe(ok[0].body.outcome.targetId);
  expect(await t.db.model(NeedModel).countDocuments({ description: '楼道灯（双击测试）' })).toBe(1);
});

test('staff convert a grid worker’s finding: the need is still the finder’s (their photos, their grid)', async () => {
  const f = await finding({ description: '路灯杆倾斜' });
  const res = await convert('staff', f.id, { placeId: NANMEN_COMPLEX });
  expect(res.status).toBe(200);
  expect(res.body.outcome.by.name).toBe('陈静');
  const need = await needOf(res.body.outcome.targetId);
  expect(need.body.owner.name).toBe('赵敏');
  expect(need.body.place.label).toBe('南门小区');
  // Another community's staff do not see the finding; departments may not convert.
  expect((await convert('staff2', f.id)).status).toBe(404);
  expect((await convert('department', f.id)).status).toBe(403);
});

test('a finding without a complex needs one chosen; a failed order leaves it open for another try', async () => {
  const f = await finding({ placeId: undefined, description: '主干道井盖松动' });
  const noPlace = await convert('gridWorker', f.id);
  expect(noPlace.status).toBe(400);
  expect(noPlace.body.fields).toEqual([{ path: 'body.placeId', message: '这条发现没有具体小区，请选择小区或楼栋' }]);
  const outside = await convert('gridWorker', f.id, { placeId: id('org:complex:nanmen:锦绣华庭') });
  expect(outside.body.fields).toEqual([{ path: 'body.placeId', message: '请选择本网格内的小区或楼栋' }]);
  // 西山's own menu item is not offered in 南门: the needs area refuses, nothing is kept.
  const wrongItem = await convert('gridWorker', f.id, { placeId: NANMEN_B1, menuItemId: id('menu:repair-circuit') });
  expect(wrongItem.status).toBe(400);
  expect(wrongItem.body.fields[0]).toEqual({ path: 'body.menuItemId', message: '本社区没有这个服务项目' });
  expect((await t.http().get(`/api/v1/patrol-findings/${f.id}`).set('Authorization', auth.staff)).body.status).toBe(
    'open',
  );
  const ok = await convert('gridWorker', f.id, { placeId: NANMEN_B1 });
  expect(ok.status).toBe(200);
});

test('open → handled on the spot (closed) cannot be converted; converted → closed once its need is dealt with', async () => {
  const close = (findingId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/patrol-findings/${findingId}/close`).set('Authorization', auth.gridWorker).send(body);
  const onSpot = await finding({ description: '消防通道堆放杂物' });
  expect((await close(onSpot.id, {})).body.fields[0].message).toBe('请写明处置结果');
  const closed = await close(onSpot.id, { note: '已联系物业当场清理' });
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({
    status: 'closed',
    outcome: { kind: 'onSite', targetId: null, note: '已联系物业当场清理' },
    closeNote: '已联系物业当场清理',
    actions: [],
  });
  const late = await convert('gridWorker', onSpot.id);
  expect(late.status).toBe(409);
  expect(late.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '这条发现已现场处置，不能再转办' });
  expect((await close(onSpot.id, { note: '再关一次' })).status).toBe(409);

  const f = await finding({ description: '单元门禁损坏' });
  await convert('gridWorker', f.id);
  const done = await close(f.id, { note: '需求已办结，门禁已修好' });
  expect(done.body).toMatchObject({ status: 'closed', outcome: { kind: 'need' }, closeNote: '需求已办结，门禁已修好' });
});

test('one step to a whistle: blown from the grid to a department, about the finding; then no need can follow', async () => {
  const f = await finding({ category: 'facilities', description: '窨井盖破损，有人踩空' });
  const dept = id('org:department:县住房和城乡建设局');
  const res = await convert(
    'gridWorker',
    f.id,
    { type: 'govToDepartment', urgency: 'urgent', targets: [{ kind: 'department', orgId: dept }] },
    'to-whistle',
  );
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'converted', outcome: { kind: 'whistle' } });
  const whistle = await t
    .http()
    .get(`/api/v1/whistles/${res.body.outcome.targetId}`)
    .set('Authorization', auth.department);
  expect(whistle.status).toBe(200);
  expect(whistle.body).toMatchObject({
    type: 'govToDepartment',
    urgency: 'urgent',
    category: 'facilities',
    title: '设施：窨井盖破损，有人踩空',
    subject: { kind: 'finding', id: f.id },
    origin: { kind: 'grid', id: GRID1 },
  });
  expect(whistle.body.targets.map((x: any) => x.id)).toEqual([dept]);

  const asNeed = await convert('gridWorker', f.id);
  expect(asNeed.status).toBe(409);
  expect(asNeed.body.message).toBe('这条发现已吹哨报到，不能再转办');
  // A whistle the whistles area refuses (a department type without a department) leaves the finding open.
  const g = await finding({ description: '占道经营' });
  const bad = await convert('gridWorker', g.id, { type: 'govToDepartment' }, 'to-whistle');
  expect(bad.status).toBe(400);
  expect(bad.body.fields[0].path).toBe('body.targets');
  const street = await convert('gridWorker', g.id, { type: 'communityToStreet' }, 'to-whistle');
  expect(street.status).toBe(200);
});

test('a claim left unfinished by a crash blocks for two minutes, then the next click takes it over', async () => {
  const f = await finding({ description: '崩溃测试：楼顶水箱漏水' });
  const claims = t.db.model(FindingConversionModel);
  const pending = {
    _id: new Types.ObjectId(f.id),
    kind: 'need',
    targetId: null,
    done: false,
    by: new Types.ObjectId(user('staff')),
    note: null,
  };
  await claims.create({ ...pending, at: new Date() });
  const busy = await convert('gridWorker', f.id);
  expect(busy.status).toBe(409);
  expect(busy.body).toMatchObject({ code: 'CONFLICT', message: '这条发现正在转办，请稍候刷新' });

  await claims.deleteOne({ _id: pending._id });
  await claims.create({ ...pending, at: new Date(Date.now() - 3 * 60_000) });
  const taken = await convert('gridWorker', f.id);
  expect(taken.status).toBe(200);
  expect(taken.body.outcome.by.name).toBe('赵敏');
  expect(await t.db.model(NeedModel).countDocuments({ description: '崩溃测试：楼顶水箱漏水' })).toBe(1);
});
