import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { commitAndWait, dryRun } from './imports_support';
import { complex, grid, rosterApi } from './rosters_support';

// Complexes: moved to another grid of their community by a correction or by a re-import, a complex is
// the same node — counted once in the old-complex share (demo: 33 of 73, 45.21%) — with its buildings
// and records; a stopped complex drops out of the figures and keeps its history.
let t: TestApp;
let api: ReturnType<typeof rosterApi>;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  api = rosterApi(t);
});
afterAll(() => t.close());

const orgs = () => t.db.connection.collection('orgs');
const path = (id: string, what = '') => `/api/v1/rosters/complexes/${id}${what ? `/${what}` : ''}`;
const figures = async (account = 'countyAdmin') => {
  const c = (await api.overview(account)).complexes;
  return [c.total, c.old, c.oldShare];
};

test('moved to another grid by a correction: same node, buildings and records follow, counted once', async () => {
  expect(await figures()).toEqual([73, 33, 45.21]);
  const nanmen = await figures('staff');
  const id = complex('nanmen', '南门小区');
  const res = await api.post('staff', path(id, 'move'), { gridId: grid('nanmen', 1), reason: '网格重新划分' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id, gridName: '南门第二网格', communityName: '南门社区', buildings: 3, old: true });
  expect(await figures()).toEqual([73, 33, 45.21]);
  expect(await figures('staff')).toEqual(nanmen);

  const node = await orgs().findOne({ _id: seedId('org:complex:nanmen:南门小区') });
  expect(String(node!.parentId)).toBe(grid('nanmen', 1));
  const buildings = await orgs().find({ kind: 'building', parentId: node!._id }).toArray();
  expect(buildings).toHaveLength(3);
  for (const b of buildings)
    expect(b.ancestors.map(String)).toEqual([...node!.ancestors.map(String), String(node!._id)]);
  const needs = await t.db.connection.collection('needs').find({ 'place.complexId': node!._id }).toArray();
  expect(needs.length).toBeGreaterThan(0);
  for (const n of needs) {
    expect(String(n.place.gridId)).toBe(grid('nanmen', 1));
    expect(n.placeKeys).toContain(`grid:${grid('nanmen', 1)}`);
    expect(n.placeKeys).not.toContain(`grid:${grid('nanmen', 0)}`);
  }
  const history = await api.get('staff', path(id, 'history'));
  expect(history.body.items).toEqual([
    expect.objectContaining({
      action: 'move',
      actionLabel: '调整网格',
      changes: [{ field: 'grid', label: '网格', from: '南门第一网格', to: '南门第二网格' }],
    }),
  ]);
  // Only a grid of the same community, only the caller's complexes.
  const away = await api.post('countyAdmin', path(id, 'move'), { gridId: grid('beijie', 0), reason: '调整' });
  expect(away.status).toBe(400);
  expect(away.body.fields[0]).toMatchObject({ path: 'body.gridId', message: '请选择本社区在用的网格' });
  expect((await api.post('staff2', path(id, 'move'), { gridId: grid('nanmen', 2), reason: '调整' })).status).toBe(404);
});

test('moved by a re-import naming another grid: the dry run says so, the commit moves it, nothing doubles', async () => {
  const staff = await t.signIn('staff');
  const csv = Buffer.from(
    '小区名称,社区,网格,是否老旧小区,有无物业服务,楼栋数\n粮站家属院,南门社区,南门第三网格,是,否,2\n',
    'utf8',
  );
  const dry = await dryRun(t, staff, 'complexes', csv, 'text/csv');
  expect(dry.status).toBe(200);
  expect(dry.body.summary).toMatchObject({ new: 0, changed: 1 });
  expect(dry.body.changes).toEqual([
    { row: 2, name: '粮站家属院', fields: [{ label: '网格', from: '南门第二网格', to: '南门第三网格' }] },
  ]);
  const job = await commitAndWait(t, staff, 'complexes', dry.body.fileId);
  expect(job.job.result).toMatchObject({ changed: 1, new: 0 });
  expect(await orgs().countDocuments({ kind: 'complex', name: '粮站家属院' })).toBe(1);
  const node = await orgs().findOne({ _id: seedId('org:complex:nanmen:粮站家属院') });
  expect(String(node!.parentId)).toBe(grid('nanmen', 2));
  expect(await figures()).toEqual([73, 33, 45.21]);
  const history = await api.get('staff', path(String(node!._id), 'history'));
  expect(history.body.items).toEqual([
    expect.objectContaining({ action: 'move', via: 'import', actorName: '陈静', reason: '重新导入小区名册' }),
  ]);
  const again = await dryRun(t, staff, 'complexes', csv, 'text/csv');
  expect(again.body.summary).toMatchObject({ unchanged: 1, changed: 0 });
  expect(again.body.changes).toEqual([]);
});

test('a correction of the old flag moves the share; a complex with something on it is not stopped; an empty one drops out and can be restored', async () => {
  const id = complex('nanmen', '锦绣华庭');
  const res = await api.post('staff', path(id, 'correct'), { old: true, reason: '核实为 2000 年前建成' });
  expect(res.body.old).toBe(true);
  expect(await figures()).toEqual([73, 34, 46.58]);
  const taken = await api.post('staff', path(id, 'correct'), { name: '南门小区', reason: '改名' });
  expect(taken.status).toBe(409);

  // Buildings, residents and needs hang on it: stopping it would orphan them (merging is the tree's job).
  const refused = await api.post('staff', path(id, 'deactivate'), { reason: '与南门小区合并' });
  expect(refused.status).toBe(409);
  expect(refused.body.message).toContain('组织架构');
  expect(await figures()).toEqual([73, 34, 46.58]);

  // A complex entered by mistake, with nothing on it, stops and drops out of the figures; it can be restored.
  const county = await t.signIn('countyAdmin');
  const made = await t
    .http()
    .post('/api/v1/org/nodes')
    .set('Authorization', county)
    .send({ kind: 'complex', parentId: grid('nanmen', 0), name: '误建小区', old: true });
  expect(made.status).toBe(200);
  expect(await figures()).toEqual([74, 35, 47.3]);
  const stop = await api.post('staff', path(made.body.id, 'deactivate'), { reason: '录入错误' });
  expect(stop.body.active).toBe(false);
  expect(await figures()).toEqual([73, 34, 46.58]);
  const list = await api.get('staff', '/api/v1/rosters/complexes?active=false');
  expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([made.body.id]);
  const inUse = await api.get('staff', '/api/v1/rosters/complexes?pageSize=100');
  expect(inUse.body.items.map((c: { id: string }) => c.id)).not.toContain(made.body.id);
  expect((await api.post('staff', path(made.body.id, 'deactivate'), { reason: '再次' })).status).toBe(409);
  await api.post('staff', path(made.body.id, 'reactivate'), { reason: '其实存在' });
  expect(await figures()).toEqual([74, 35, 47.3]);
  const stopped = (await api.get('staff', path(made.body.id, 'history'))).body.items.map(
    (e: { action: string }) => e.action,
  );
  expect(stopped).toEqual(['deactivate', 'reactivate']);
  const actions = (await api.get('staff', path(id, 'history'))).body.items.map((e: { action: string }) => e.action);
  expect(actions).toEqual(['correct']);
});
