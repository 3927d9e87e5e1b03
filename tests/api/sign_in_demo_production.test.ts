import { startApp, type TestApp } from '../support/app';
import { productionEnv } from '../support/production-env';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, productionEnv());
});
afterAll(() => t.close());

test('in production the demo sign-in and the demo account list are not mounted at all', async () => {
  const login = await t.http().post('/api/v1/auth/dev-login').send({ account: 'resident' });
  expect(login.status).toBe(404);
  expect(login.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  expect(login.body.token).toBeUndefined();

  const list = await t.http().get('/api/v1/auth/demo-accounts');
  expect(list.status).toBe(404);
  expect(list.body.accounts).toBeUndefined();
});

test('in production no demo data is loaded', async () => {
  const { UserModel } = await import('../../cloud/src/people/user.model');
  expect(await t.db.model(UserModel).countDocuments()).toBe(0);
});
