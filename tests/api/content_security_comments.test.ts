import {
  FAKE_APPID,
  FAKE_SECRET,
  REVIEW_WORD,
  RISKY_WORD,
  startFakeWechat,
  type FakeWechat,
} from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { NeedModel } from '../../cloud/src/needs/need.model';
import { ProjectUpdateModel } from '../../cloud/src/projects/project-update.model';
import { EvaluationModel } from '../../cloud/src/party/registration.model';
import { WxIdentityModel } from '../../cloud/src/people/user.model';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import { WhistleEventModel } from '../../cloud/src/whistles/whistle-event.model';
import { act as needAct, legalOrder, target } from './needs_support';
import { NANMEN, setHome, wxSignIn } from './people_join_support';
import { createProject } from './projects_support';
import { ZHUJIAN, act as whistleAct, blow, step, uid } from './whistles_support';

// 内容安全 of what people write about others' work: a rating's comment, a whistle's comment, reason,
// note or result, a project's public progress note, the community's evaluation of a party member.
// A risky word is refused naming the field and nothing is stored; a text WeChat wants reviewed is
// stored and its record marked for staff.
let wx: FakeWechat;
let t: TestApp;
const auth: Record<string, string> = {};
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, {
    SEED_DEMO: 'full',
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
  });
  // The demo staff and department accounts get a WeChat identity: WeChat checks only its users' words.
  for (const a of ['staff', 'department']) {
    auth[a] = await t.signIn(a);
    await t.db
      .model(WxIdentityModel)
      .create({ _id: `csc-${a}`, userId: uid(a), unionId: null, sessionKey: 'sk', updatedAt: new Date() });
  }
}, 120_000);
afterAll(async () => {
  await t.close();
  await wx.close();
});

test('a rating’s comment: risky refused naming body.comment, unjudged kept and the order marked', async () => {
  const resident = await wxSignIn(t, 'csc-resident');
  expect((await setHome(t, resident.auth, { communityId: NANMEN })).status).toBe(200);
  const done = async () => {
    const created = await t.http().post('/api/v1/needs').set('Authorization', resident.auth).send(legalOrder());
    expect(created.status).toBe(200);
    const resource = await target(t, 'resources');
    for (const [step, body] of [
      ['accept', {}],
      ['dispatch', { kind: 'resource', targetId: resource }],
      ['start', {}],
      ['complete', { note: '已面谈' }],
    ] as [string, Record<string, unknown>][])
      expect((await needAct(t, auth.staff, created.body.id, step, body)).status).toBe(200);
    return created.body.id as string;
  };
  const first = await done();
  const risky = await needAct(t, resident.auth, first, 'rate', { stars: 1, comment: `${RISKY_WORD}，太差了` });
  expect([risky.status, risky.body.code]).toEqual([422, 'CONTENT_RISKY']);
  expect(risky.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.comment']);
  expect((await t.db.model(NeedModel).findById(first).lean())?.status).toBe('done');
  expect(wx.textChecks.at(-1)).toMatchObject({ openid: 'csc-resident', scene: 2 });

  const second = await done();
  const kept = await needAct(t, resident.auth, second, 'rate', { stars: 4, comment: `还行${REVIEW_WORD}` });
  expect(kept.status).toBe(200);
  expect(await t.db.model(NeedModel).findById(second).lean()).toMatchObject({
    status: 'closed',
    contentReview: 'pending',
  });
});

test('a whistle: the department’s result and the confirming comment are checked', async () => {
  const w = await blow(t, auth.staff);
  await step(t, auth.department, w.id, ZHUJIAN, 'report');
  const events = () => t.db.model(WhistleEventModel).countDocuments({ whistleId: w.id });
  const before = await events();
  const risky = await whistleAct(t, auth.department, w.id, ZHUJIAN, 'resolve', { result: `已处置${RISKY_WORD}` });
  expect([risky.status, risky.body.code]).toEqual([422, 'CONTENT_RISKY']);
  expect(risky.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.result']);
  expect(await events()).toBe(before);
  await step(t, auth.department, w.id, ZHUJIAN, 'resolve');

  const comment = await whistleAct(t, auth.staff, w.id, ZHUJIAN, 'confirm', { comment: `${RISKY_WORD}` });
  expect([comment.status, comment.body.fields?.[0]?.path]).toEqual([422, 'body.comment']);
  await step(t, auth.staff, w.id, ZHUJIAN, 'confirm', { comment: `处理得快${REVIEW_WORD}` });
  expect((await t.db.model(WhistleModel).findById(w.id).lean())?.contentReview).toBe('pending');
});

test('a project’s public progress note: risky refused, unjudged kept marked', async () => {
  const project = await createProject(t, auth.staff);
  const post = (text: string) =>
    t.http().post(`/api/v1/projects/${project.id}/updates`).set('Authorization', auth.staff).send({ text });
  const risky = await post(`清运完成${RISKY_WORD}`);
  expect([risky.status, risky.body.fields?.[0]?.path]).toEqual([422, 'body.text']);
  expect(await t.db.model(ProjectUpdateModel).countDocuments({ projectId: project.id })).toBe(0);
  const kept = await post(`清运完成${REVIEW_WORD}`);
  expect(kept.status).toBe(200);
  expect((await t.db.model(ProjectUpdateModel).findById(kept.body.id).lean())?.contentReview).toBe('pending');
});

test('the community’s evaluation of a registered party member: risky refused', async () => {
  const member = await t.signIn('partyMember');
  const mine = await t.http().get('/api/v1/party/registration').set('Authorization', member);
  const registered = await t
    .http()
    .post('/api/v1/party/registration')
    .set('Authorization', member)
    .send({ postId: mine.body.posts[0].id, unitId: mine.body.units[0].id });
  expect(registered.status).toBe(200);
  const evaluate = (comment: string) =>
    t
      .http()
      .post('/api/v1/party/evaluations')
      .set('Authorization', auth.staff)
      .send({ registrationId: registered.body.id, year: new Date().getFullYear(), rating: 'good', comment });
  const risky = await evaluate(`表现${RISKY_WORD}`);
  expect([risky.status, risky.body.fields?.[0]?.path]).toEqual([422, 'body.comment']);
  const mineNow = () => t.db.model(EvaluationModel).findOne({ registrationId: registered.body.id }).lean();
  expect(await mineNow()).toBeNull();
  expect((await evaluate(`表现良好${REVIEW_WORD}`)).status).toBe(200);
  expect((await mineNow())?.contentReview).toBe('pending');
});
