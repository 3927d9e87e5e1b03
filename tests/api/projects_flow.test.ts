import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { ProjectEventModel } from '../../cloud/src/projects/project.model';
import {
  acceptedNeed,
  createProject,
  needAct,
  NANMEN,
  openProject,
  POWER,
  signInAll,
  type Account,
} from './projects_support';

let t: TestApp;
let as: Record<Account, string>;
beforeAll(async () => {
  t = await startApp(__filename);
  as = await signInAll(t);
});
afterAll(() => t.close());

const oid = (id: string) => new Types.ObjectId(id);
const get = (auth: string, path: string) => t.http().get(path).set('Authorization', auth);
const post = (auth: string, path: string, body: object = {}) =>
  t.http().post(path).set('Authorization', auth).send(body);

test('a project goes from draft to delivered; delivery completes every linked need, each with its own event', async () => {
  // Draft: only the people who run it see it.
  const draft = await createProject(t, as.staff);
  expect(draft).toMatchObject({
    status: 'draft',
    title: '楼道杂物集中清理',
    budgetFen: 1_200_000,
    community: { id: NANMEN, name: '南门社区' },
    units: [{ id: POWER, name: '县供电公司' }],
    progress: 0,
    needsCount: 0,
    canEdit: true,
    actions: ['open', 'cancel'],
  });
  expect(draft.place.label).toBe('城关街道 南门社区');
  const id = draft.id;
  expect((await get(as.resident, `/api/v1/projects/${id}`)).status).toBe(404);
  expect((await get(as.resident, '/api/v1/projects')).body.items.map((p: { id: string }) => p.id)).not.toContain(id);

  // Open: public in 南门.
  const opened = await post(as.staff, `/api/v1/projects/${id}/open`, { note: '两委会议通过' });
  expect(opened.status).toBe(200);
  expect(opened.body.status).toBe('open');
  expect(opened.body.openedAt).not.toBeNull();
  const seen = await get(as.resident, `/api/v1/projects/${id}`);
  expect(seen.status).toBe(200);
  expect(seen.body).toMatchObject({ status: 'open', canEdit: false, actions: [], history: [] });
  expect((await get(as.resident, '/api/v1/projects')).body.items.map((p: { id: string }) => p.id)).toContain(id);

  // Milestones: progress is their mean.
  const m1 = await post(as.staff, `/api/v1/projects/${id}/milestones`, {
    title: '摸底登记',
    due: '2026-12-01',
    progress: 100,
  });
  expect(m1.status).toBe(200);
  expect(m1.body.doneAt).not.toBeNull();
  const m2 = await post(as.staff, `/api/v1/projects/${id}/milestones`, { title: '集中清运', due: '2026-12-10' });
  expect(m2.body).toMatchObject({ progress: 0, doneAt: null });
  const m3 = await post(as.staff, `/api/v1/projects/${id}/milestones`, {
    title: '验收公示',
    due: '2026-12-20',
    progress: 10,
  });
  const m2b = await t
    .http()
    .patch(`/api/v1/projects/${id}/milestones/${m2.body.id}`)
    .set('Authorization', as.staff)
    .send({ progress: 50 });
  expect(m2b.status).toBe(200);
  expect(m2b.body.progress).toBe(50);
  const withMilestones = await get(as.resident, `/api/v1/projects/${id}`);
  expect(withMilestones.body.milestones.map((m: { id: string }) => m.id)).toEqual([m1.body.id, m2.body.id, m3.body.id]);
  expect(withMilestones.body.progress).toBe(53); // (100 + 50 + 10) / 3

  // Needs: accepted ones are linked and dispatched to the project.
  const a = await acceptedNeed(t, as.resident, as.staff);
  const b = await acceptedNeed(t, as.resident2, as.staff);
  const c = await acceptedNeed(t, as.resident, as.staff);
  const linked = await post(as.staff, `/api/v1/projects/${id}/needs`, { needIds: [a, b, c] });
  expect(linked.status).toBe(200);
  expect(linked.body).toEqual({ linked: 3, needsCount: 3 });
  const routed = await get(as.staff, `/api/v1/needs/${a}`);
  expect(routed.body.status).toBe('routed');
  expect(routed.body.route).toEqual({ kind: 'project', targetId: id });
  await needAct(t, as.staff, b, 'start');
  await needAct(t, as.staff, c, 'complete'); // finished on its own before the project delivers

  // A need dispatched to the project from the needs area counts as linked too.
  const d = await acceptedNeed(t, as.resident2, as.staff);
  await needAct(t, as.staff, d, 'dispatch', { kind: 'project', targetId: id });

  const list = await get(as.staff, `/api/v1/projects/${id}/needs`);
  expect(list.body.items.map((n: { needId: string; status: string }) => [n.needId, n.status])).toEqual([
    [a, 'routed'],
    [b, 'in_progress'],
    [c, 'done'],
  ]);

  // A public update, seen by residents of the community.
  const upd = await post(as.staff, `/api/v1/projects/${id}/updates`, { text: '1 号楼楼道已清理完毕。' });
  expect(upd.status).toBe(200);
  expect(upd.body.author).toMatchObject({ name: '陈静', role: 'staff' });
  const withUpdate = await get(as.resident2, `/api/v1/projects/${id}`);
  expect(withUpdate.body.updates.map((u: { text: string }) => u.text)).toEqual(['1 号楼楼道已清理完毕。']);
  expect(withUpdate.body.updatesTotal).toBe(1);

  // Start, then deliver.
  expect((await post(as.staff, `/api/v1/projects/${id}/start`, { note: '清运车辆到位' })).body.status).toBe(
    'delivering',
  );
  const delivered = await post(as.staff, `/api/v1/projects/${id}/deliver`, { note: '全部清理完毕' });
  expect(delivered.status).toBe(200);
  expect(delivered.body.delivered).toBe(3);
  expect(delivered.body.skipped).toEqual([{ needId: c, reason: expect.stringMatching(/已办结/) }]);

  for (const needId of [a, b, d]) {
    const need = await get(as.staff, `/api/v1/needs/${needId}`);
    expect({ needId, status: need.body.status }).toEqual({ needId, status: 'done' });
    const last = need.body.timeline[need.body.timeline.length - 1];
    expect(last).toMatchObject({ action: 'complete', to: 'done', actor: { id: String(seedId('user:staff')) } });
    expect(last.note).toContain('楼道杂物集中清理');
    expect(need.body.timeline.filter((e: { action: string }) => e.action === 'complete')).toHaveLength(1);
  }
  // The resident who ordered sees their need done and can rate it.
  const mine = await get(as.resident, `/api/v1/needs/${a}`);
  expect(mine.body.status).toBe('done');
  expect(mine.body.actions).toContain('rate');

  const after = await get(as.staff, `/api/v1/projects/${id}`);
  expect(after.body).toMatchObject({ status: 'delivered', needsCount: 4, actions: [] });
  expect(after.body.deliveredAt).not.toBeNull();
  expect(after.body.history.map((e: { action: string }) => e.action)).toEqual(['create', 'open', 'start', 'deliver']);
  expect(after.body.history[3]).toMatchObject({
    from: 'delivering',
    to: 'delivered',
    note: '全部清理完毕',
    actor: { name: '陈静', role: 'staff' },
  });
});

test('a project delivers straight from open, and one without needs delivers nothing', async () => {
  const p = await openProject(t, as.staff);
  const res = await post(as.staff, `/api/v1/projects/${p.id}/deliver`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ delivered: 0, skipped: [] });
});

test('cancelling releases the linked needs, which can then join another project', async () => {
  const first = await openProject(t, as.staff, { title: '第一次方案' });
  const needId = await acceptedNeed(t, as.resident, as.staff);
  expect((await post(as.staff, `/api/v1/projects/${first.id}/needs`, { needIds: [needId] })).status).toBe(200);

  const missingReason = await post(as.staff, `/api/v1/projects/${first.id}/cancel`, {});
  expect(missingReason.status).toBe(400);
  expect(missingReason.body.fields).toEqual([{ path: 'body.reason', message: '请填写撤销原因' }]);

  const cancelled = await post(as.staff, `/api/v1/projects/${first.id}/cancel`, { reason: '并入街道统一项目' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '并入街道统一项目', needsCount: 0 });
  const event = await t.db
    .model(ProjectEventModel)
    .findOne({ projectId: oid(first.id), action: 'cancel' })
    .lean();
  expect(event?.needIds?.map(String)).toEqual([needId]);
  expect((await get(as.resident, `/api/v1/projects/${first.id}`)).status).toBe(404); // no longer public

  const second = await openProject(t, as.streetAdmin, { title: '街道统一清理', level: 'street' });
  const relinked = await post(as.streetAdmin, `/api/v1/projects/${second.id}/needs`, { needIds: [needId] });
  expect(relinked.status).toBe(200);
  expect(relinked.body.needsCount).toBe(1);
});

test('a linked need can be taken out again before delivery', async () => {
  const p = await openProject(t, as.staff);
  const n1 = await acceptedNeed(t, as.resident, as.staff);
  const n2 = await acceptedNeed(t, as.resident, as.staff);
  await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [n1, n2] });
  const out = await t.http().delete(`/api/v1/projects/${p.id}/needs/${n1}`).set('Authorization', as.staff);
  expect(out.status).toBe(200);
  expect(out.body).toEqual({ needsCount: 1 });
  const again = await t.http().delete(`/api/v1/projects/${p.id}/needs/${n1}`).set('Authorization', as.staff);
  expect(again.status).toBe(404);
});

test('lists filter by status and category, page, and keep residents to public projects of their community', async () => {
  const draft = await createProject(t, as.staff, { title: '尚未公开的方案' });
  const base = await get(as.countyAdmin, '/api/v1/projects?pageSize=100');
  const drafts = await get(as.staff, '/api/v1/projects?status=draft&pageSize=100');
  expect(drafts.body.items.length).toBeGreaterThan(0);
  expect(drafts.body.items.every((p: { status: string }) => p.status === 'draft')).toBe(true);
  expect(drafts.body.items.map((p: { id: string }) => p.id)).toContain(draft.id);
  const residentDrafts = await get(as.resident, '/api/v1/projects?status=draft');
  expect(residentDrafts.body).toMatchObject({ items: [], total: 0 });

  const xishan = await createProject(t, as.staff2, {
    placeId: String(seedId('org:community:xishan')),
    categoryCode: 'culture',
  });
  const culture = await get(as.countyAdmin, '/api/v1/projects?categoryCode=culture');
  expect(culture.body.items.map((p: { id: string }) => p.id)).toEqual([xishan.id]);
  expect((await get(as.countyAdmin, '/api/v1/projects?pageSize=100')).body.total).toBe(base.body.total + 1);

  const page1 = await get(as.staff, '/api/v1/projects?pageSize=2&page=1');
  const page2 = await get(as.staff, '/api/v1/projects?pageSize=2&page=2');
  expect(page1.body.items).toHaveLength(2);
  const ids = [...page1.body.items, ...page2.body.items].map((p: { id: string }) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).not.toContain(xishan.id);

  const residentList = await get(as.resident, '/api/v1/projects?pageSize=100');
  for (const p of residentList.body.items as { status: string; community: { id: string } }[]) {
    expect(['open', 'delivering', 'delivered']).toContain(p.status);
    expect(p.community.id).toBe(NANMEN);
  }
});

test('updates page newest first', async () => {
  const p = await openProject(t, as.staff);
  for (let i = 1; i <= 12; i++) await post(as.staff, `/api/v1/projects/${p.id}/updates`, { text: `第 ${i} 次进展` });
  const detail = await get(as.resident, `/api/v1/projects/${p.id}`);
  expect(detail.body.updates).toHaveLength(10);
  expect(detail.body.updates[0].text).toBe('第 12 次进展');
  expect(detail.body.updatesTotal).toBe(12);
  const page2 = await get(as.resident, `/api/v1/projects/${p.id}/updates?page=2&pageSize=10`);
  expect(page2.body.items.map((u: { text: string }) => u.text)).toEqual(['第 2 次进展', '第 1 次进展']);
});

test('the seed: 老旧小区楼道照明改造 is open with 3 milestones, a budget, 县供电公司 and 2 updates; a delivered project too', async () => {
  const { seedProjects, linkSeedNeeds } = await import('../../cloud/src/projects/projects.seed');
  await seedProjects(t.db);
  await seedProjects(t.db); // safe to repeat
  const id = String(seedId('project:nanmen-lighting'));
  const res = await get(as.resident, `/api/v1/projects/${id}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    title: '老旧小区楼道照明改造',
    status: 'open',
    budgetFen: 4_860_000,
    units: [{ name: '县供电公司' }],
    progress: 53,
    updatesTotal: 2,
  });
  expect(res.body.milestones).toHaveLength(3);
  const delivered = await get(as.resident, '/api/v1/projects?status=delivered');
  expect(delivered.body.items.map((p: { title: string }) => p.title)).toContain('南门社区健康小屋');
  const hospital = await get(as.unitAdmin, '/api/v1/projects');
  expect(hospital.body.items.map((p: { title: string }) => p.title)).toEqual(['南门社区健康小屋']);

  const staffView = await get(as.staff, `/api/v1/projects/${id}`);
  expect(staffView.body.history.map((e: { action: string }) => e.action)).toEqual(['create', 'open']);

  // The needs seed's lighting needs, linked as the lead wires it, are delivered like any other.
  const { seedNeeds, SEED_LIGHTING_NEEDS } = await import('../../cloud/src/needs/needs.seed');
  await seedNeeds(t.db);
  await linkSeedNeeds(t.db, SEED_LIGHTING_NEEDS);
  await linkSeedNeeds(t.db, SEED_LIGHTING_NEEDS);
  expect((await get(as.staff, `/api/v1/projects/${id}`)).body.needsCount).toBe(2);
  const delivered2 = await post(as.staff, `/api/v1/projects/${id}/deliver`);
  expect(delivered2.body).toEqual({ delivered: 2, skipped: [] });
  for (const needId of SEED_LIGHTING_NEEDS)
    expect((await get(as.staff, `/api/v1/needs/${needId}`)).body.status).toBe('done');
});
