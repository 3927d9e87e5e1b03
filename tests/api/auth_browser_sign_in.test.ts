import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { Clock } from '../../cloud/src/core/clock';
import { LOGIN_TICKET_SECONDS } from '@gongzhi/shared';
import { me, wxPerson } from './grants_support';

// The H5 version signs in by scanning: the browser shows a ticket's QR code, the signed-in
// mini-program confirms, the browser collects a session once. The person lists and ends sessions.
let wx: FakeWechat;
let t: TestApp;
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
});
afterEach(async () => (await t.get(Clock)).reset());
afterAll(async () => {
  await t.close();
  await wx.close();
});

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const newTicket = () => t.http().post('/api/v1/auth/qr-tickets').set('User-Agent', CHROME);
const poll = (id: string, secret: string) => t.http().get(`/api/v1/auth/qr-tickets/${id}?secret=${secret}`);
const step = (auth: string, id: string, what: 'scan' | 'confirm' | 'cancel') =>
  t.http().post(`/api/v1/auth/qr-tickets/${id}/${what}`).set('Authorization', auth);

test('scan, confirm, collect once: the browser is signed in as the person who confirmed', async () => {
  const phone = await wxPerson(t, 'scanner');
  const ticket = await newTicket();
  expect(ticket.status).toBe(200);
  expect(ticket.body.link).toBe(`http://127.0.0.1:0/#/packages/account/scan-login/index?ticket=${ticket.body.id}`);
  expect(ticket.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
  const { id, secret } = ticket.body;
  expect((await poll(id, secret)).body).toEqual({ status: 'waiting', session: null });

  const scanned = await step(phone.auth, id, 'scan');
  expect(scanned.body).toMatchObject({ status: 'scanned', browser: 'Chrome · Windows' });
  expect((await poll(id, secret)).body.status).toBe('scanned');
  expect((await step(phone.auth, id, 'confirm')).body.status).toBe('confirmed');

  const collected = await poll(id, secret);
  expect(collected.body.status).toBe('confirmed');
  expect(collected.body.session.user.id).toBe(phone.id);
  const hours = (Date.parse(collected.body.session.expiresAt) - Date.now()) / 3_600_000;
  expect(hours).toBeGreaterThan(11.9);
  expect(hours).toBeLessThanOrEqual(12);
  // Once: a second poll (or someone who learnt the secret later) gets no token.
  expect((await poll(id, secret)).body).toEqual({ status: 'confirmed', session: null });
  const browser = `Bearer ${collected.body.session.token}`;
  expect((await me(t, browser)).body.id).toBe(phone.id);

  const sessions = await t.http().get('/api/v1/me/sessions').set('Authorization', browser);
  expect(sessions.body.items).toEqual([expect.objectContaining({ browser: 'Chrome · Windows', current: true })]);
  const fromPhone = await t.http().get('/api/v1/me/sessions').set('Authorization', phone.auth);
  expect(fromPhone.body.items[0].current).toBe(false);

  // The person ends it from the mini-program: the browser's next request is refused.
  const end = await t
    .http()
    .post(`/api/v1/me/sessions/${sessions.body.items[0].id}/end`)
    .set('Authorization', phone.auth);
  expect(end.status).toBe(200);
  expect((await me(t, browser)).status).toBe(401);
  expect((await me(t, phone.auth)).status).toBe(200);
  expect((await t.http().get('/api/v1/me/sessions').set('Authorization', phone.auth)).body.items).toEqual([]);
});

test('signing out of the browser ends its session; a browser cannot confirm another browser', async () => {
  const phone = await wxPerson(t, 'signs-out');
  const first = (await newTicket()).body;
  await step(phone.auth, first.id, 'confirm');
  const browser = `Bearer ${(await poll(first.id, first.secret)).body.session.token}`;
  const second = (await newTicket()).body;
  const refused = await step(browser, second.id, 'confirm');
  expect([refused.status, refused.body.message]).toEqual([403, '请在微信小程序里扫码确认，不能用网页版确认网页版登录']);
  expect((await t.http().post('/api/v1/auth/sign-out').set('Authorization', browser)).status).toBe(200);
  expect((await me(t, browser)).status).toBe(401);
});

test('a ticket expires, can be cancelled, belongs to its first scanner, and needs its secret', async () => {
  const phone = await wxPerson(t, 'ticket-rules');
  const other = await wxPerson(t, 'ticket-other');
  const a = (await newTicket()).body;
  expect((await poll(a.id, 'x'.repeat(43))).status).toBe(404);
  expect((await poll(a.id, 'bad')).status).toBe(400);
  await step(phone.auth, a.id, 'scan');
  expect((await step(other.auth, a.id, 'confirm')).status).toBe(404);
  expect((await step(phone.auth, a.id, 'cancel')).body.status).toBe('cancelled');
  expect((await poll(a.id, a.secret)).body).toEqual({ status: 'cancelled', session: null });
  expect((await step(phone.auth, a.id, 'confirm')).status).toBe(409);

  const b = (await newTicket()).body;
  (await t.get(Clock)).advance((LOGIN_TICKET_SECONDS + 1) * 1000);
  expect((await poll(b.id, b.secret)).body.status).toBe('expired');
  const late = await step(phone.auth, b.id, 'confirm');
  expect([late.status, late.body.message]).toEqual([409, '二维码已过期，请在电脑上刷新后重新扫码']);
  expect((await step(phone.auth, 'nonexistentticket00', 'scan')).status).toBe(404);
});

test('a browser session lasts 12 hours', async () => {
  const phone = await wxPerson(t, 'long-session');
  const ticket = (await newTicket()).body;
  await step(phone.auth, ticket.id, 'confirm');
  const browser = `Bearer ${(await poll(ticket.id, ticket.secret)).body.session.token}`;
  (await t.get(Clock)).advance(12 * 3600 * 1000 + 1000);
  // The token's own expiry is real time; the session's is checked against the clock.
  expect((await me(t, browser)).status).toBe(401);
});
