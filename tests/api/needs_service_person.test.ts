import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { act, upload } from './needs_support';
import { seedDemoResources } from './resources_support';
import { LIU, dispatchedToLiu, messagesOf, residentLines, serving } from './needs_service_person_support';

// 待我服务: a need dispatched to 刘明 in person reaches his own list; he takes it, completes it with a
// result the resident reads in plain words, and the resident rates it.
let t: TestApp;
let resident: string;
let resident2: string;
let staff: string;
let liu: string;
const RESIDENT = String(seedId('user:resident'));

beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, resident2, staff, liu] = await Promise.all(
    ['resident', 'resident2', 'staff', 'servicePerson'].map((a) => t.signIn(a)),
  );
});
afterAll(() => t.close());

test('dispatch to 刘明 → his list → 接单 → 完成服务 with a result and a photo → the resident reads it and rates', async () => {
  const id = await dispatchedToLiu(t, resident, staff, '请本周内联系居民');

  // Staff see who serves it; they do not start it in his name.
  const staffView = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', staff);
  expect(staffView.body).toMatchObject({ status: 'routed', assignee: { id: LIU, name: '刘明律师' } });
  expect(staffView.body.actions).not.toContain('start');

  // He is told, and the resident learns who will serve them.
  expect(await messagesOf(t, id)).toEqual(
    [
      [LIU, 'needAssigned', '新的服务：「法律咨询」（南门小区 1号楼），请在“待我服务”中接单'],
      [RESIDENT, 'needRouted', '您的需求「法律咨询」：已安排 刘明律师 为您服务'],
    ].sort(),
  );

  const list = await serving(t, liu);
  expect(list.status).toBe(200);
  expect(list.body).toMatchObject({ total: 1, openCount: 1, page: 1 });
  expect(list.body.items[0]).toMatchObject({ id, status: 'routed', title: '法律咨询', contactPhone: '138****0001' });

  const mine = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', liu);
  expect(mine.status).toBe(200);
  expect(mine.body.actions).toEqual(['complete', 'take', 'decline']);
  expect(mine.body.timeline.find((e: { action: string }) => e.action === 'dispatch').note).toBe('请本周内联系居民');

  const taken = await act(t, liu, id, 'take', { note: '已约周六上午面谈' });
  expect(taken.status).toBe(200);
  expect(taken.body).toMatchObject({ status: 'in_progress', actions: ['complete', 'decline'] });
  expect(await messagesOf(t, id, 'needTaken')).toEqual([
    [RESIDENT, 'needTaken', '刘明律师已接单，将为您办理「法律咨询」'],
  ]);

  // The result is required: the resident reads it.
  const silent = await act(t, liu, id, 'complete', {});
  expect(silent.status).toBe(400);
  expect(silent.body.fields).toEqual([{ path: 'body.note', message: '请填写服务结果，居民会看到这段话' }]);

  const photo = await upload(t, liu);
  expect(photo.status).toBe(200);
  const notMine = await upload(t, resident2);
  const stolen = await act(t, liu, id, 'complete', { note: '已面谈', photos: [notMine.body.id] });
  expect(stolen.status).toBe(400);
  expect(stolen.body.fields).toEqual([{ path: 'body.photos.0', message: '没有找到这张照片，请重新上传' }]);

  const done = await act(t, liu, id, 'complete', {
    note: '已面谈，建议先找物业协商并保留照片',
    photos: [photo.body.id],
  });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({
    status: 'done',
    result: { note: '已面谈，建议先找物业协商并保留照片', by: { id: LIU, name: '刘明' } },
  });
  expect(await messagesOf(t, id, 'needCompleted')).toEqual([
    [RESIDENT, 'needCompleted', '您的需求「法律咨询」服务已完成：已面谈，建议先找物业协商并保留照片，请为这次服务评价'],
  ]);

  // The resident's page: plain words, the result and its photo; no staff notes, no routing words.
  const seen = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  expect(seen.body.actions).toEqual(['rate']);
  expect(residentLines(seen.body.timeline)).toEqual([
    '您提交了需求',
    '社区已受理，正在为您安排',
    '已安排 刘明律师 为您服务',
    '刘明律师已接单',
    '服务已完成：已面谈，建议先找物业协商并保留照片',
  ]);
  const text = JSON.stringify(seen.body);
  for (const internal of ['请本周内联系居民', '已约周六上午面谈', '资源', '路由', '派单对象']) {
    expect(text).not.toContain(internal);
  }
  expect(seen.body.result.photos).toEqual([{ id: photo.body.id, url: `/api/v1/uploads/${photo.body.id}` }]);
  const img = await t.http().get(`/api/v1/uploads/${photo.body.id}`).set('Authorization', resident);
  expect(img.status).toBe(200);
  expect((await t.http().get(`/api/v1/uploads/${photo.body.id}`).set('Authorization', staff)).status).toBe(200);
  expect((await t.http().get(`/api/v1/uploads/${photo.body.id}`).set('Authorization', resident2)).status).toBe(404);

  const rated = await act(t, resident, id, 'rate', { stars: 5, comment: '刘律师讲得很清楚' });
  expect(rated.body.status).toBe('closed');
  expect(residentLines(rated.body.timeline).at(-1)).toBe('您评价了 5 星');

  // Finished needs stay in his list, after the open ones.
  const after = await serving(t, liu);
  expect(after.body).toMatchObject({ total: 1, openCount: 0 });
  expect(after.body.items[0]).toMatchObject({ id, status: 'closed' });
});

test('his list puts open needs first (most urgent first), then finished ones, and pages across both', async () => {
  const finished = await dispatchedToLiu(t, resident, staff);
  expect((await act(t, liu, finished, 'complete', { note: '电话咨询已解答' })).status).toBe(200);
  const older = await dispatchedToLiu(t, resident, staff);
  const newer = await dispatchedToLiu(t, resident, staff);

  const all = await serving(t, liu, { pageSize: 100 });
  const ids = all.body.items.map((n: { id: string }) => n.id);
  expect(all.body.openCount).toBe(2);
  expect(ids.slice(0, 2)).toEqual([older, newer]);
  expect(ids).toContain(finished);
  expect(ids.indexOf(finished)).toBeGreaterThan(1);

  const first = await serving(t, liu, { pageSize: 1, page: 2 });
  expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([newer]);
  const third = await serving(t, liu, { pageSize: 1, page: 3 });
  expect(third.body.items[0].status).not.toMatch(/routed|in_progress/);
  expect(third.body.total).toBe(all.body.total);

  const open = await serving(t, liu, { state: 'open' });
  expect(open.body.items.map((n: { id: string }) => n.id)).toEqual([older, newer]);
  const done = await serving(t, liu, { state: 'finished', pageSize: 100 });
  expect(done.body.items.every((n: { status: string }) => n.status === 'done' || n.status === 'closed')).toBe(true);
  expect((await serving(t, liu, { state: 'later' })).status).toBe(400);
});
