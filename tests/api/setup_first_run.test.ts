import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { startApp, type TestApp } from '../support/app';
import { SetupService } from '../../cloud/src/grants/setup.service';
import { OrgModel } from '../../cloud/src/org/org.model';
import { UserModel } from '../../cloud/src/people/user.model';
import { me, wxPerson } from './grants_support';

// First run in production: an empty database, no demo data, a one-time setup code; whoever signs in
// and enters it becomes the first county administrator, and the code is dead from then on.
let wx: FakeWechat;
let t: TestApp;
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startApp(__filename, {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-at-least-32-chars!',
    WX_APPID: FAKE_APPID,
    WX_SECRET: FAKE_SECRET,
    WX_API_BASE: wx.base,
    GONGZHI_DATA_KEY: Buffer.alloc(32, 9).toString('base64'),
    PUBLIC_URL: 'https://gz.example.gov.cn',
  });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

const claim = (auth: string, body: Record<string, unknown>) =>
  t.http().post('/api/v1/setup/claim').set('Authorization', auth).send(body);

test('an empty production database needs setup, and start-up announced a code with its link', async () => {
  expect(await t.db.model(UserModel).countDocuments()).toBe(0);
  expect(await t.db.model(OrgModel).countDocuments()).toBe(0);
  expect((await t.http().get('/api/v1/setup')).body).toEqual({ needed: true });
  const announced = await (await t.get(SetupService)).announce();
  expect(announced!.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  expect(announced!.link).toBe(`https://gz.example.gov.cn/#/packages/account/setup/index?code=${announced!.code}`);
  // A restart prints the same code while it is valid.
  expect((await (await t.get(SetupService)).announce())!.code).toBe(announced!.code);
});

test('the code makes the person who enters it the first county administrator, once', async () => {
  const { code } = (await (await t.get(SetupService)).announce())!;
  const first = await wxPerson(t, 'first-admin');
  const wrong = await claim(first.auth, { code: 'AAAA-BBBB-CCCC', countyName: '清河县', name: '马丽' });
  expect(wrong.status).toBe(400);
  expect(wrong.body.fields).toEqual([
    { path: 'body.code', message: '开通码不正确或已失效，请查看服务器启动时打印的开通码' },
  ]);
  const malformed = await claim(first.auth, { code: '123', countyName: '', name: '马丽' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.code', 'body.countyName']);

  // Two people racing with the right code: one wins.
  const second = await wxPerson(t, 'second-try');
  const [a, b] = await Promise.all([
    claim(first.auth, { code: code.toLowerCase(), countyName: '清河县', name: '马丽' }),
    claim(second.auth, { code, countyName: '别的县', name: '赵强' }),
  ]);
  const winner = a.status === 200 ? a : b;
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  expect(winner.body.user.roles).toContain('countyAdmin');
  expect(winner.body.user.posts).toEqual([
    expect.objectContaining({ role: 'countyAdmin', place: expect.objectContaining({ kind: 'county' }) }),
  ]);
  const admin = a.status === 200 ? first : second;
  expect((await me(t, admin.auth)).body.name).toBe(a.status === 200 ? '马丽' : '赵强');
  expect(await t.db.model(OrgModel).countDocuments({ kind: 'county' })).toBe(1);

  // The code is dead, and no new one is announced.
  expect((await t.http().get('/api/v1/setup')).body).toEqual({ needed: false });
  const late = await claim((a.status === 200 ? second : first).auth, { code, countyName: '清河县', name: '晚到' });
  expect(late.status).toBe(409);
  expect(await (await t.get(SetupService)).announce()).toBeNull();
  // The new administrator works at once: they can invite a street administrator (after making a street).
  expect((await t.http().get('/api/v1/grants').set('Authorization', admin.auth)).status).toBe(200);
});

test('production has no demo sign-in, and a token without an expiry is refused', async () => {
  expect((await t.http().post('/api/v1/auth/dev-login').send({ account: 'countyAdmin' })).status).toBe(404);
  const jwt = await import('jsonwebtoken');
  const user = await t.db.model(UserModel).findOne().lean();
  const forever = jwt.sign({ sub: String(user!._id) }, 'a-production-secret-of-at-least-32-chars!');
  const res = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${forever}`);
  expect([res.status, res.body.code]).toEqual([401, 'TOKEN_INVALID']);
});
