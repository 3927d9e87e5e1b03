import { createHash } from 'node:crypto';
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
import { UploadModel } from '../../cloud/src/uploads/upload.model';
import { FindingModel } from '../../cloud/src/grids/finding.model';
import { NoticeModel } from '../../cloud/src/notices/notice.model';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { WxIdentityModel } from '../../cloud/src/people/user.model';
import { WhistleModel } from '../../cloud/src/whistles/whistle.model';
import { Clock } from '../../cloud/src/core/clock';
import { PNG, legalOrder, upload } from './needs_support';
import { NANMEN, get, setHome, wxSignIn } from './people_join_support';
import { deptWhistle, uid } from './whistles_support';
import { patrolBody } from './grids_support';

// 内容安全 (README): texts through msgSecCheck v2, photos through mediaCheckAsync and its pushed verdict.

const PUSH_TOKEN = 'push-token-test';
let wx: FakeWechat;
let t: TestApp;

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, {
    WX_API_BASE: wx.base,
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
    WX_PUSH_TOKEN: PUSH_TOKEN,
  });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

/** A resident signed in with WeChat (`openid`), living in 南门社区. */
async function resident(openid: string) {
  const r = await wxSignIn(t, openid);
  expect((await setHome(t, r.auth, { communityId: NANMEN })).status).toBe(200);
  return r;
}
const createNeed = (auth: string, extra: Record<string, unknown>) =>
  t.http().post('/api/v1/needs').set('Authorization', auth).send(legalOrder(extra));

/** WeChat's message push of a photo verdict, signed as WeChat signs it (or not). */
function push(body: Record<string, unknown>, token = PUSH_TOKEN) {
  const timestamp = '1765000000';
  const nonce = 'n0nce42';
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return t.http().post('/api/v1/wechat/push').query({ signature, timestamp, nonce }).send(body);
}

test('WeChat’s check of the push address is echoed only when signed with WX_PUSH_TOKEN', async () => {
  const query = (token: string) => {
    const [timestamp, nonce] = ['1765000001', 'abc'];
    const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
    return { signature, timestamp, nonce, echostr: '4815162342' };
  };
  const ok = await t.http().get('/api/v1/wechat/push').query(query(PUSH_TOKEN));
  expect([ok.status, ok.text]).toEqual([200, '4815162342']);
  const forged = await t.http().get('/api/v1/wechat/push').query(query('not-ours'));
  expect([forged.status, forged.body.code]).toEqual([403, 'FORBIDDEN']);
});

/** The photo check WeChat was asked for, by the upload's id. */
const checkOf = (id: string) => wx.mediaChecks.find((c) => new URL(c.media_url).pathname.includes(`/uploads/${id}/`));
/** The path and query of an address (the test app is reached through supertest, not PUBLIC_URL). */
const pathOf = (address: string) => {
  const u = new URL(address);
  return u.pathname + u.search;
};

test('the signed address WeChat fetches a photo from works only as signed and only for an hour', async () => {
  const r = await resident('cs-fetch');
  const up = await upload(t, r.auth);
  const address = new URL(checkOf(up.body.id)!.media_url);
  expect(address.pathname).toBe(`/api/v1/uploads/${up.body.id}/for-check`);
  const sig = address.searchParams.get('sig')!;
  const tampered = new URL(address);
  tampered.searchParams.set('sig', (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1));
  const later = new URL(address);
  later.searchParams.set('expires', String(Number(address.searchParams.get('expires')) + 3_600_000));
  expect((await t.http().get(pathOf(address.href))).status).toBe(200);
  expect((await t.http().get(pathOf(tampered.href))).status).toBe(404);
  expect((await t.http().get(pathOf(later.href))).status).toBe(404);
  const clock = await t.get(Clock);
  clock.advance(61 * 60_000);
  try {
    expect((await t.http().get(pathOf(address.href))).status).toBe(404);
  } finally {
    clock.reset();
  }
});

test('a risky need description is refused with CONTENT_RISKY naming the field, and nothing is stored', async () => {
  const r = await resident('cs-risky');
  const before = await t.db.model(NeedModel).countDocuments();
  const res = await createNeed(r.auth, { description: `楼道里有人在卖${RISKY_WORD}，请处理` });
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ code: 'CONTENT_RISKY', message: '内容含有不适宜发布的信息，请修改后再提交' });
  expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.description']);
  expect(await t.db.model(NeedModel).countDocuments()).toBe(before);
  // WeChat was asked with the author's openid, in v2's shape.
  expect(wx.textChecks.at(-1)).toMatchObject({ openid: 'cs-risky', scene: 3 });
});

test('a clean need is checked and stored unmarked; one WeChat wants reviewed is stored marked pending', async () => {
  const r = await resident('cs-pass');
  const asked = wx.textChecks.length;
  const ok = await createNeed(r.auth, { description: '邻居装修把我家墙面弄裂了，想咨询怎么索赔' });
  expect(ok.status).toBe(200);
  expect(wx.textChecks.slice(asked).map((c) => c.content)).toContain('邻居装修把我家墙面弄裂了，想咨询怎么索赔');
  expect((await t.db.model(NeedModel).findById(ok.body.id).lean())?.contentReview).toBeUndefined();

  const review = await createNeed(r.auth, { description: `墙面开裂，${REVIEW_WORD}` });
  expect(review.status).toBe(200);
  expect((await t.db.model(NeedModel).findById(review.body.id).lean())?.contentReview).toBe('pending');
});

test('when WeChat answers an error or cannot be reached, the need is accepted and marked for review', async () => {
  for (const openid of ['wxerr-cs', 'wxdown-cs']) {
    const r = await resident(openid);
    // Even the risky marker passes: nobody could judge it, so staff are to look.
    const res = await createNeed(r.auth, { description: `外墙脱落 ${RISKY_WORD}` });
    expect(res.status).toBe(200);
    expect((await t.db.model(NeedModel).findById(res.body.id).lean())?.contentReview).toBe('pending');
  }
});

test('an account without an openid (demo sign-in) is not checked', async () => {
  const demo = await t.signIn('resident');
  const asked = wx.textChecks.length;
  const res = await createNeed(demo, { description: `咨询 ${RISKY_WORD}` });
  expect(res.status).toBe(200);
  expect(wx.textChecks.length).toBe(asked);
  expect((await t.db.model(NeedModel).findById(res.body.id).lean())?.contentReview).toBeUndefined();
});

test('a whistle with a risky title is refused naming the title; an unjudged one is stored marked', async () => {
  const staff = await t.signIn('staff');
  const identity = { userId: uid('staff'), unionId: null, sessionKey: 'sk', updatedAt: new Date() };
  await t.db.model(WxIdentityModel).create({ _id: 'cs-staff', ...identity });
  const before = await t.db.model(WhistleModel).countDocuments();
  const res = await t
    .http()
    .post('/api/v1/whistles')
    .set('Authorization', staff)
    .send(deptWhistle({ title: `化粪池外溢${RISKY_WORD}` }));
  expect([res.status, res.body.code]).toEqual([422, 'CONTENT_RISKY']);
  expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.title']);
  expect(await t.db.model(WhistleModel).countDocuments()).toBe(before);

  await t.db
    .model(WxIdentityModel)
    .create({ _id: 'wxdown-cs-staff', ...identity, updatedAt: new Date(Date.now() + 1000) });
  const down = await t.http().post('/api/v1/whistles').set('Authorization', staff).send(deptWhistle());
  expect(down.status).toBe(200);
  expect((await t.db.model(WhistleModel).findById(down.body.id).lean())?.contentReview).toBe('pending');
});

test('a notice with a risky body is refused naming the body; one WeChat wants reviewed is posted marked', async () => {
  // The demo staff account has an openid from the whistle test above (the latest, wxdown-, fails): a fresh one.
  const staff = await t.signIn('staff');
  const identity = { userId: uid('staff'), unionId: null, sessionKey: 'sk', updatedAt: new Date(Date.now() + 2000) };
  await t.db.model(WxIdentityModel).create({ _id: 'cs-staff-notice', ...identity });
  const post = (body: Record<string, unknown>) =>
    t.http().post('/api/v1/notices').set('Authorization', staff).send(body);
  const before = await t.db.model(NoticeModel).countDocuments();
  const risky = await post({ title: '采样点调整', body: `采样点改到${RISKY_WORD}一楼。` });
  expect([risky.status, risky.body.code]).toEqual([422, 'CONTENT_RISKY']);
  expect(risky.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.body']);
  expect(await t.db.model(NoticeModel).countDocuments()).toBe(before);
  expect(wx.textChecks.at(-1)?.openid).toBe('cs-staff-notice');

  const review = await post({ title: `采样点调整${REVIEW_WORD}`, body: '采样点改到党群服务中心一楼。' });
  expect(review.status).toBe(200);
  expect((await t.db.model(NoticeModel).findById(review.body.id).lean())?.contentReview).toBe('pending');
});

test('a patrol finding with a risky description is refused naming it; an unjudged one is stored marked', async () => {
  const worker = await t.signIn('gridWorker');
  const identity = { userId: uid('gridWorker'), unionId: null, sessionKey: 'sk', updatedAt: new Date() };
  await t.db.model(WxIdentityModel).create({ _id: 'cs-worker', ...identity });
  const log = async (findings: Record<string, unknown>[]) =>
    t
      .http()
      .post('/api/v1/patrols')
      .set('Authorization', worker)
      .send(await patrolBody(t, { findings }));
  const before = await t.db.model(FindingModel).countDocuments();
  const risky = await log([
    { category: 'sanitation', description: '小区北门垃圾桶满溢' },
    { category: 'other', description: `路口${RISKY_WORD}` },
  ]);
  expect([risky.status, risky.body.code]).toEqual([422, 'CONTENT_RISKY']);
  expect(risky.body.fields.map((f: { path: string }) => f.path)).toEqual(['body.findings.1.description']);
  expect(await t.db.model(FindingModel).countDocuments()).toBe(before);

  const ok = await log([
    { category: 'sanitation', description: '小区北门垃圾桶满溢' },
    { category: 'other', description: `路口积水${REVIEW_WORD}` },
  ]);
  expect(ok.status).toBe(200);
  const stored = await t.db.model(FindingModel).find({ patrolId: ok.body.id }).sort({ description: 1 }).lean();
  expect(stored.map((f) => [f.description, f.contentReview])).toEqual(
    expect.arrayContaining([
      ['小区北门垃圾桶满溢', undefined],
      [`路口积水${REVIEW_WORD}`, 'pending'],
    ]),
  );
  expect(stored).toHaveLength(2);
});

test('a photo WeChat later judges risky is hidden from everyone and its author told', async () => {
  const r = await resident('cs-photo');
  const up = await upload(t, r.auth);
  expect(up.status).toBe(200);
  const check = checkOf(up.body.id);
  expect(check).toMatchObject({ openid: 'cs-photo', scene: 3 });
  expect((await t.db.model(UploadModel).findById(up.body.id).lean())?.checkTraceId).toBe(check!.trace_id);
  expect((await get(t, r.auth, up.body.url)).status).toBe(200);
  // WeChat fetches the photo, without a sign-in, at the signed address it was given.
  const forCheck = pathOf(check!.media_url);
  const fetched = await t.http().get(forCheck).buffer(true);
  expect([fetched.status, fetched.headers['content-type']]).toEqual([200, 'image/png']);
  expect(Buffer.from(fetched.body).equals(PNG)).toBe(true);

  const verdict = {
    ToUserName: 'gh_fake',
    FromUserName: 'system',
    CreateTime: 1765000000,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: FAKE_APPID,
    trace_id: check!.trace_id,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: 'risky', label: 20002 },
  };
  // Not signed with our token: refused, and the photo stays.
  const forged = await push(verdict, 'someone-else');
  expect([forged.status, forged.body.code]).toEqual([403, 'FORBIDDEN']);
  expect((await get(t, r.auth, up.body.url)).status).toBe(200);

  const res = await push(verdict);
  expect([res.status, res.text]).toEqual([200, 'success']);
  expect((await get(t, r.auth, up.body.url)).status).toBe(404);
  expect((await t.http().get(forCheck)).status).toBe(404);
  const told = await t.db.model(NotificationModel).find({ userId: r.user.id, kind: 'photoHidden' }).lean();
  expect(told.map((n) => n.text)).toEqual(['您上传的照片未通过内容安全检查，已被隐藏']);
  // WeChat repeats a push it thinks was lost: still one message.
  await push(verdict);
  expect(await t.db.model(NotificationModel).countDocuments({ userId: r.user.id, kind: 'photoHidden' })).toBe(1);
});

test('a photo WeChat passes stays shown; one WeChat could not take is marked for review', async () => {
  const r = await resident('cs-photo-ok');
  const up = await upload(t, r.auth);
  const check = checkOf(up.body.id)!;
  const res = await push({ Event: 'wxa_media_check', trace_id: check.trace_id, result: { suggest: 'pass' } });
  expect(res.status).toBe(200);
  expect((await get(t, r.auth, up.body.url)).status).toBe(200);

  const down = await resident('wxerr-cs-photo');
  const up2 = await upload(t, down.auth);
  expect(up2.status).toBe(200);
  expect((await t.db.model(UploadModel).findById(up2.body.id).lean())?.contentReview).toBe('pending');
  expect((await get(t, down.auth, up2.body.url)).status).toBe(200);
});
