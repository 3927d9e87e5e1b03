import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { act, legalOrder, order } from './needs_support';

// 派单建议 and dispatch: ranked matches with reasons, checked targets, and who gets told.
let t: TestApp;
let staff: string;
let resident: string;

beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
  staff = await t.signIn('staff');
  resident = await t.signIn('resident');
});
afterAll(() => t.close());

/** The next Wednesday 15:00 in China time: 刘明 sits in 南门社区 on Wednesday afternoons. */
function nextWednesday15(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 7, 0));
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

async function acceptedLegalNeed(preferredTime?: string) {
  const need = await order(t, resident, legalOrder(preferredTime ? { preferredTime } : {}));
  expect((await act(t, staff, need.id, 'accept')).status).toBe(200);
  return need.id as string;
}

test('an accepted legal need gets the nearby free lawyer first, with reasons, then the legal-aid activity', async () => {
  const id = await acceptedLegalNeed(nextWednesday15());
  const res = await t.http().get(`/api/v1/needs/${id}/matches`).set('Authorization', staff);
  expect(res.status).toBe(200);
  const { matches } = res.body;
  expect(matches[0]).toMatchObject({
    kind: 'resource',
    targetId: String(seedId('resource:justice-lawyer-liu')),
    rank: 1,
    available: true,
  });
  expect(matches[0].reasons).toEqual(expect.arrayContaining(['同社区', '律师', '县司法局']));
  expect(matches[0].reasons.at(-1)).toMatch(/有空$/);
  // 何静 serves 土桥社区 on Tuesdays and Thursdays: same street, not free then, so she ranks lower.
  const he = matches.find((m: { targetId: string }) => m.targetId === String(seedId('resource:justice-lawyer-he')));
  expect(he).toMatchObject({ available: false });
  expect(he.rank).toBeGreaterThan(1);
  expect(he.reasons).toContain('同街道');
  const activity = matches.find((m: { kind: string }) => m.kind === 'activity');
  expect(activity).toMatchObject({ targetId: String(seedId('activity:legal-aid-nanmen')), available: true });
  expect(activity.reasons.join(' ')).toMatch(/还有 \d+ 个名额/);
  expect(matches.map((m: { rank: number }) => m.rank)).toEqual(matches.map((_: unknown, i: number) => i + 1));
  // Resources of the other street (新城街道) are never proposed.
  expect(matches.every((m: { reasons: string[] }) => !m.reasons.includes('新城街道'))).toBe(true);
});

test('without a preferred time the matches say so', async () => {
  const id = await acceptedLegalNeed();
  const res = await t.http().get(`/api/v1/needs/${id}/matches`).set('Authorization', staff);
  const first = res.body.matches.find((m: { kind: string }) => m.kind === 'resource');
  expect(first.reasons.at(-1)).toBe('未指定时间，请与居民约定');
});

test('dispatching to a person resource with an account makes it theirs (待我服务) and tells them and the resident', async () => {
  const id = await acceptedLegalNeed();
  const lawyer = String(seedId('resource:justice-lawyer-liu'));
  const res = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: lawyer });
  expect(res.status).toBe(200);
  expect(res.body.assignee).toEqual({ id: String(seedId('user:servicePerson')), name: '刘明律师' });
  const notes = await t.db.model(NotificationModel).find({ 'refs.needId': id }).lean();
  expect(notes.map((n) => [String(n.userId), n.kind]).sort()).toEqual(
    [
      [String(seedId('user:resident')), 'needRouted'],
      [String(seedId('user:servicePerson')), 'needAssigned'],
    ].sort(),
  );
  // The resident reads who serves them, in plain words.
  expect(notes.find((n) => n.kind === 'needRouted')!.text).toBe('您的需求「法律咨询」：已安排 刘明律师 为您服务');
  // The resident's timeline names where it went and who serves it.
  const mine = await t.http().get(`/api/v1/needs/${id}`).set('Authorization', resident);
  const dispatched = mine.body.timeline.find((e: { action: string }) => e.action === 'dispatch');
  expect(dispatched.route).toEqual({ kind: 'resource', targetId: lawyer, title: '刘明（法律援助律师）' });
  expect(dispatched.assignee).toEqual({ id: String(seedId('user:servicePerson')), name: '刘明律师' });
});

test('dispatching to the hospital resource notifies the hospital unit admin', async () => {
  const id = await acceptedLegalNeed();
  const doctor = String(seedId('resource:hospital-health-room'));
  const res = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: doctor });
  expect(res.status).toBe(200);
  const toUnit = await t.db
    .model(NotificationModel)
    .countDocuments({ 'refs.needId': id, userId: seedId('user:unitAdmin'), kind: 'needDispatched' });
  expect(toUnit).toBe(1);
});

test('a target in another street, a retired one, or one that does not exist is refused with the field named', async () => {
  const id = await acceptedLegalNeed();
  const [other] = await t.db.connection
    .collection('resources')
    .find({ 'place.streetId': seedId('org:street:xincheng') })
    .limit(1)
    .toArray();
  const far = await act(t, staff, id, 'dispatch', { kind: 'resource', targetId: String(other._id) });
  expect(far.status).toBe(400);
  expect(far.body.fields).toEqual([{ path: 'body.targetId', message: '该资源不服务这条需求所在的街道' }]);
  const none = await act(t, staff, id, 'dispatch', { kind: 'activity', targetId: '0'.repeat(24) });
  expect(none.status).toBe(400);
  const lighting = await act(t, staff, id, 'dispatch', {
    kind: 'project',
    targetId: String(seedId('project:nanmen-lighting')),
  });
  expect(lighting.body.fields[0].message).toBe('项目与需求的类别不同');
});

test('only staff-type roles in scope get suggestions', async () => {
  const id = await acceptedLegalNeed();
  expect((await t.http().get(`/api/v1/needs/${id}/matches`).set('Authorization', resident)).status).toBe(403);
  expect(
    (
      await t
        .http()
        .get(`/api/v1/needs/${id}/matches`)
        .set('Authorization', await t.signIn('staff2'))
    ).status,
  ).toBe(404);
  expect(
    (
      await t
        .http()
        .get(`/api/v1/needs/${id}/matches`)
        .set('Authorization', await t.signIn('streetAdmin'))
    ).status,
  ).toBe(200);
  expect(
    (
      await t
        .http()
        .get(`/api/v1/needs/${id}/matches`)
        .set('Authorization', await t.signIn('volunteer'))
    ).status,
  ).toBe(403);
});
