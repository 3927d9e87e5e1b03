import { Types } from 'mongoose';
import { startApp, type TestApp } from '../support/app';
import { seedId } from '../../cloud/src/core/stable-id';
import { ProjectModel } from '../../cloud/src/projects/project.model';
import { ProjectNeedModel } from '../../cloud/src/projects/project-need.model';
import { NeedEventModel } from '../../cloud/src/needs/need-event.model';
import {
  acceptedNeed,
  BEIJIE,
  createProject,
  needAct,
  openProject,
  orderCleanup,
  orderLegal,
  projectBody,
  signInAll,
  XISHAN_COMPLEX,
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
const post = (auth: string, path: string, body: object = {}) =>
  t.http().post(path).set('Authorization', auth).send(body);
const patch = (auth: string, path: string, body: object) => t.http().patch(path).set('Authorization', auth).send(body);
type Fields = { path: string; message: string }[];

async function createRefused(body: object): Promise<Fields> {
  const before = await t.db.model(ProjectModel).countDocuments();
  const res = await post(as.staff, '/api/v1/projects', body);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(await t.db.model(ProjectModel).countDocuments()).toBe(before);
  return res.body.fields;
}

describe('money is integer fen', () => {
  test.each([
    [-1, '预算不能为负数'],
    [12.5, '预算以分为单位，须为整数'],
    ['1000', '预算应为数字（单位：分）'],
    [1e15, '预算过大'],
  ])('budgetFen %p is refused', async (budgetFen, message) => {
    expect(await createRefused(projectBody({ budgetFen }))).toEqual([{ path: 'body.budgetFen', message }]);
  });

  test('an update with a float budget writes nothing', async () => {
    const p = await createProject(t, as.staff);
    const res = await patch(as.staff, `/api/v1/projects/${p.id}`, { budgetFen: 99.99, title: '新名字' });
    expect(res.status).toBe(400);
    expect((await t.db.model(ProjectModel).findById(p.id).lean())?.title).toBe('楼道杂物集中清理');
  });

  test('zero is a valid budget', async () => {
    expect((await createProject(t, as.staff, { budgetFen: 0 })).budgetFen).toBe(0);
  });
});

test('the rest of a project body is checked too', async () => {
  expect((await createRefused(projectBody({ title: '' }))).map((f) => f.path)).toEqual(['body.title']);
  expect((await createRefused(projectBody({ categoryCode: 'parking' }))).map((f) => f.path)).toEqual([
    'body.categoryCode',
  ]);
  expect(await createRefused(projectBody({ responsibleUnitIds: [String(seedId('unit:不存在'))] }))).toEqual([
    { path: 'body.responsibleUnitIds.0', message: '没有找到该驻区单位' },
  ]);
  expect(
    (
      await createRefused(
        projectBody({ responsibleUnitIds: [String(seedId('unit:县供电公司')), String(seedId('unit:县供电公司'))] }),
      )
    ).map((f) => f.path),
  ).toEqual(['body.responsibleUnitIds']);
  expect(
    (await createRefused(projectBody({ placeId: String(seedId('org:department:县民政局')) }))).map((f) => f.path),
  ).toEqual(['body.placeId']);
  expect((await createRefused(projectBody({ status: 'open' }))).map((f) => f.path)).toEqual(['body']);
  expect((await createRefused(projectBody({ budgetFen: { $gt: 0 } }))).map((f) => f.path)).toEqual([
    'body.budgetFen.$gt',
  ]);
  const { placeId: _omit, ...noPlace } = projectBody();
  expect((await createRefused(noPlace)).map((f) => f.path)).toEqual(['body.placeId']);
});

test('staff cannot place a project in another community (404, nothing written)', async () => {
  const before = await t.db.model(ProjectModel).countDocuments();
  const res = await post(as.staff, '/api/v1/projects', projectBody({ placeId: XISHAN_COMPLEX }));
  expect(res.status).toBe(404);
  expect(await t.db.model(ProjectModel).countDocuments()).toBe(before);
});

describe('linking needs', () => {
  test('a need of another category is refused, and nothing of the batch is linked', async () => {
    const p = await openProject(t, as.staff);
    const good = await acceptedNeed(t, as.resident, as.staff);
    const legal = await orderLegal(t, as.resident);
    await needAct(t, as.staff, legal, 'accept');
    const res = await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [good, legal] });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ path: 'body.needIds.1', message: '需求类别与项目不同' }]);
    expect(await t.db.model(ProjectNeedModel).countDocuments({ projectId: oid(p.id) })).toBe(0);
  });

  test("a need of another community is refused: out of the caller's sight, or outside the project's community", async () => {
    // A 西山 need (in the needs model's shape), which 南门 staff cannot see at all.
    const src = await acceptedNeed(t, as.resident, as.staff);
    const doc = await t.db.connection.collection('needs').findOne({ _id: oid(src) });
    const xishanNeed = new Types.ObjectId();
    await t.db.connection.collection('needs').insertOne({
      ...doc,
      _id: xishanNeed,
      place: {
        ...doc!.place,
        streetId: seedId('org:street:xincheng'),
        communityId: seedId('org:community:xishan'),
        gridId: null,
        complexId: null,
        buildingId: null,
      },
    });
    const p = await openProject(t, as.staff);
    const hidden = await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [String(xishanNeed)] });
    expect(hidden.status).toBe(400);
    expect(hidden.body.fields).toEqual([{ path: 'body.needIds.0', message: '没有找到该需求' }]);

    // A street admin sees both communities, but a 北街 project takes 北街 needs only.
    const beijie = await openProject(t, as.streetAdmin, { placeId: BEIJIE });
    const other = await post(as.streetAdmin, `/api/v1/projects/${beijie.id}/needs`, { needIds: [src] });
    expect(other.status).toBe(400);
    expect(other.body.fields).toEqual([{ path: 'body.needIds.0', message: '需求不在项目所在社区' }]);
    expect(await t.db.model(ProjectNeedModel).countDocuments({ needId: oid(src) })).toBe(0);
  });

  test('linking twice is a 409, to the same project or another, and the batch links nothing', async () => {
    const p = await openProject(t, as.staff);
    const q = await openProject(t, as.staff, { title: '另一个项目' });
    const n1 = await acceptedNeed(t, as.resident, as.staff);
    const n2 = await acceptedNeed(t, as.resident, as.staff);
    expect((await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [n1] })).status).toBe(200);

    const same = await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [n2, n1] });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'body.needIds.1', message: '该需求已纳入本项目' }],
    });
    const other = await post(as.staff, `/api/v1/projects/${q.id}/needs`, { needIds: [n1] });
    expect(other.status).toBe(409);
    expect(other.body.fields).toEqual([{ path: 'body.needIds.0', message: '该需求已纳入其他项目' }]);
    expect(await t.db.model(ProjectNeedModel).countDocuments({ needId: oid(n2) })).toBe(0);
    expect(await t.db.model(ProjectNeedModel).countDocuments({ needId: oid(n1) })).toBe(1);
  });

  test('two projects linking one need at once: exactly one wins', async () => {
    const needId = await acceptedNeed(t, as.resident, as.staff);
    const projects = await Promise.all(
      Array.from({ length: 6 }, (_, i) => openProject(t, as.staff, { title: `并发项目 ${i}` })),
    );
    const res = await Promise.all(
      projects.map((p) => post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [needId] })),
    );
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409)).toHaveLength(5);
    expect(await t.db.model(ProjectNeedModel).countDocuments({ needId: oid(needId) })).toBe(1);
  });

  test('needs not yet accepted, or already finished, cannot be linked', async () => {
    const p = await openProject(t, as.staff);
    const submitted = await orderCleanup(t, as.resident);
    const withdrawn = await orderCleanup(t, as.resident);
    await needAct(t, as.resident, withdrawn, 'withdraw');
    const res = await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [submitted, withdrawn] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      fields: [
        { path: 'body.needIds.0', message: '请先受理该需求' },
        { path: 'body.needIds.1', message: '已撤回的需求不能纳入项目' },
      ],
    });
  });

  test('the needIds list: not empty, no duplicates, at most 100, ids only', async () => {
    const p = await openProject(t, as.staff);
    const n = await acceptedNeed(t, as.resident, as.staff);
    for (const [needIds, path] of [
      [[], 'body.needIds'],
      [[n, n], 'body.needIds'],
      [Array.from({ length: 101 }, () => String(new Types.ObjectId())), 'body.needIds'],
      [['abc'], 'body.needIds.0'],
    ] as const) {
      const res = await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds });
      expect({ needIds: needIds.length, status: res.status, path: res.body.fields?.[0]?.path }).toEqual({
        needIds: needIds.length,
        status: 400,
        path,
      });
    }
  });
});

describe('the state machine', () => {
  test('deliver twice → 409, and each need is completed once', async () => {
    const p = await openProject(t, as.staff);
    const n = await acceptedNeed(t, as.resident, as.staff);
    await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [n] });
    expect((await post(as.staff, `/api/v1/projects/${p.id}/deliver`)).body).toEqual({ delivered: 1, skipped: [] });
    const again = await post(as.staff, `/api/v1/projects/${p.id}/deliver`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '已交付的项目不能交付' });
    expect(await t.db.model(NeedEventModel).countDocuments({ needId: oid(n), action: 'complete' })).toBe(1);
  });

  test('simultaneous deliveries: one 200, the rest 409, every need completed exactly once', async () => {
    const p = await openProject(t, as.staff);
    const needs = [await acceptedNeed(t, as.resident, as.staff), await acceptedNeed(t, as.resident2, as.staff)];
    await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: needs });
    const res = await Promise.all(Array.from({ length: 8 }, () => post(as.staff, `/api/v1/projects/${p.id}/deliver`)));
    expect(res.filter((r) => r.status === 200).map((r) => r.body)).toEqual([{ delivered: 2, skipped: [] }]);
    expect(res.filter((r) => r.status === 409)).toHaveLength(7);
    for (const n of needs)
      expect(await t.db.model(NeedEventModel).countDocuments({ needId: oid(n), action: 'complete' })).toBe(1);
  });

  test('open twice, start a draft, deliver a draft, cancel a delivered project → 409', async () => {
    const draft = await createProject(t, as.staff);
    expect((await post(as.staff, `/api/v1/projects/${draft.id}/start`)).status).toBe(409);
    expect((await post(as.staff, `/api/v1/projects/${draft.id}/deliver`)).status).toBe(409);
    expect((await post(as.staff, `/api/v1/projects/${draft.id}/open`)).status).toBe(200);
    const twice = await post(as.staff, `/api/v1/projects/${draft.id}/open`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('已立项的项目不能立项公开');
    expect((await post(as.staff, `/api/v1/projects/${draft.id}/deliver`)).status).toBe(200);
    expect((await post(as.staff, `/api/v1/projects/${draft.id}/cancel`, { reason: '算了' })).status).toBe(409);
  });

  test('a delivered project no longer changes: details, milestones, needs', async () => {
    const p = await openProject(t, as.staff);
    const m = await post(as.staff, `/api/v1/projects/${p.id}/milestones`, { title: '施工', due: '2026-12-01' });
    await post(as.staff, `/api/v1/projects/${p.id}/deliver`);
    const n = await acceptedNeed(t, as.resident, as.staff);
    for (const res of [
      await patch(as.staff, `/api/v1/projects/${p.id}`, { title: '改名' }),
      await post(as.staff, `/api/v1/projects/${p.id}/milestones`, { title: '补充', due: '2026-12-02' }),
      await patch(as.staff, `/api/v1/projects/${p.id}/milestones/${m.body.id}`, { progress: 100 }),
      await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [n] }),
    ]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'INVALID_TRANSITION' });
    }
    // A public update after delivery is still welcome (验收、回访).
    expect((await post(as.staff, `/api/v1/projects/${p.id}/updates`, { text: '已验收' })).status).toBe(200);
  });

  test('category and community are fixed once needs are linked', async () => {
    const p = await openProject(t, as.staff);
    await post(as.staff, `/api/v1/projects/${p.id}/needs`, { needIds: [await acceptedNeed(t, as.resident, as.staff)] });
    const res = await patch(as.staff, `/api/v1/projects/${p.id}`, { categoryCode: 'culture' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CONFLICT');
    expect((await patch(as.staff, `/api/v1/projects/${p.id}`, { budgetFen: 1 })).body.budgetFen).toBe(1);
  });
});

describe('milestones and updates', () => {
  test('progress is an integer 0–100, due a YYYY-MM-DD day', async () => {
    const p = await openProject(t, as.staff);
    for (const [body, path] of [
      [{ title: '施工', due: '2026-12-01', progress: 101 }, 'body.progress'],
      [{ title: '施工', due: '2026-12-01', progress: 50.5 }, 'body.progress'],
      [{ title: '施工', due: '12/01/2026' }, 'body.due'],
      [{ title: '', due: '2026-12-01' }, 'body.title'],
    ] as const) {
      const res = await post(as.staff, `/api/v1/projects/${p.id}/milestones`, body);
      expect({ status: res.status, path: res.body.fields?.[0]?.path }).toEqual({ status: 400, path });
    }
    const m = await post(as.staff, `/api/v1/projects/${p.id}/milestones`, { title: '施工', due: '2026-12-01' });
    expect((await patch(as.staff, `/api/v1/projects/${p.id}/milestones/${m.body.id}`, {})).status).toBe(400);
    expect((await patch(as.staff, `/api/v1/projects/${p.id}/milestones/${m.body.id}`, { progress: -1 })).status).toBe(
      400,
    );
    const done = await patch(as.staff, `/api/v1/projects/${p.id}/milestones/${m.body.id}`, { progress: 100 });
    expect(done.body.doneAt).not.toBeNull();
    const undone = await patch(as.staff, `/api/v1/projects/${p.id}/milestones/${m.body.id}`, { progress: 90 });
    expect(undone.body.doneAt).toBeNull();
  });

  test("a milestone answers 404 through another project's path", async () => {
    const p = await openProject(t, as.staff);
    const q = await openProject(t, as.staff);
    const m = await post(as.staff, `/api/v1/projects/${p.id}/milestones`, { title: '施工', due: '2026-12-01' });
    expect((await patch(as.staff, `/api/v1/projects/${q.id}/milestones/${m.body.id}`, { progress: 10 })).status).toBe(
      404,
    );
  });

  test("an update's photos must be the author's own uploads", async () => {
    const p = await openProject(t, as.staff);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const theirs = await t
      .http()
      .post('/api/v1/uploads')
      .set('Authorization', as.resident)
      .set('Content-Type', 'image/png')
      .send(png);
    const mine = await t
      .http()
      .post('/api/v1/uploads')
      .set('Authorization', as.staff)
      .set('Content-Type', 'image/png')
      .send(png);
    expect([theirs.status, mine.status]).toEqual([200, 200]);
    const bad = await post(as.staff, `/api/v1/projects/${p.id}/updates`, {
      text: '现场照片',
      photos: [mine.body.id, theirs.body.id],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ path: 'body.photos.1', message: '没有找到这张照片' }]);
    const good = await post(as.staff, `/api/v1/projects/${p.id}/updates`, { text: '现场照片', photos: [mine.body.id] });
    expect(good.status).toBe(200);
    expect(good.body.photos).toEqual([{ id: mine.body.id, url: `/api/v1/uploads/${mine.body.id}` }]);
    const empty = await post(as.staff, `/api/v1/projects/${p.id}/updates`, { text: '  ' });
    expect(empty.status).toBe(400);
  });

  test('a cancelled project takes no more updates', async () => {
    const p = await openProject(t, as.staff);
    await post(as.staff, `/api/v1/projects/${p.id}/cancel`, { reason: '资金未落实' });
    const res = await post(as.staff, `/api/v1/projects/${p.id}/updates`, { text: '还在做吗' });
    expect(res.status).toBe(409);
  });
});

test('bad ids and unknown query parameters are 400; an unknown project 404', async () => {
  expect((await t.http().get('/api/v1/projects/xyz').set('Authorization', as.staff)).status).toBe(400);
  const q = await t.http().get('/api/v1/projects?status=finished&sort=1').set('Authorization', as.staff);
  expect(q.status).toBe(400);
  expect(q.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query', 'query.status']);
  expect(
    (
      await t
        .http()
        .get(`/api/v1/projects/${'0'.repeat(24)}`)
        .set('Authorization', as.staff)
    ).status,
  ).toBe(404);
});
