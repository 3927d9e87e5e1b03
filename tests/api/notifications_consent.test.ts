import { Types } from 'mongoose';
import type { FakeWechat } from '../support/fake-wechat';
import type { TestApp } from '../support/app';
import { startWithWechat, type WechatApp } from './notifications_support';
import { NotificationModel } from '../../cloud/src/notifications/notification.model';
import { Notifier, notificationId } from '../../cloud/src/notifications/notifier';
import { NO_CONSENT, OUTBOX_RULES, OutboxDispatcher } from '../../cloud/src/notifications/outbox.dispatcher';
import { OutboxModel, SubscribeConsentUseModel } from '../../cloud/src/notifications/outbox.model';
import { Clock } from '../../cloud/src/core/clock';
import { uid } from './whistles_support';

// WeChat sends a subscription message only against one acceptance of wx.requestSubscribeMessage:
// without an unused one we do not call WeChat at all (the row is skipped, the in-app message stays).
let app: WechatApp;
let wx: FakeWechat;
let t: TestApp;
let clock: Clock;
let dispatcher: OutboxDispatcher;
let notifier: Notifier;
const auth: Record<string, string> = {};
const OPENID = { resident: 'o-zhang', resident2: 'o-li', volunteer: 'o-wang', partyMember: 'o-liu' } as const;

beforeAll(async () => {
  app = await startWithWechat(__filename, OPENID);
  ({ wx, t, clock, dispatcher, notifier } = app);
  for (const account of Object.keys(OPENID)) auth[account] = await t.signIn(account);
});
afterEach(() => clock.reset());
afterAll(() => app.close());

/** Every call to subscribeMessage.send so far (tests run in order: each checks its own difference). */
const sendCalls = () => wx.requests.filter((u) => u.pathname === '/cgi-bin/message/subscribe/send').length;
const sentTo = (openid: string) => wx.sent.filter((m) => m.touser === openid);
const consent = (account: string, topic: string, answer: string) =>
  t.http().post('/api/v1/me/subscribe-consents').set('Authorization', auth[account]).send({ topic, answer });
async function notify(account: string, key: string, text: string, kind = 'whistleBlown') {
  await notifier.notify([uid(account)], kind, text, { whistleId: 'w1' }, key);
  return notificationId(uid(account), `${kind}|${key}`);
}
const rowOf = async (id: Types.ObjectId) => (await t.db.model(OutboxModel).findById(id).lean())!;

test('a user who never accepted: WeChat is not called, the row is skipped with the reason and never retried, the in-app message stays', async () => {
  // A refusal is not an acceptance.
  await consent('resident', 'whistle', 'reject');
  const before = sendCalls();
  const id = await notify('resident', 'none-1', '没有同意订阅');
  expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, skipped: 1, retrying: 0, failed: 0 });
  expect(sendCalls()).toBe(before);
  expect(await rowOf(id)).toMatchObject({ status: 'skipped', lastError: NO_CONSENT, attempts: 0 });

  clock.advance(24 * 3600_000);
  expect(await dispatcher.dispatchDue()).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 0 });
  expect(sendCalls()).toBe(before);
  expect(await t.db.model(NotificationModel).countDocuments({ _id: id })).toBe(1);
  const inbox = await t.http().get('/api/v1/me/notifications?pageSize=50').set('Authorization', auth.resident);
  expect(inbox.body.items.map((n: { text: string }) => n.text)).toContain('没有同意订阅');
});

test('one acceptance allows one send: the next message is skipped without calling WeChat', async () => {
  expect((await consent('resident2', 'whistle', 'accept')).body).toMatchObject({ accepted: 1 });
  const first = await notify('resident2', 'one-1', '第一条');
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(sentTo(OPENID.resident2).map((m) => m.data.thing1.value)).toEqual(['第一条']);

  const before = sendCalls();
  const second = await notify('resident2', 'one-2', '第二条');
  expect((await dispatcher.dispatchDue()).skipped).toBe(1);
  expect(sendCalls()).toBe(before);
  expect(await rowOf(first)).toMatchObject({ status: 'sent' });
  expect(await rowOf(second)).toMatchObject({ status: 'skipped', lastError: NO_CONSENT });

  // An acceptance of another topic does not count; a new one for this topic does (for new messages).
  await consent('resident2', 'need', 'accept');
  const third = await notify('resident2', 'one-3', '第三条');
  expect((await dispatcher.dispatchDue()).skipped).toBe(1);
  await consent('resident2', 'whistle', 'accept');
  const fourth = await notify('resident2', 'one-4', '第四条');
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(await rowOf(third)).toMatchObject({ status: 'skipped' });
  expect(sentTo(OPENID.resident2).map((m) => m.data.thing1.value)).toEqual(['第一条', '第四条']);
  expect(await rowOf(fourth)).toMatchObject({ status: 'sent' });
});

test('a retried row keeps the acceptance it took: it is resent, and no second acceptance is spent', async () => {
  await consent('volunteer', 'whistle', 'accept');
  await consent('volunteer', 'whistle', 'accept');
  const id = await notify('volunteer', 'retry-1', '重试用同一次同意');
  wx.failNext(-1);
  expect((await dispatcher.dispatchDue()).retrying).toBe(1);
  clock.advance(OUTBOX_RULES.backoffMs(1));
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
  const userId = new Types.ObjectId(uid('volunteer'));
  expect(await t.db.model(SubscribeConsentUseModel).countDocuments({ userId })).toBe(1);
  // The second acceptance is still there for the next message.
  await notify('volunteer', 'retry-2', '第二次同意');
  expect((await dispatcher.dispatchDue()).sent).toBe(1);
  expect(sentTo(OPENID.volunteer)).toHaveLength(2);
});

test('four senders at once spend one acceptance once: of three messages exactly one reaches WeChat', async () => {
  await consent('partyMember', 'whistle', 'accept');
  for (const k of ['race-1', 'race-2', 'race-3']) await notify('partyMember', k, `并发 ${k}`);
  wx.setDelay(100);
  try {
    const results = await Promise.all([1, 2, 3, 4].map(() => dispatcher.dispatchDue()));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.skipped, 0)).toBe(2);
  } finally {
    wx.setDelay(0);
  }
  expect(sentTo(OPENID.partyMember)).toHaveLength(1);
  const rows = await t.db
    .model(OutboxModel)
    .find({ userId: new Types.ObjectId(uid('partyMember')) })
    .lean();
  expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'skipped', 'skipped']);
});
