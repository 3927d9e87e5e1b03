import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { WxIdentityModel } from '../../cloud/src/people/user.model';

let wx: FakeWechat;
let t: TestApp;

beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, { WX_API_BASE: wx.base, WX_APPID: FAKE_APPID, WX_SECRET: FAKE_SECRET });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

const login = (code: string) => t.http().post('/api/v1/auth/wx-login').send({ code });

test('a first WeChat sign-in creates a resident and returns our own token, never the session_key', async () => {
  const res = await login('ok:openid-first');
  expect(res.status).toBe(200);
  expect(res.body.user.roles).toEqual(['resident']);
  expect(res.body.token).toMatch(/^ey/);
  expect(JSON.stringify(res.body)).not.toContain('sk-openid-first');
  const sent = wx.requests.at(-1)!;
  expect(sent.searchParams.get('js_code')).toBe('ok:openid-first');
  expect(sent.searchParams.get('grant_type')).toBe('authorization_code');
  // session_key is kept on the server for later decryption needs.
  const identity = await t.db.model(WxIdentityModel).findById('openid-first').lean();
  expect(identity?.sessionKey).toBe('sk-openid-first-secret==');

  const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
  expect(me.status).toBe(200);
  expect(me.body.id).toBe(res.body.user.id);
});

test('signing in again with the same WeChat account returns the same user', async () => {
  const a = await login('ok:openid-again');
  const b = await login('ok:openid-again');
  expect(b.status).toBe(200);
  expect(b.body.user.id).toBe(a.body.user.id);
});

test('simultaneous first sign-ins of one WeChat account create one user', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => login('ok:openid-race')));
  expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
  expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
});

test.each([
  ['invalid', 401, 'WX_CODE_INVALID'],
  ['used', 401, 'WX_CODE_INVALID'],
  ['limit', 429, 'RATE_LIMITED'],
  ['risky', 403, 'FORBIDDEN'],
  ['busy', 502, 'WX_UNAVAILABLE'],
  ['broken', 502, 'WX_UNAVAILABLE'],
])('WeChat answer "%s" becomes %i %s with a Chinese message', async (code, status, errorCode) => {
  const res = await login(code);
  expect(res.status).toBe(status);
  expect(res.body.code).toBe(errorCode);
  expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(res.body.token).toBeUndefined();
  // WeChat's quota is per minute: the client is told to wait that long.
  expect(res.headers['retry-after']).toBe(status === 429 ? '60' : undefined);
});

test('a missing code is refused before WeChat is called', async () => {
  const before = wx.requests.length;
  const res = await t.http().post('/api/v1/auth/wx-login').send({});
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.fields[0].path).toBe('body.code');
  expect(wx.requests.length).toBe(before);
});
