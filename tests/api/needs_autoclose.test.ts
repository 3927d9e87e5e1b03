import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { NeedsScheduler } from '../../cloud/src/needs/needs.scheduler';
import { NeedsService } from '../../cloud/src/needs/needs.service';
import { act, order, target } from './needs_support';

let t: TestApp;
let clock: Clock;
let resident: string;
let staff: string;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  t = await startApp(__filename);
  clock = await t.app.getApplicationContext().getAsync(Clock);
  resident = await t.signIn('resident');
  staff = await t.signIn('staff');
});
afterEach(() => clock.reset());
afterAll(() => t.close());

async function done(): Promise<string> {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: await target(t, 'resources') });
  const res = await act(t, staff, id, 'complete');
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return id;
}
const show = (id: string) => t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
const events = (id: string) =>
  t.db
    .model(NeedEventModel)
    .find({ needId: new Types.ObjectId(id) })
    .sort({ seq: 1 })
    .lean();

test('8 days after completion an unrated need is closed by the system; rated, recent and open ones are untouched', async () => {
  const unrated = await done();
  const rated = await done();
  await act(t, resident, rated, 'rate', { stars: 4 });
  const open = (await order(t, resident)).id;
  clock.advance(2 * DAY);
  const recent = await done();
  const ratedEvents = (await events(rated)).length;

  clock.advance(6 * DAY); // unrated: 8 days after completion; recent: 6
  const needs = await t.app.getApplicationContext().getAsync(NeedsService);
  // (the demo data may hold older done needs: count only that ours was among them)
  expect(await needs.autoCloseDue(clock.now())).toBeGreaterThanOrEqual(1);

  const closed = await show(unrated);
  expect(closed.body.status).toBe('closed');
  expect(closed.body.closedAt).not.toBeNull();
  expect(closed.body.timeline.at(-1)).toMatchObject({
    action: 'autoClose',
    from: 'done',
    to: 'closed',
    actor: { id: null, name: null, role: 'system' },
    note: '办结 7 天未评价，系统自动关闭',
  });
  expect((await show(rated)).body).toMatchObject({ status: 'closed', rating: { stars: 4 } });
  expect(await events(rated)).toHaveLength(ratedEvents);
  expect((await show(recent)).body.status).toBe('done');
  expect((await show(open)).body.status).toBe('submitted');
});

test('before 7 days nothing closes; exactly at 7 days it does', async () => {
  const id = await done();
  const needs = await t.app.getApplicationContext().getAsync(NeedsService);
  clock.advance(7 * DAY - 60_000);
  await needs.autoCloseDue(clock.now());
  expect((await show(id)).body.status).toBe('done');
  clock.advance(60_000);
  expect(await needs.autoCloseDue(clock.now())).toBeGreaterThanOrEqual(1);
  expect((await show(id)).body.status).toBe('closed');
});

test('two instances running it at once close each need once', async () => {
  const ids = [await done(), await done(), await done()];
  clock.advance(8 * DAY);
  const a = await t.app.getApplicationContext().getAsync(NeedsService);
  const b = await t.app.getApplicationContext().getAsync(NeedsService);
  const [x, y] = await Promise.all([a.autoCloseDue(clock.now()), b.autoCloseDue(clock.now())]);
  expect(x + y).toBeGreaterThanOrEqual(3);
  for (const id of ids) expect((await events(id)).filter((e) => e.action === 'autoClose')).toHaveLength(1);
});

test('an auto-closed need cannot be rated or reopened any more', async () => {
  const id = await done();
  clock.advance(8 * DAY);
  const scheduler = await t.app.getApplicationContext().getAsync(NeedsScheduler);
  await scheduler.tick(); // the timer's own step, reading the same clock
  expect((await show(id)).body.status).toBe('closed');
  const rate = await act(t, resident, id, 'rate', { stars: 1 });
  expect(rate.status).toBe(409);
  expect(rate.body.message).toBe('已关闭的需求不能评价');
  const reopen = await act(t, resident, id, 'reopen');
  expect(reopen.status).toBe(409);
  expect(reopen.body.message).toBe('未评价的需求不能回访重办');
});

test('the system cannot auto-close through the action endpoints or before its time', async () => {
  const id = await done();
  const res = await t.http().post(`/api/v1/needs/${id}/autoClose`).set('Authorization', staff).send({});
  expect(res.status).toBe(404);
  const needs = await t.app.getApplicationContext().getAsync(NeedsService);
  await expect(needs.transition(id, 'autoClose', { userId: null, role: 'system' })).rejects.toMatchObject({
    code: 'INVALID_TRANSITION',
    message: '办结未满 7 天，不能自动关闭',
  });
});
