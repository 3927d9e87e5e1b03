import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
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

const eventsOf = (id: string) =>
  t.db
    .model(NeedEventModel)
    .find({ needId: new Types.ObjectId(id) })
    .sort({ seq: 1 })
    .lean();

test('20 parallel accepts of one need: exactly one 200, the rest 409, exactly one accept event', async () => {
  const { id } = await order(t, resident);
  const results = await Promise.all(Array.from({ length: 20 }, () => act(t, staff, id, 'accept')));
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  for (const r of results.filter((x) => x.status === 409)) {
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(r.body.code);
    expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  const events = await eventsOf(id);
  expect(events.map((e) => e.action)).toEqual(['submit', 'accept']);
  expect((await t.db.model(NeedModel).findById(id).lean())!.status).toBe('accepted');
});

test('racing different actions (withdraw by the owner vs accept and reject by staff): one wins, the timeline stays a single line', async () => {
  for (let round = 0; round < 5; round++) {
    const { id } = await order(t, resident);
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => act(t, staff, id, 'accept')),
      ...Array.from({ length: 5 }, () => act(t, resident, id, 'withdraw')),
      ...Array.from({ length: 5 }, () => act(t, staff, id, 'reject', { reason: '重复' })),
    ]);
    const winners = results.filter((r) => r.status === 200);
    const events = await eventsOf(id);
    // accept may be followed by a withdraw or reject (both allowed from accepted): each one a step of its own.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(winners).toHaveLength(events.length - 1);
    for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to);
    const need = (await t.db.model(NeedModel).findById(id).lean())!;
    expect(need.status).toBe(events.at(-1)!.to);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
  }
});

test('parallel dispatches of one accepted need: one route only', async () => {
  const { id } = await order(t, resident);
  await act(t, staff, id, 'accept');
  const targets = await Promise.all(Array.from({ length: 8 }, () => target(t, 'resources')));
  const results = await Promise.all(
    targets.map((targetId) => act(t, staff, id, 'dispatch', { kind: 'resource', targetId })),
  );
  const ok = results.filter((r) => r.status === 200);
  expect(ok).toHaveLength(1);
  const need = (await t.db.model(NeedModel).findById(id).lean())!;
  expect(String(need.route!.targetId)).toBe(ok[0].body.route.targetId);
  expect((await eventsOf(id)).filter((e) => e.action === 'dispatch')).toHaveLength(1);
});
