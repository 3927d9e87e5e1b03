import { startApp, type TestApp } from '../support/app';
import { OrgEventModel } from '../../cloud/src/org/org-event.model';
import { OrgModel } from '../../cloud/src/org/org.model';
import { BEIJIE, CHENGGUAN, COUNTY, NANMEN, XINCHENG, api, create, events } from './org_support';

// Building the tree in the product: a county administrator adds a street, a community, a grid, a
// complex (old / property / location) and a building; names are unique among siblings (communities
// county-wide), even when two people add the same name at once; every change is an event.
let t: TestApp;
let county: string;
beforeAll(async () => {
  t = await startApp(__filename);
  county = await t.signIn('countyAdmin');
});
afterAll(() => t.close());

test('a county administrator builds street → community → grid → complex → building, and reads it back', async () => {
  const street = await create(t, county, { kind: 'street', parentId: COUNTY, name: '东关街道' });
  const community = await create(t, county, { kind: 'community', parentId: street.id, name: '老街社区' });
  const grid = await create(t, county, { kind: 'grid', parentId: community.id, name: '老街第一网格' });
  const complex = await create(t, county, {
    kind: 'complex',
    parentId: grid.id,
    name: '粮油厂宿舍',
    old: true,
    hasProperty: false,
    location: { lng: 104.07, lat: 30.67 },
  });
  expect(complex).toMatchObject({
    kind: 'complex',
    old: true,
    hasProperty: false,
    location: { lng: 104.07, lat: 30.67 },
  });
  for (const n of [1, 2, 10]) await create(t, county, { kind: 'building', parentId: complex.id, name: `${n}号楼` });

  const stored = await t.db.model(OrgModel).findById(complex.id).lean();
  expect(stored!.ancestors.map(String)).toEqual([COUNTY, street.id, community.id, grid.id]);

  const list = await api(t, county).get('/children', { parentId: complex.id });
  expect(list.status).toBe(200);
  expect(list.body.items.map((b: any) => b.name)).toEqual(['1号楼', '2号楼', '10号楼']);
  expect(list.body.path.map((p: any) => p.name)).toEqual(['示范县', '东关街道', '老街社区', '老街第一网格']);
  expect(list.body.canEdit).toBe(true);

  const top = await api(t, county).get('/children');
  expect(top.body.parent).toMatchObject({ kind: 'county', name: '示范县' });
  expect(top.body.items.find((s: any) => s.name === '东关街道')).toMatchObject({ childCount: 1, active: true });
  const paged = await api(t, county).get('/children', { kind: 'department', pageSize: 2, page: 2 });
  expect(paged.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
  expect(paged.body.items).toHaveLength(2);

  const detail = await api(t, county).get(`/nodes/${community.id}`);
  expect(detail.status).toBe(200);
  expect(detail.body.children).toEqual([{ kind: 'grid', count: 1 }]);
  expect(detail.body.hanging.map((h: any) => h.text)).toEqual(['1 个网格', '1 个小区', '3 栋楼']);
  expect(detail.body.canEdit).toBe(true);

  // The new community is offered to everyone at once (pickers, roster imports).
  const resident = await t.signIn('resident');
  const communities = await t.http().get('/api/v1/communities').set('Authorization', resident);
  expect(communities.body.communities.map((c: any) => c.name)).toContain('老街社区');
});

test('names are unique among siblings; community names county-wide; a retry with the same key makes one', async () => {
  const again = await api(t, county).post('/nodes', { kind: 'grid', parentId: NANMEN, name: '南门第一网格' });
  expect(again.status).toBe(409);
  expect(again.body.message).toBe('「南门社区」下已经有名为「南门第一网格」的网格，请换一个名称');
  expect(again.body.fields).toEqual([{ path: 'body.name', message: '已有同名的网格' }]);
  // Another street, same community name: refused too (rosters name communities alone).
  const twin = await api(t, county).post('/nodes', { kind: 'community', parentId: XINCHENG, name: '南门社区' });
  expect(twin.status).toBe(409);
  expect(twin.body.message).toBe('全县已经有名为「南门社区」的社区，请换一个名称');
  // The same name under another parent is fine.
  expect((await api(t, county).post('/nodes', { kind: 'grid', parentId: BEIJIE, name: '南门第一网格' })).status).toBe(
    200,
  );

  // Two administrators add the same grid at the same moment: one wins, the other is told.
  const body = { kind: 'grid', parentId: NANMEN, name: '南门第四网格' };
  const racing = await Promise.all(Array.from({ length: 6 }, () => api(t, county).post('/nodes', body)));
  expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  expect(await t.db.model(OrgModel).countDocuments({ parentId: NANMEN, name: '南门第四网格' })).toBe(1);

  // A retried request (same Idempotency-Key) answers with the first node; one node, one event.
  const send = () =>
    t
      .http()
      .post('/api/v1/org/nodes')
      .set('Authorization', county)
      .set('Idempotency-Key', 'org-create-retry-1')
      .send({ kind: 'grid', parentId: NANMEN, name: '南门第五网格' });
  const [a, b] = [await send(), await send()];
  expect(a.status).toBe(200);
  expect(b.body.id).toBe(a.body.id);
  expect(await t.db.model(OrgModel).countDocuments({ name: '南门第五网格' })).toBe(1);
  expect(await t.db.model(OrgEventModel).countDocuments({ subjectId: a.body.id })).toBe(1);
});

test('wrong parent kinds, flags on the wrong kind and bad names are 400s naming the field', async () => {
  const cases: [Record<string, unknown>, string, string][] = [
    [
      { kind: 'complex', parentId: NANMEN, name: '新小区' },
      'body.parentId',
      '小区只能建在网格下（「南门社区」是社区）',
    ],
    [{ kind: 'grid', parentId: NANMEN, name: '新网格', old: true }, 'body.old', '只有小区才有“老旧小区”和“有无物业”'],
    [{ kind: 'grid', parentId: NANMEN, name: '  ' }, 'body.name', '请填写名称'],
    [{ kind: 'grid', parentId: NANMEN, name: '一/二' }, 'body.name', '名称不能包含 / : \\ 这些符号'],
    [{ kind: 'grid', parentId: NANMEN, name: '网格'.repeat(21) }, 'body.name', '名称最多 40 个字'],
    [
      { kind: 'community', parentId: CHENGGUAN, name: '西城社区', location: { lng: 200, lat: 30 } },
      'body.location.lng',
      '经度应在 73 到 136 之间',
    ],
  ];
  for (const [body, path, message] of cases) {
    const res = await api(t, county).post('/nodes', body);
    expect([res.status, res.body.fields?.[0]]).toEqual([400, { path, message }]);
  }
});

test('rename and flag changes are events with before, after, who and why', async () => {
  const community = await create(t, county, { kind: 'community', parentId: CHENGGUAN, name: '东门社区' });
  const renamed = await api(t, county).patch(`/nodes/${community.id}`, {
    name: '东门新社区',
    reason: '民政局批复更名',
  });
  expect(renamed.status).toBe(200);
  expect(renamed.body.name).toBe('东门新社区');
  // The old name is free again.
  expect(
    (await api(t, county).post('/nodes', { kind: 'community', parentId: CHENGGUAN, name: '东门社区' })).status,
  ).toBe(200);
  // Same values again: nothing changes, nothing recorded.
  expect((await api(t, county).patch(`/nodes/${community.id}`, { name: '东门新社区' })).status).toBe(200);

  const grid = await create(t, county, { kind: 'grid', parentId: community.id, name: '东门网格' });
  const complex = await create(t, county, { kind: 'complex', parentId: grid.id, name: '新华小区' });
  expect(complex).toMatchObject({ old: false, hasProperty: false, location: null });
  const edited = await api(t, county).patch(`/nodes/${complex.id}`, {
    hasProperty: true,
    location: { lng: 104.1, lat: 30.6 },
  });
  expect(edited.body).toMatchObject({ hasProperty: true, old: false, location: { lng: 104.1, lat: 30.6 } });

  const history = await events(t, county, community.id);
  expect(history.map((e) => e.action)).toEqual(['create', 'rename', 'create']);
  expect(history[1]).toMatchObject({
    before: { name: '东门社区' },
    after: { name: '东门新社区' },
    reason: '民政局批复更名',
    text: '冯刚把社区「东门社区」改名为「东门新社区」',
  });
  const complexHistory = await events(t, county, complex.id);
  expect(complexHistory[0]).toMatchObject({
    action: 'update',
    before: { hasProperty: false, location: null },
    after: { hasProperty: true, location: { lng: 104.1, lat: 30.6 } },
    text: '冯刚修改了小区「新华小区」的有无物业、位置',
  });
  const stored = await t.db.model(OrgEventModel).findOne({ subjectId: complex.id, action: 'update' }).lean();
  expect(stored).toMatchObject({ actorName: '冯刚', actorRole: 'countyAdmin', source: 'api' });
});
