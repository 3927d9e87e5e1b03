import { NEED_STATUSES } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { projectNeed } from '../../cloud/src/needs/need-projection';
import { SEED_LIGHTING_NEEDS, seedNeeds } from '../../cloud/src/needs/needs.seed';
import { seedId } from '../../cloud/src/core/stable-id';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
  await seedNeeds(t.db);
  await seedNeeds(t.db); // repeatable: the second run adds nothing
});
afterAll(() => t.close());

const seeded = () =>
  t.db
    .model(NeedModel)
    .find({ _id: { $in: [...ids] } })
    .lean();
const ids = new Set<unknown>();

test('the demo needs cover every status, each with a consistent timeline', async () => {
  const all = await t.db
    .model(NeedModel)
    .find({ 'place.communityId': seedId('org:community:nanmen') })
    .lean();
  all.forEach((n) => ids.add(n._id));
  expect(new Set(all.map((n) => n.status))).toEqual(new Set(NEED_STATUSES));
  for (const need of await seeded()) {
    const events = await t.db.model(NeedEventModel).find({ needId: need._id }).sort({ seq: 1 }).lean();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0].action).toBe('submit');
    expect({ id: String(need._id), ...projectNeed(need.limits, events) }).toEqual({
      id: String(need._id),
      status: need.status,
      seq: need.seq,
      route: need.route,
      rating: need.rating,
      reopenedOnce: need.reopenedOnce,
      handlerId: need.handlerId,
      rejectReason: need.rejectReason,
      assigneeId: need.assigneeId,
      assigneeName: need.assigneeName,
      declinedBy: need.declinedBy,
      declineReason: need.declineReason,
      resultPhotos: need.resultPhotos,
      submittedAt: need.submittedAt,
      acceptedAt: need.acceptedAt,
      completedAt: need.completedAt,
      closedAt: need.closedAt,
      dueAcceptAt: need.dueAcceptAt,
      dueCompleteAt: need.dueCompleteAt,
      dueAt: need.dueAt,
    });
  }
});

test('staff see them in the inbox, some overdue, at the buildings of 南门小区', async () => {
  const staff = await t.signIn('staff');
  const res = await t.http().get('/api/v1/needs?pageSize=100').set('Authorization', staff);
  expect(res.status).toBe(200);
  expect(res.body.overdueCount).toBeGreaterThanOrEqual(2);
  const kinds = new Set(res.body.items.map((n: { overdue: string | null }) => n.overdue));
  expect(kinds).toEqual(new Set([null, 'accept', 'complete']));
  expect(res.body.items.every((n: { place: { label: string } }) => n.place.label.startsWith('南门小区'))).toBe(true);
});

test('residents open their own demo needs through the API with the full timeline', async () => {
  const resident = await t.signIn('resident');
  const res = await t
    .http()
    .get(`/api/v1/needs/${seedId('need:legal-reopened')}`)
    .set('Authorization', resident);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'accepted', reopenedOnce: true, contactPhone: '13812340001' });
  expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual([
    'submit',
    'accept',
    'dispatch',
    'start',
    'complete',
    'rate',
    'reopen',
  ]);
  const other = await t
    .http()
    .get(`/api/v1/needs/${seedId('need:legal-routed')}`)
    .set('Authorization', resident);
  expect(other.status).toBe(404);
  // That one waits in 刘明's 待我服务.
  const liu = await t.signIn('servicePerson');
  const serving = await t.http().get('/api/v1/needs/serving').set('Authorization', liu);
  expect(serving.body.items.map((n: { id: string }) => n.id)).toEqual([String(seedId('need:legal-routed'))]);
  expect(serving.body.items[0].assignee).toEqual({ id: String(seedId('user:servicePerson')), name: '刘明律师' });
});

test('the lighting-project needs are 楼道灯 repairs dispatched to the project', async () => {
  const needs = await t.db
    .model(NeedModel)
    .find({ _id: { $in: SEED_LIGHTING_NEEDS } })
    .lean();
  expect(needs).toHaveLength(2);
  for (const n of needs) {
    expect(n.categoryCode).toBe('applianceRepair');
    expect(n.route).toEqual({ kind: 'project', targetId: seedId('project:nanmen-lighting') });
    expect(['routed', 'in_progress']).toContain(n.status);
  }
});
