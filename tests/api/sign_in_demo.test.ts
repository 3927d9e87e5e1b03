import { ROLES } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('the demo county has one account for every role', async () => {
  const res = await t.http().get('/api/v1/auth/demo-accounts');
  expect(res.status).toBe(200);
  const roles = new Set(res.body.accounts.map((a: { role: string }) => a.role));
  expect([...roles].sort()).toEqual([...ROLES].sort());
  const resident = res.body.accounts.find((a: { account: string }) => a.account === 'resident');
  expect(resident).toEqual({
    account: 'resident',
    name: '张秀兰',
    role: 'resident',
    roleLabel: '居民',
    orgName: '南门第一网格',
  });
});

test('a demo sign-in returns a token and the user with a masked phone', async () => {
  const res = await t.http().post('/api/v1/auth/dev-login').send({ account: 'resident' });
  expect(res.status).toBe(200);
  expect(res.body.user).toMatchObject({
    name: '张秀兰',
    roles: ['resident'],
    phone: '138****0001',
    community: { name: '南门社区' },
    org: { kind: 'grid', name: '南门第一网格' },
  });
  expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

  const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
  expect(me.status).toBe(200);
  expect(me.body).toEqual(res.body.user);
  expect(JSON.stringify(me.body)).not.toContain('13812340001');
});

test('an unknown demo account is a 404 naming the field', async () => {
  const res = await t.http().post('/api/v1/auth/dev-login').send({ account: 'nobody' });
  expect(res.status).toBe(404);
  expect(res.body).toMatchObject({ code: 'NOT_FOUND', fields: [{ path: 'body.account' }] });
});

test.each([
  ['a MongoDB operator as the value', { account: { $gt: '' } }, 'body.account.$gt'],
  ['an operator key at the top', { $where: 'sleep(1000)' }, 'body.$where'],
  ['a dotted key', { 'account.x': 'resident' }, 'body.account.x'],
  ['an unknown field', { account: 'resident', role: 'countyAdmin' }, 'body'],
  ['a wrong type', { account: 42 }, 'body.account'],
])('%s is refused with 400 and the failing field', async (_, body, path) => {
  const res = await t.http().post('/api/v1/auth/dev-login').send(body);
  expect(res.status).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.fields.map((f: { path: string }) => f.path)).toContain(path);
  expect(res.body.token).toBeUndefined();
});

test('without a token, or with a forged one, "me" is refused', async () => {
  const none = await t.http().get('/api/v1/me');
  expect(none.status).toBe(401);
  expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });

  const good = await t.signIn('resident');
  const [head, payload] = good.slice(7).split('.');
  const forged = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${head}.${payload}.AAAA`);
  expect(forged.status).toBe(401);
  expect(forged.body.code).toBe('TOKEN_INVALID');

  const badScheme = await t.http().get('/api/v1/me').set('Authorization', 'Basic abc');
  expect(badScheme.status).toBe(401);
});
