import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { UserModel } from '../../cloud/src/people/user.model';
import { get, wxSignIn } from './people_join_support';

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

const bind = (auth: string | null, body: Record<string, unknown>) => {
  const req = t.http().post('/api/v1/me/phone');
  return (auth ? req.set('Authorization', auth) : req).send(body);
};
const phoneCalls = () => wx.requests.filter((u) => u.pathname === '/wxa/business/getuserphonenumber');

test('the number WeChat vouches for is stored in full and shown masked, in the answer and in /me', async () => {
  const { auth, user } = await wxSignIn(t, 'phone-ok');
  expect(user.phone).toBeNull();
  const res = await bind(auth, { code: 'phone:13912345678' });
  expect(res.status).toBe(200);
  expect(res.body.phone).toBe('139****5678');
  expect(JSON.stringify(res.body)).not.toContain('13912345678');
  expect((await get(t, auth, '/api/v1/me')).body.phone).toBe('139****5678');
  expect((await t.db.model(UserModel).findById(user.id).lean())?.phone).toBe('13912345678');
  // Called with our access token from stable_token, never with the code in the URL.
  const call = phoneCalls().at(-1)!;
  expect(call.searchParams.get('access_token')).toBe(wx.tokens.at(-1));
  expect(call.search).not.toContain('phone');

  // Binding again replaces it.
  const again = await bind(auth, { code: 'phone:13600000001' });
  expect(again.body.phone).toBe('136****0001');
});

test('an expired or used code asks to tap again; nothing is stored', async () => {
  const { auth, user } = await wxSignIn(t, 'phone-invalid');
  const res = await bind(auth, { code: 'invalid' });
  expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect(res.body.fields).toEqual([{ path: 'body.code', message: expect.stringContaining('重新点击') }]);
  expect((await t.db.model(UserModel).findById(user.id).lean())?.phone).toBeNull();
});

test('a number outside the mainland is refused with a clear message', async () => {
  const { auth, user } = await wxSignIn(t, 'phone-abroad');
  const res = await bind(auth, { code: 'phone:+1-4155550100' });
  expect(res.status).toBe(400);
  expect(res.body.fields[0].message).toContain('中国大陆');
  expect((await t.db.model(UserModel).findById(user.id).lean())?.phone).toBeNull();
});

test('an expired access token is refreshed once and the number still binds', async () => {
  const { auth } = await wxSignIn(t, 'phone-refresh');
  await bind(auth, { code: 'phone:13700000002' });
  wx.expireTokens();
  const before = wx.tokens.length;
  const res = await bind(auth, { code: 'phone:13700000003' });
  expect(res.status).toBe(200);
  expect(res.body.phone).toBe('137****0003');
  expect(wx.tokens.length).toBe(before + 1);
});

test('a missing code is refused before WeChat is called; signing in is required', async () => {
  const { auth } = await wxSignIn(t, 'phone-missing');
  const before = phoneCalls().length;
  const res = await bind(auth, {});
  expect(res.status).toBe(400);
  expect(res.body.fields[0].path).toBe('body.code');
  expect(phoneCalls().length).toBe(before);
  const anon = await bind(null, { code: 'phone:13912345678' });
  expect([anon.status, anon.body.code]).toEqual([401, 'UNAUTHENTICATED']);
});

test('a demo resident binds too, and only their own account changes', async () => {
  const auth = await t.signIn('resident2');
  const res = await bind(auth, { code: 'phone:15000000004' });
  expect(res.status).toBe(200);
  expect(res.body.name).toBe('李大海');
  const others = await t.db.model(UserModel).countDocuments({ phone: '15000000004' });
  expect(others).toBe(1);
});
