import { isoWeekOf } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { upload } from './needs_support';
import {
  GRID1,
  GRID2,
  HOUR,
  JINXIU,
  LIANGZHAN,
  NANMEN_B1,
  NANMEN_B2,
  NANMEN_COMPLEX,
  logPatrol,
  now,
  patrolBody,
  setMember,
  user,
} from './grids_support';

// A grid worker logs a patrol of their own grid with what they found; places must lie in the grid.
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  t = await startApp(__filename);
  for (const a of ['gridWorker', 'staff', 'staff2', 'resident']) auth[a] = await t.signIn(a);
});
afterAll(() => t.close());

const post = (who: string, body: Record<string, unknown>) =>
  t.http().post('/api/v1/patrols').set('Authorization', auth[who]).send(body);

test('a patrol with two findings: places, photos, GPS, labels, week and open findings come back', async () => {
  const photo = (await upload(t, auth.gridWorker)).body.id;
  const body = await patrolBody(t, {
    note: '重点看楼道和消防通道',
    findings: [
      {
        category: 'facilities',
        description: '1 号楼 3 单元楼道灯不亮',
        photos: [photo],
        location: { lat: 30.27398, lng: 120.15502 },
        placeId: NANMEN_B1,
      },
      { category: 'sanitation', description: '小区北门垃圾桶满溢' },
    ],
  });
  const res = await post('gridWorker', body);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    grid: { id: GRID1, name: '南门第一网格' },
    community: { name: '南门社区' },
    patroller: { id: user('gridWorker'), name: '赵敏' },
    startedAt: body.startedAt,
    endedAt: body.endedAt,
    week: isoWeekOf(body.startedAt as string),
    note: '重点看楼道和消防通道',
    findingCount: 2,
    openFindingCount: 2,
  });
  expect(res.body.places.map((p: any) => p.name)).toEqual(['南门小区', '南门小区 1号楼']);
  const [lamp, bins] = res.body.findings;
  expect(lamp).toMatchObject({
    category: 'facilities',
    status: 'open',
    place: { id: NANMEN_B1, kind: 'building', label: '南门小区 1号楼' },
    location: { lat: 30.27398, lng: 120.15502 },
    photos: [{ id: photo, url: `/api/v1/uploads/${photo}` }],
    reportedBy: { name: '赵敏' },
    outcome: null,
    actions: ['toNeed', 'toWhistle', 'close'],
  });
  // Without a place, a finding sits at the grid itself.
  expect(bins.place).toMatchObject({ id: GRID1, kind: 'grid', label: '南门第一网格' });

  const shown = await t.http().get(`/api/v1/patrols/${res.body.id}`).set('Authorization', auth.staff);
  expect(shown.status).toBe(200);
  expect(shown.body.findings).toHaveLength(2);
  const list = await t.http().get('/api/v1/patrol-findings?category=facilities').set('Authorization', auth.staff);
  expect(list.body.items.map((f: any) => f.id)).toEqual([lamp.id]);
});

test('only their own grid: another grid is a 404, and places or findings outside the grid are refused', async () => {
  const other = await post('gridWorker', await patrolBody(t, { gridId: GRID2, placeIds: [LIANGZHAN] }));
  expect(other.status).toBe(404);

  const outside = await post('gridWorker', await patrolBody(t, { placeIds: [NANMEN_COMPLEX, JINXIU] }));
  expect(outside.status).toBe(400);
  expect(outside.body.fields).toEqual([{ path: 'body.placeIds.1', message: '该地点不在本网格内' }]);

  const grid = await post('gridWorker', await patrolBody(t, { placeIds: [GRID1] }));
  expect(grid.body.fields).toEqual([{ path: 'body.placeIds.0', message: '该地点不在本网格内' }]);

  const finding = await post(
    'gridWorker',
    await patrolBody(t, { findings: [{ category: 'other', description: '路口积水', placeId: JINXIU }] }),
  );
  expect(finding.body.fields).toEqual([{ path: 'body.findings.0.placeId', message: '该地点不在南门第一网格内' }]);

  const notMine = (await upload(t, auth.resident)).body.id;
  const photo = await post(
    'gridWorker',
    await patrolBody(t, { findings: [{ category: 'other', description: '路口积水', photos: [notMine] }] }),
  );
  expect(photo.body.fields).toEqual([{ path: 'body.findings.0.photos.0', message: '没有找到这张照片，请重新上传' }]);
});

test('times: after the start, at most 12 hours, not in the future, at most 7 days back', async () => {
  const at = (await now(t)).getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const fields = async (startedAt: number, endedAt: number) =>
    (await post('gridWorker', await patrolBody(t, { startedAt: iso(startedAt), endedAt: iso(endedAt) }))).body.fields;
  expect(await fields(at - HOUR, at - 2 * HOUR)).toEqual([{ path: 'body.endedAt', message: '结束时间应晚于开始时间' }]);
  expect(await fields(at - 14 * HOUR, at - HOUR)).toEqual([{ path: 'body.endedAt', message: '一次巡查最长 12 小时' }]);
  expect(await fields(at + HOUR, at + 2 * HOUR)).toEqual([{ path: 'body.endedAt', message: '结束时间不能晚于现在' }]);
  expect(await fields(at - 8 * 24 * HOUR, at - 8 * 24 * HOUR + HOUR)).toEqual([
    { path: 'body.startedAt', message: '只能补记 7 天内的巡查' },
  ]);
  const bad = await post(
    'gridWorker',
    await patrolBody(t, { startedAt: '昨天', placeIds: [], findings: [{ category: 'fire' }], x: 1 }),
  );
  expect(bad.status).toBe(400);
  expect(bad.body.fields.map((f: any) => f.path).sort()).toEqual(
    ['body', 'body.findings.0.category', 'body.findings.0.description', 'body.placeIds', 'body.startedAt'].sort(),
  );
});

test('staff patrol a grid only from a seat on its team (chief or worker)', async () => {
  const body = await patrolBody(t, { gridId: GRID2, placeIds: [LIANGZHAN] });
  const before = await post('staff', body);
  expect(before.status).toBe(403);
  expect(before.body.message).toBe('只有本网格的网格员或网格长可以记录巡查');
  expect(
    (await setMember(t, auth.staff, GRID2, { position: 'chief', userId: user('staff'), duties: ['patroller'] })).status,
  ).toBe(200);
  const after = await post('staff', body);
  expect(after.status).toBe(200);
  expect(after.body.patroller.name).toBe('陈静');
  // Another community's staff do not see the grid at all.
  expect((await post('staff2', body)).status).toBe(404);
  expect((await post('resident', body)).status).toBe(403);
});

test('the patroller adds a finding afterwards; others cannot', async () => {
  const patrol = await logPatrol(t, auth.gridWorker, await patrolBody(t));
  const add = (who: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/patrols/${patrol.id}/findings`).set('Authorization', auth[who]).send(body);
  const res = await add('gridWorker', { category: 'dispute', description: '2 号楼邻里因停车争吵', placeId: NANMEN_B2 });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    patrolId: patrol.id,
    category: 'dispute',
    status: 'open',
    place: { label: '南门小区 2号楼' },
  });
  expect((await add('gridWorker', { category: 'dispute', description: '外面', placeId: JINXIU })).status).toBe(400);
  expect((await add('staff', { category: 'other', description: '补一条' })).status).toBe(403);
  expect((await add('staff2', { category: 'other', description: '补一条' })).status).toBe(404);
  const shown = await t.http().get(`/api/v1/patrols/${patrol.id}`).set('Authorization', auth.gridWorker);
  expect(shown.body.findingCount).toBe(1);
});

test('the list is newest first and filters by week and grid; a retried log with its key is one patrol', async () => {
  const body = await patrolBody(t);
  const send = () =>
    t
      .http()
      .post('/api/v1/patrols')
      .set('Authorization', auth.gridWorker)
      .set('Idempotency-Key', 'patrol-key-0001')
      .send(body);
  const first = await send();
  const again = await send();
  expect(again.body.id).toBe(first.body.id);

  const week = isoWeekOf(body.startedAt as string);
  const list = await t
    .http()
    .get(`/api/v1/patrols?week=${week}&gridId=${GRID1}&pageSize=100`)
    .set('Authorization', auth.gridWorker);
  expect(list.status).toBe(200);
  expect(list.body.items.filter((p: any) => p.id === first.body.id)).toHaveLength(1);
  expect(list.body.items.every((p: any) => p.grid.id === GRID1 && p.week === week)).toBe(true);
  const starts = list.body.items.map((p: any) => p.startedAt);
  expect([...starts].sort().reverse()).toEqual(starts);
  // The grid worker sees only their grid's patrols, even when asking for another grid.
  const other = await t.http().get(`/api/v1/patrols?gridId=${GRID2}`).set('Authorization', auth.gridWorker);
  expect(other.body.total).toBe(0);
  expect((await t.http().get('/api/v1/patrols?week=2026-W60').set('Authorization', auth.staff)).status).toBe(400);
});
