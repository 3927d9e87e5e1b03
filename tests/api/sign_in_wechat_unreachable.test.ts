import { freePortSync } from '../support/ports';
import { startApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  // Nothing listens there: WeChat is unreachable.
  t = await startApp(__filename, { WX_API_BASE: `http://127.0.0.1:${freePortSync()}` });
});
afterAll(() => t.close());

test('when WeChat cannot be reached, sign-in answers 502 WX_UNAVAILABLE', async () => {
  const res = await t.http().post('/api/v1/auth/wx-login').send({ code: 'ok:someone' });
  expect(res.status).toBe(502);
  expect(res.body).toMatchObject({ code: 'WX_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' });
});
