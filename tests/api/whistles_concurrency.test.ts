import { startApp, type TestApp } from '../support/app';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import { CHENGGUAN_DEPT, ZHUJIAN, act, blow, deptWhistle, eventsOf, official, show } from './whistles_support';

// Races on whistles: each target is its own line of events (unique whistleId + targetKey + seq),
// so two departments never block each other, and one target never moves twice for one step.
let t: TestApp;
let staff: string;
let zhujian: string;
let chengguan: string;

beforeAll(async () => {
  t = await startApp(__filename);
  staff = await t.signIn('staff');
  zhujian = await t.signIn('department');
  chengguan = (await official(t, 'department', CHENGGUAN_DEPT, '城管局值班员')).auth;
});
afterAll(() => t.close());

const twoTargets = () =>
  deptWhistle({
    targets: [
      { kind: 'department', orgId: ZHUJIAN },
      { kind: 'department', orgId: CHENGGUAN_DEPT },
    ],
  });

/** The stored projection (what lists and filters read), without the repair a detail view does. */
async function stored(id: string) {
  const w = (await t.db.model(WhistleModel).findById(id).lean())!;
  return { status: w.status, targets: w.targets.map((x) => x.status), eventCount: w.eventCount };
}

test('two departments report at once on a two-target whistle: both succeed and the stored projection has both', async () => {
  for (let round = 0; round < 8; round++) {
    const w = await blow(t, staff, twoTargets());
    const [a, b] = await Promise.all([
      act(t, zhujian, w.id, ZHUJIAN, 'report'),
      act(t, chengguan, w.id, CHENGGUAN_DEPT, 'report'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await stored(w.id)).toEqual({ status: 'inProgress', targets: ['reported', 'reported'], eventCount: 4 });

    const [c, d] = await Promise.all([
      act(t, zhujian, w.id, ZHUJIAN, 'resolve'),
      act(t, chengguan, w.id, CHENGGUAN_DEPT, 'resolve'),
    ]);
    expect([c.status, d.status]).toEqual([200, 200]);
    expect(await stored(w.id)).toEqual({ status: 'resolved', targets: ['resolved', 'resolved'], eventCount: 6 });
  }
});

test('the same target reported ten times in parallel: one 200, nine 409, one report event', async () => {
  const w = await blow(t, staff, twoTargets());
  const results = await Promise.all(Array.from({ length: 10 }, () => act(t, zhujian, w.id, ZHUJIAN, 'report')));
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  for (const r of results.filter((x) => x.status === 409)) {
    expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(r.body.code);
    expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  const reports = (await eventsOf(t, w.id)).filter((e) => e.action === 'report');
  expect(reports).toHaveLength(1);
  expect((await show(t, staff, w.id)).body.targets.map((x: any) => x.status)).toEqual(['reported', 'pending']);
});

test('confirm and send back racing on one resolved target: exactly one wins, the timeline stays one line', async () => {
  for (let round = 0; round < 4; round++) {
    const w = await blow(t, staff, deptWhistle());
    await act(t, zhujian, w.id, ZHUJIAN, 'report');
    await act(t, zhujian, w.id, ZHUJIAN, 'resolve');
    const results = await Promise.all([
      ...Array.from({ length: 3 }, () => act(t, staff, w.id, ZHUJIAN, 'confirm')),
      ...Array.from({ length: 3 }, () => act(t, staff, w.id, ZHUJIAN, 'send-back')),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const events = await eventsOf(t, w.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < events.length; i++) expect(events[i].from).toBe(events[i - 1].to);
  }
});

test('blowing with the same Idempotency-Key twice (also at once) creates one whistle', async () => {
  const body = deptWhistle({ title: '幂等吹哨测试' });
  const send = () =>
    t.http().post('/api/v1/whistles').set('Authorization', staff).set('Idempotency-Key', 'whistle-key-0001').send(body);
  const [a, b] = await Promise.all([send(), send()]);
  const again = await send();
  const ok = [a, b, again].filter((r) => r.status === 200);
  expect(ok.length).toBeGreaterThanOrEqual(2);
  expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
  for (const r of [a, b].filter((x) => x.status !== 200)) expect(r.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  expect(await t.db.model(WhistleModel).countDocuments({ title: '幂等吹哨测试' })).toBe(1);
});
