import { Types } from 'mongoose';
import type { FakeWechat } from '../support/fake-wechat';
import type { TestApp } from '../support/app';
import { startWithWechat, type WechatApp } from './notifications_support';
import { Clock } from '../../cloud/src/core/clock';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { Notifier, notificationId } from '../../cloud/src/notifications/notifier';
import { OUTBOX_RULES, OutboxDispatcher } from '../../cloud/src/notifications/outbox.dispatcher';
import { OutboxLeaseModel, OutboxModel, SubscribeConsentModel } from '../../cloud/src/notifications/outbox.model';
import { WxIdentityModel } from '../../cloud/src/people/user.model';
import { ZHUJIAN, blow, deptWhistle, step, uid } from './whistles_support';

// WeChat subscription messages through the outbox: at least once to WeChat, once in the app.
let app: WechatApp;
let wx: FakeWechat;
let t: TestApp;
let clock: Clock;
let dispatcher: OutboxDispatcher;
let notifier: Notifier;
const auth: Record<string, string> = {};
const OPENID = { department: 'o-wuwei', staff: 'o-chenjing' } as const;

beforeAll(async () => {
  app = await startWithWechat(__filename, OPENID);
  ({ wx, t, clock, dispatcher, notifier } = app);
  for (const a of ['staff', 'department', 'gridWorker', 'resident']) auth[a] = await t.signIn(a);
  // The official accepted whistle messages often enough for every send below (one acceptance, one
  // send: notifications_consent.test.ts covers running out).
  await acceptWhistles('department', 40);
});
async function acceptWhistles(account: string, times: number) {
  const at = new Date();
  const userId = new Types.ObjectId(uid(account));
  await t.db
    .model(SubscribeConsentModel)
    .insertMany(Array.from({ length: times }, () => ({ userId, topic: 'whistle', answer: 'accept', at })));
}
afterEach(async () => {
  clock.reset();
  await dispatcher.dispatchDue(); // nothing left over for the next test's counts
});
afterAll(() => app.close());

const rowsOf = (userId: string) =>
  t.db
    .model(OutboxModel)
    .find({ userId: new Types.ObjectId(userId) })
    .sort({ createdAt: 1 })
    .lean();
const sentTo = (openid: string) => wx.sent.filter((m) => m.touser === openid);
/** Notify the department's official once, with a fresh key. */
async function notifyDepartment(key: string, text = '新吹哨：南门小区化粪池外溢，请按时报到') {
  await notifier.notify([uid('department')], 'whistleBlown', text, { whistleId: 'w1' }, key);
  return (await t.db.model(OutboxModel).findById(rowIdOf(key)).lean())!;
}
/** The outbox row shares the notification's id. */
const rowIdOf = (key: string) => notificationId(uid('department'), `whistleBlown|${key}`);

test('blowing a whistle queues a subscription message for the WeChat-signed-in official and sends it in WeChat shape', async () => {
  const before = sentTo(OPENID.department).length;
  const w = await blow(t, auth.staff, deptWhistle({ title: '南门小区 2 号楼化粪池外溢，污水流到单元门口' }));
  const [row] = (await rowsOf(uid('department'))).filter((r) => r.page.includes(w.id));
  expect(row).toMatchObject({
    status: 'pending',
    topic: 'whistle',
    templateId: 'tpl-whistle',
    openid: OPENID.department,
  });

  expect((await dispatcher.dispatchDue()).sent).toBeGreaterThanOrEqual(1);
  const msgs = sentTo(OPENID.department).slice(before);
  expect(msgs).toHaveLength(1);
  expect(msgs[0]).toMatchObject({
    template_id: 'tpl-whistle',
    page: `packages/whistles/detail/index?id=${w.id}`,
    miniprogram_state: 'developer',
    lang: 'zh_CN',
  });
  // thing values are cut to WeChat's 20 characters; time is China time.
  expect([...msgs[0].data.thing1.value].length).toBeLessThanOrEqual(20);
  expect(msgs[0].data.thing1.value.startsWith('新吹哨')).toBe(true);
  expect(msgs[0].data.time2.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(wx.requests.some((u) => u.pathname === '/cgi-bin/stable_token')).toBe(true);
  expect((await t.db.model(OutboxModel).findById(row._id).lean())!.status).toBe('sent');

  // Users who signed in without WeChat (the demo grid worker) get the in-app message only.
  const report = await step(t, auth.department, w.id, ZHUJIAN, 'report');
  expect(report.targets[0].status).toBe('reported');
  expect(await t.db.model(OutboxModel).countDocuments({ userId: new Types.ObjectId(uid('gridWorker')) })).toBe(0);
  const told = await t.db
    .model(OutboxModel)
    .find({ userId: new Types.ObjectId(uid('staff')) })
    .lean();
  expect(told.map((r) => r.page)).toContain(`packages/whistles/detail/index?id=${w.id}`);
});

test('a retried notify writes one message and one outbox row; the list shows it once and marking read twice is harmless', async () => {
  await notifyDepartment('retry-1', '同一条消息');
  await notifyDepartment('retry-1', '同一条消息');
  expect(await t.db.model(NotificationModel).countDocuments({ text: '同一条消息' })).toBe(1);
  expect(await t.db.model(OutboxModel).countDocuments({ _id: rowIdOf('retry-1') })).toBe(1);

  // WeChat accepts the message but the answer is lost: the row is sent again (at least once)…
  wx.failNext('drop');
  const first = await dispatcher.dispatchDue();
  expect(first.retrying).toBe(1);
  clock.advance(OUTBOX_RULES.backoffMs(1));
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '同一条消息')).toHaveLength(2);

  // …and the app still shows it once.
  const list = await t.http().get('/api/v1/me/notifications?pageSize=50').set('Authorization', auth.department);
  const shown = list.body.items.filter((n: { text: string }) => n.text === '同一条消息');
  expect(shown).toHaveLength(1);
  const read = await t
    .http()
    .post(`/api/v1/me/notifications/${shown[0].id}/read`)
    .set('Authorization', auth.department);
  const again = await t
    .http()
    .post(`/api/v1/me/notifications/${shown[0].id}/read`)
    .set('Authorization', auth.department);
  expect(again.status).toBe(200);
  expect(again.body.readAt).toBe(read.body.readAt);
});

test('a sender that dies mid-send leaves its row claimed; after the lease runs out another sender sends it', async () => {
  const row = await notifyDepartment('crash-1', '崩溃后重发');
  // The crashed sender took the lease and never sent or marked anything.
  expect(await dispatcher.claim(row, 'crashed-sender')).toBe(1);
  expect((await t.db.model(OutboxModel).findById(row._id).lean())!.status).toBe('sending');

  // While the lease holds, nobody else sends it.
  clock.advance(OUTBOX_RULES.leaseMs - 1000);
  await dispatcher.dispatchDue();
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '崩溃后重发')).toHaveLength(0);

  clock.advance(2000);
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '崩溃后重发')).toHaveLength(1);
  expect((await t.db.model(OutboxModel).findById(row._id).lean())!).toMatchObject({ status: 'sent', leaseNo: 2 });
});

test('a sender that died between taking its lease and marking the row does not block the row for good', async () => {
  const row = await notifyDepartment('crash-2', '租约未落盘');
  await t.db.model(OutboxLeaseModel).create({
    _id: `${row._id}#1`,
    rowId: row._id,
    owner: 'dead',
    until: new Date(clock.now().getTime() + OUTBOX_RULES.leaseMs),
  });
  await dispatcher.dispatchDue();
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '租约未落盘')).toHaveLength(0);
  clock.advance(OUTBOX_RULES.leaseMs + 1000);
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '租约未落盘')).toHaveLength(1);
});

test('43101 (not subscribed) marks the row skipped and it is never retried', async () => {
  // We hold an acceptance, but WeChat no longer does (e.g. the person turned messages off since).
  await acceptWhistles('gridWorker', 1);
  wx.refuse('o-refuser');
  await t.db.model(WxIdentityModel).create({
    _id: 'o-refuser',
    userId: new Types.ObjectId(uid('gridWorker')),
    unionId: null,
    sessionKey: 'sk',
    updatedAt: new Date(),
  });
  await notifier.notify([uid('gridWorker')], 'whistleReported', '未订阅的人', { whistleId: 'w2' }, 'refused-1');
  const calls = () => wx.requests.filter((u) => u.pathname === '/cgi-bin/message/subscribe/send').length;
  const before = calls();
  expect((await dispatcher.dispatchDue()).skipped).toBe(1);
  const [row] = await rowsOf(uid('gridWorker'));
  expect(row).toMatchObject({ status: 'skipped', attempts: 0 });
  expect(row.lastError).toContain('43101');
  clock.advance(24 * 3600_000);
  await dispatcher.dispatchDue();
  expect(calls()).toBe(before + 1);
  // The in-app message is there all the same.
  expect(await t.db.model(NotificationModel).countDocuments({ text: '未订阅的人' })).toBe(1);
});

test('an expired or invalid access token is refreshed and the message sent in the same pass', async () => {
  await dispatcher.dispatchDue();
  const tokensBefore = wx.tokens.length;
  wx.expireTokens(); // 42001 for every token handed out so far
  await notifyDepartment('token-1', '令牌过期后发送');
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(wx.tokens.length).toBe(tokensBefore + 1);
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '令牌过期后发送')).toHaveLength(1);

  // The new token is cached: the next message asks for none.
  await notifyDepartment('token-2', '缓存的令牌');
  await dispatcher.dispatchDue();
  expect(wx.tokens.length).toBe(tokensBefore + 1);
  // Past its expiry (2 hours) the token is fetched again.
  clock.advance(2 * 3600_000);
  await notifyDepartment('token-3', '令牌到期后重取');
  await dispatcher.dispatchDue();
  expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === '令牌到期后重取')).toHaveLength(1);
  const fetched = wx.requests.filter((u) => u.pathname === '/cgi-bin/stable_token').length;
  expect(fetched).toBeGreaterThan(tokensBefore + 1);
});

test('other errors are retried with growing waits and given up after the last attempt', async () => {
  const row = await notifyDepartment('busy-1', '一直失败');
  wx.failNext(-1, OUTBOX_RULES.maxAttempts - 1);
  wx.failNext('http500');
  for (let attempt = 1; attempt < OUTBOX_RULES.maxAttempts; attempt++) {
    expect((await dispatcher.dispatchDue()).retrying).toBe(1);
    const now = await t.db.model(OutboxModel).findById(row._id).lean();
    expect(now).toMatchObject({ status: 'pending', attempts: attempt });
    // Not before its wait is over.
    clock.advance(OUTBOX_RULES.backoffMs(attempt) - 1000);
    expect((await dispatcher.dispatchDue()).retrying).toBe(0);
    clock.advance(1000);
  }
  expect((await dispatcher.dispatchDue()).failed).toBe(1);
  expect((await t.db.model(OutboxModel).findById(row._id).lean())!).toMatchObject({
    status: 'failed',
    attempts: OUTBOX_RULES.maxAttempts,
  });
  clock.advance(3600_000);
  expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 0 });
});

test('four senders at once send every row exactly once', async () => {
  const keys = Array.from({ length: 8 }, (_, i) => `race-${i}`);
  for (const k of keys) await notifyDepartment(k, `并发 ${k}`);
  wx.setDelay(150);
  try {
    const results = await Promise.all([1, 2, 3, 4].map(() => dispatcher.dispatchDue()));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(keys.length);
  } finally {
    wx.setDelay(0);
  }
  for (const k of keys)
    expect(sentTo(OPENID.department).filter((m) => m.data.thing1.value === `并发 ${k}`)).toHaveLength(1);
});

test('subscription templates and consent counts: any signed-in role, never anonymous', async () => {
  for (const a of ['resident', 'staff', 'department']) {
    const res = await t.http().get('/api/v1/me/subscribe-templates').set('Authorization', auth[a]);
    expect(res.status).toBe(200);
    expect(res.body.templates).toEqual({ whistle: 'tpl-whistle', need: 'tpl-need', activity: null });
  }
  expect((await t.http().get('/api/v1/me/subscribe-templates')).status).toBe(401);

  const consent = (a: string, body: unknown) =>
    t.http().post('/api/v1/me/subscribe-consents').set('Authorization', auth[a]).send(body);
  expect((await consent('staff', { topic: 'whistle', answer: 'accept' })).body).toEqual({
    topic: 'whistle',
    accepted: 1,
    refused: 0,
  });
  await consent('staff', { topic: 'whistle', answer: 'reject' });
  expect((await consent('staff', { topic: 'whistle', answer: 'accept' })).body).toMatchObject({
    accepted: 2,
    refused: 1,
  });
  expect((await consent('resident', { topic: 'need', answer: 'accept' })).body).toMatchObject({ accepted: 1 });
  const bad = await consent('resident', { topic: 'whistle', answer: 'maybe' });
  expect(bad.status).toBe(400);
  expect(bad.body.fields[0].path).toBe('body.answer');
  expect((await t.http().post('/api/v1/me/subscribe-consents').send({ topic: 'need', answer: 'accept' })).status).toBe(
    401,
  );
});
