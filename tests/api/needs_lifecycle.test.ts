import { startApp, type TestApp } from '../support/app';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { NeedsService } from '../../cloud/src/needs/needs.service';
import { Types } from 'mongoose';
import { act, order, target } from './needs_support';

let t: TestApp;
let resident: string;
let staff: string;
beforeAll(async () => {
  t = await startApp(__filename);
  resident = await t.signIn('resident');
  staff = await t.signIn('staff');
});
afterAll(() => t.close());

/** Takes a new order all the way to done. */
async function toDone(): Promise<string> {
  const { id } = await order(t, resident);
  const resource = await target(t, 'resources');
  for (const [action, body] of [
    ['accept', {}],
    ['dispatch', { kind: 'resource', targetId: resource }],
    ['start', {}],
    ['complete', {}],
  ] as const) {
    const res = await act(t, staff, id, action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}

test('a resident orders, staff accept, dispatch, start and complete, the resident rates: closed, with a full timeline', async () => {
  const created = await order(t, resident);
  expect(created).toMatchObject({ status: 'submitted', title: '法律咨询', categoryCode: 'legalAid', overdue: null });
  expect(created.place.label).toBe('南门小区 1号楼');
  expect(created.actions).toEqual(['withdraw']);
  const id = created.id;

  const accepted = await act(t, staff, id, 'accept', { note: '已电话联系' });
  expect(accepted.status).toBe(200);
  expect(accepted.body.status).toBe('accepted');
  expect(accepted.body.handler.name).toBe('陈静');
  expect(accepted.body.dueCompleteAt).not.toBeNull();
  expect(accepted.body.actions).toEqual(['reject', 'dispatch']);

  const resource = await target(t, 'resources');
  const routed = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: resource, note: '派给驻社区律师' });
  expect(routed.status).toBe(200);
  expect(routed.body).toMatchObject({ status: 'routed', route: { kind: 'resource', targetId: resource } });

  expect((await act(t, staff, id, 'start')).body.status).toBe('in_progress');
  const done = await act(t, staff, id, 'complete', { note: '已面谈' });
  expect(done.body.status).toBe('done');
  expect(done.body.completedAt).not.toBeNull();

  const rated = await act(t, resident, id, 'rate', { stars: 5, comment: '很满意' });
  expect(rated.status).toBe(200);
  expect(rated.body).toMatchObject({ status: 'closed', rating: { stars: 5, comment: '很满意' }, actions: [] });

  const shown = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  expect(shown.status).toBe(200);
  expect(
    shown.body.timeline.map((e: { action: string; from: string | null; to: string }) => [e.action, e.from, e.to]),
  ).toEqual([
    ['submit', null, 'submitted'],
    ['accept', 'submitted', 'accepted'],
    ['dispatch', 'accepted', 'routed'],
    ['start', 'routed', 'in_progress'],
    ['complete', 'in_progress', 'done'],
    ['rate', 'done', 'closed'],
  ]);
  const [submit, accept] = shown.body.timeline;
  expect(submit.actor).toMatchObject({ name: '张秀兰', role: 'resident' });
  // Staff notes are for staff: the resident reads who acted and when, and the result.
  expect(accept).toMatchObject({ actor: { name: '陈静', role: 'staff' }, note: null });
  expect(shown.body.timeline[4].note).toBe('已面谈');
  const staffView = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', staff);
  expect(staffView.body.timeline[1].note).toBe('已电话联系');
  expect(shown.body.timeline[2].route).toMatchObject({ kind: 'resource', targetId: resource });
  expect(shown.body.timeline[5].rating).toEqual({ stars: 5, comment: '很满意' });
});

test('every route kind is accepted when its target exists: activity, project, whistle to a department', async () => {
  const department = String((await t.db.connection.collection('orgs').findOne({ kind: 'department' }))!._id);
  for (const [kind, targetId] of [
    ['activity', await target(t, 'activities')],
    ['project', await target(t, 'projects')],
    ['whistle', department],
  ]) {
    const { id } = await order(t, resident);
    await act(t, staff, id, 'accept');
    const res = await act(t, staff, id, 'dispatch', { kind, targetId });
    expect({ kind, status: res.status, route: res.body.route }).toEqual({
      kind,
      status: 200,
      route: { kind, targetId },
    });
  }
});

test('a rating of 2 stars or less can be reopened once (回访): back to accepted, then done and rated again, not reopened twice', async () => {
  const id = await toDone();
  await act(t, resident, id, 'rate', { stars: 2, comment: '没解决' });

  const reopened = await act(t, staff, id, 'reopen', { note: '回访：重新安排律师' });
  expect(reopened.status).toBe(200);
  expect(reopened.body).toMatchObject({
    status: 'accepted',
    reopenedOnce: true,
    rating: null,
    route: null,
    completedAt: null,
  });

  const resource = await target(t, 'resources');
  await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: resource });
  await act(t, staff, id, 'complete');
  const rerated = await act(t, resident, id, 'rate', { stars: 1, comment: '还是不行' });
  expect(rerated.body.status).toBe('closed');
  expect(rerated.body.actions).toEqual([]);

  const again = await act(t, resident, id, 'reopen');
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '每个需求只能回访重办一次' });
});

test('the owner may reopen too; a rating of 3 or more cannot be reopened', async () => {
  const low = await toDone();
  await act(t, resident, low, 'rate', { stars: 1 });
  const own = await act(t, resident, low, 'reopen');
  expect(own.status).toBe(200);
  expect(own.body.status).toBe('accepted');

  const fair = await toDone();
  const rated = await act(t, resident, fair, 'rate', { stars: 3 });
  expect(rated.body.actions).toEqual([]);
  const res = await act(t, staff, fair, 'reopen');
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '只有 2 星及以下的评价可以回访重办' });
});

test('the owner can withdraw before dispatch; staff can reject with a reason', async () => {
  const a = await order(t, resident);
  const withdrawn = await act(t, resident, a.id, 'withdraw', { note: '自己解决了' });
  expect(withdrawn.body).toMatchObject({ status: 'withdrawn', actions: [] });

  const b = await order(t, resident);
  await act(t, staff, b.id, 'accept');
  const w2 = await act(t, resident, b.id, 'withdraw');
  expect(w2.body.status).toBe('withdrawn');

  const c = await order(t, resident);
  const rejected = await act(t, staff, c.id, 'reject', { reason: '不属于社区服务范围' });
  expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '不属于社区服务范围' });
});

test('another area moves a need through NeedsService.transition as the system (a delivering project completes it)', async () => {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  const project = await target(t, 'projects');
  await act(t, staff, id, 'dispatch', { kind: 'project', targetId: project });

  const needs = await t.app.getApplicationContext().getAsync(NeedsService);
  const event = await needs.transition(id, 'complete', { userId: null, role: 'system' }, '项目已交付');
  expect(event).toMatchObject({
    action: 'complete',
    from: 'routed',
    to: 'done',
    actorId: null,
    actorRole: 'system',
    note: '项目已交付',
  });

  const shown = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  expect(shown.body.status).toBe('done');
  expect(shown.body.timeline.at(-1).actor).toEqual({ id: null, name: null, role: 'system' });
  expect(await t.db.model(NeedEventModel).countDocuments({ needId: new Types.ObjectId(id) })).toBe(4);

  // The system cannot do what only the owner may.
  await expect(needs.transition(id, 'rate', { userId: null, role: 'system' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test("my needs lists the caller's own orders, newest first, filterable by status", async () => {
  const resident2 = await t.signIn('resident2');
  const mine = await t.http().get('/api/v1/needs/mine?pageSize=100').set('Authorization', resident);
  expect(mine.status).toBe(200);
  expect(mine.body.total).toBeGreaterThan(5);
  expect(mine.body.items.every((n: { owner: { name: string } }) => n.owner.name === '张秀兰')).toBe(true);
  const times = mine.body.items.map((n: { submittedAt: string }) => n.submittedAt);
  expect([...times].sort().reverse()).toEqual(times);
  expect(mine.body.items[0].contactPhone).toBe('13812340001'); // their own number, in full

  const closed = await t.http().get('/api/v1/needs/mine?status=closed').set('Authorization', resident);
  expect(closed.body.items.every((n: { status: string }) => n.status === 'closed')).toBe(true);
  expect(closed.body.total).toBeGreaterThan(0);

  const other = await t.http().get('/api/v1/needs/mine').set('Authorization', resident2);
  expect(other.body.total).toBe(0);
});

test('my needs in pages: every page tells the same total, pages join up to the whole list', async () => {
  const get = (q: string) => t.http().get(`/api/v1/needs/mine?${q}`).set('Authorization', resident);
  const all = (await get('pageSize=100')).body;
  const n = all.total as number;
  expect(all.items).toHaveLength(n);
  // Pages of n - 1: a full first page (counted), a last page of one (its total follows from it), then nothing.
  const pages = [];
  for (const page of [1, 2, 3]) pages.push((await get(`pageSize=${n - 1}&page=${page}`)).body);
  expect(pages.map((p) => p.items.length)).toEqual([n - 1, 1, 0]);
  expect(pages.map((p) => p.total)).toEqual([n, n, n]);
  expect(pages.flatMap((p) => p.items.map((i: { id: string }) => i.id))).toEqual(
    all.items.map((i: { id: string }) => i.id),
  );
});
