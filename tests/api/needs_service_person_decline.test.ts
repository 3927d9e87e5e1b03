import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { act, order, target } from './needs_support';
import { seedDemoResources } from './resources_support';
import { LIU, LIU_RESOURCE, dispatchedToLiu, messagesOf, residentLines, serving } from './needs_service_person_support';

// 无法服务: 刘明 passes a need back with a reason; it is in the staff inbox again, the reason for staff
// only. Staff complete a need dispatched to a person only with a result note.
let t: TestApp;
let resident: string;
let staff: string;
let liu: string;
const STAFF = String(seedId('user:staff'));

beforeAll(async () => {
  t = await startApp(__filename);
  await seedDemoResources(t);
  [resident, staff, liu] = await Promise.all(['resident', 'staff', 'servicePerson'].map((a) => t.signIn(a)));
});
afterAll(() => t.close());

test('a decline needs a reason, goes back to 已受理 in the staff inbox with the reason, and staff are told', async () => {
  const id = await dispatchedToLiu(t, resident, staff);

  const bare = await act(t, liu, id, 'decline', {});
  expect(bare.status).toBe(400);
  expect(bare.body.fields).toEqual([{ path: 'body.reason', message: '请写明无法服务的原因' }]);

  const declined = await act(t, liu, id, 'decline', { reason: '本周在外地出庭，无法上门' });
  expect(declined.status).toBe(200);
  expect(declined.body).toMatchObject({ status: 'accepted', route: null, assignee: null });

  // No longer his: gone from his list, and not his to open.
  expect((await serving(t, liu)).body).toMatchObject({ total: 0, openCount: 0 });
  expect((await t.http().get(`/api/v1/needs/${id}`).set('Authorization', liu)).status).toBe(404);

  const inbox = await t.http().get('/api/v1/needs').query({ status: 'accepted' }).set('Authorization', staff);
  const row = inbox.body.items.find((n: { id: string }) => n.id === id);
  expect(row).toMatchObject({ declined: { by: '刘明律师', reason: '本周在外地出庭，无法上门' }, assignee: null });
  const staffView = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', staff);
  expect(staffView.body.actions).toContain('dispatch');
  expect(staffView.body.timeline.at(-1)).toMatchObject({ action: 'decline', note: '本周在外地出庭，无法上门' });

  // The handler (陈静, who accepted it and is the community's staff) is told once.
  expect(await messagesOf(t, id, 'needDeclined')).toEqual([
    [STAFF, 'needDeclined', '刘明律师无法服务「法律咨询」（南门小区 1号楼）：本周在外地出庭，无法上门，请重新派单'],
  ]);

  // The resident learns what happens next, not why.
  const mine = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  expect(mine.body.declined).toBeNull();
  expect(JSON.stringify(mine.body)).not.toContain('出庭');
  expect(residentLines(mine.body.timeline).at(-1)).toBe('社区正在为您重新安排服务人员');

  // Dispatched again, the decline is behind it.
  const again = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: LIU_RESOURCE });
  expect(again.body).toMatchObject({ status: 'routed', assignee: { id: LIU, name: '刘明律师' }, declined: null });
  expect((await serving(t, liu)).body.openCount).toBe(1);
});

test('he may decline after taking it too; he cannot decline or take what is not routed to him', async () => {
  const id = await dispatchedToLiu(t, resident, staff);
  expect((await act(t, liu, id, 'take')).status).toBe(200);
  expect((await act(t, liu, id, 'take')).status).toBe(409);
  const declined = await act(t, liu, id, 'decline', { reason: '居民的问题需要刑事律师' });
  expect(declined.body.status).toBe('accepted');
});

test('staff do not start a need in his name, and complete it only with a result note', async () => {
  const id = await dispatchedToLiu(t, resident, staff);
  const start = await act(t, staff, id, 'start');
  expect(start.status).toBe(409);
  expect(start.body.message).toBe('已派给服务人员本人，由本人接单后办理');

  const silent = await act(t, staff, id, 'complete', { note: '  ' });
  expect(silent.status).toBe(400);
  expect(silent.body.fields).toEqual([{ path: 'body.note', message: '请填写服务结果，居民会看到这段话' }]);
  expect((await t.http().get(`/api/v1/needs/${id}`).set('Authorization', staff)).body.status).toBe('routed');

  const done = await act(t, staff, id, 'complete', { note: '刘律师电话告知：已电话解答' });
  expect(done.status).toBe(200);
  expect(done.body.status).toBe('done');
  const seen = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  expect(residentLines(seen.body.timeline).at(-1)).toBe('服务已完成：刘律师电话告知：已电话解答');
  expect((await messagesOf(t, id, 'needCompleted')).length).toBe(1);
});

test('a need dispatched to no person in particular is started and completed by staff as before, note optional', async () => {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  await act(t, staff, id, 'dispatch', { kind: 'activity', targetId: await target(t, 'activities') });
  expect((await act(t, staff, id, 'start')).body.status).toBe('in_progress');
  const done = await act(t, staff, id, 'complete');
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ status: 'done', assignee: null, result: { note: null } });
});
