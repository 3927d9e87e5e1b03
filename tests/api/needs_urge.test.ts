import { Types } from 'mongoose';
import { residentTimeline } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { seedId } from '../../cloud/src/core/stable-id';
import { act, order, target } from './needs_support';
import { messagesOf } from './needs_service_person_support';

// 催办: once an order is late, its owner may remind the community — once in 24 hours; it moves
// nothing, lands on the timeline in plain words and reaches whoever has the need in hand.
let t: TestApp;
let clock: Clock;
let resident: string;
let resident2: string;
let staff: string;
const HOUR = 3600 * 1000;
const STAFF = String(seedId('user:staff'));

beforeAll(async () => {
  t = await startApp(__filename);
  clock = await t.get(Clock);
  [resident, resident2, staff] = await Promise.all(['resident', 'resident2', 'staff'].map((a) => t.signIn(a)));
});
afterEach(() => clock.reset());
afterAll(() => t.close());

const show = (id: string, auth = resident) => t.http().get(`/api/v1/needs/${id}`).set('Authorization', auth);
const urges = (id: string) =>
  t.db.model(NeedEventModel).countDocuments({ needId: new Types.ObjectId(id), action: 'urge' });

test('before the accept limit (24 h for 法律咨询) there is no 催办 button and the call is refused', async () => {
  const { id } = await order(t, resident);
  clock.advance(23 * HOUR);
  expect((await show(id)).body.actions).not.toContain('urge');
  const res = await act(t, resident, id, 'urge');
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '还没有超过办理时限，暂时不用催办' });
  expect(await urges(id)).toBe(0);
});

test('超时未受理: the owner urges once; the status stays, the timeline says so, the community staff are told', async () => {
  const { id } = await order(t, resident);
  clock.advance(25 * HOUR);
  const before = await show(id);
  expect(before.body).toMatchObject({ status: 'submitted', overdue: 'accept' });
  expect(before.body.actions).toContain('urge');

  const res = await act(t, resident, id, 'urge');
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('submitted');
  expect(res.body.actions).not.toContain('urge');
  const last = res.body.timeline.at(-1);
  expect(last).toMatchObject({ action: 'urge', from: 'submitted', to: 'submitted' });
  expect(residentTimeline(res.body.timeline).at(-1)?.text).toBe('您催办了一次，社区会尽快处理');

  const messages = await messagesOf(t, id, 'needUrged');
  expect(messages).toContainEqual([
    STAFF,
    'needUrged',
    '居民催办：「法律咨询」（南门小区 1号楼）超时未受理，请尽快处理',
  ]);

  // Staff still accept it as usual: the urge moved nothing.
  expect((await act(t, staff, id, 'accept')).status).toBe(200);
});

test('once in 24 hours: a second urge the same day is refused, the next day it is allowed again', async () => {
  const { id } = await order(t, resident);
  clock.advance(25 * HOUR);
  expect((await act(t, resident, id, 'urge')).status).toBe(200);
  clock.advance(23 * HOUR);
  const again = await act(t, resident, id, 'urge');
  expect(again.status).toBe(409);
  expect(again.body.message).toBe('您已经催办过了，24 小时内只能催办一次');
  expect(await urges(id)).toBe(1);
  clock.advance(2 * HOUR);
  expect((await act(t, resident, id, 'urge')).status).toBe(200);
  expect(await urges(id)).toBe(2);
});

test('two urges at once: the unique (need, seq) index lets exactly one through', async () => {
  const { id } = await order(t, resident);
  clock.advance(25 * HOUR);
  const results = await Promise.all([act(t, resident, id, 'urge'), act(t, resident, id, 'urge')]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  expect(await urges(id)).toBe(1);
});

test('past the completion limit: the handler who accepted it is told, not every staff member again', async () => {
  const { id } = await order(t, resident);
  expect((await act(t, staff, id, 'accept')).status).toBe(200);
  const routed = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: await target(t, 'resources') });
  expect(routed.status).toBe(200);
  clock.advance(4 * 24 * HOUR); // 法律咨询: 72 hours to complete
  expect((await show(id)).body.overdue).toBe('complete');
  expect((await act(t, resident, id, 'urge')).status).toBe(200);
  expect(await messagesOf(t, id, 'needUrged')).toEqual([
    [STAFF, 'needUrged', '居民催办：「法律咨询」（南门小区 1号楼）已超过办结时限，请尽快处理'],
  ]);
});

test('only the owner urges: staff and another resident are refused, and a finished need cannot be urged', async () => {
  const { id } = await order(t, resident);
  clock.advance(25 * HOUR);
  // Staff hold no owner role: refused at the door. A grid worker orders too, but this one is not theirs.
  expect((await act(t, staff, id, 'urge')).body).toMatchObject({ code: 'FORBIDDEN' });
  const gridWorker = await t.signIn('gridWorker');
  const byGridWorker = await act(t, gridWorker, id, 'urge');
  expect(byGridWorker.status).toBe(403);
  expect(byGridWorker.body).toMatchObject({ code: 'FORBIDDEN', message: '只有下单人可以催办' });
  expect((await act(t, resident2, id, 'urge')).status).toBe(404);
  expect((await act(t, resident, id, 'withdraw')).status).toBe(200);
  const late = await act(t, resident, id, 'urge');
  expect(late.status).toBe(409);
  expect(late.body.message).toBe('已撤回的需求不能催办');
  expect(await urges(id)).toBe(0);
});
