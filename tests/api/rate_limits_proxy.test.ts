import { startApp, type TestApp } from '../support/app';
import { RATE_LIMIT_RULES } from '../../cloud/src/core/rate-limits';

// 限流 behind our own proxy (TRUST_PROXY=on): per-address limits count the address the proxy
// appended to X-Forwarded-For, so people behind one proxy are not one address, and a client cannot
// escape its limit by writing addresses of its own into the header.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'on' });
});
afterAll(() => t.close());

const ACCOUNTS = ['resident', 'resident2', 'volunteer', 'partyMember'];
const signInFrom = (forwardedFor: string, i: number) =>
  t
    .http()
    .post('/api/v1/auth/dev-login')
    .set('X-Forwarded-For', forwardedFor)
    .send({ account: ACCOUNTS[i % ACCOUNTS.length] });

test('sign-ins are counted per client address as the proxy saw it', async () => {
  const { points } = RATE_LIMIT_RULES.signInIp;
  for (let i = 0; i < points; i++) expect((await signInFrom('203.0.113.7', i)).status).toBe(200);
  const over = await signInFrom('203.0.113.7', points);
  expect([over.status, over.body.code]).toEqual([429, 'RATE_LIMITED']);
  expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  // A forged address in front of the real one changes nothing.
  expect((await signInFrom('198.51.100.1, 203.0.113.7', 0)).status).toBe(429);
  // Someone else behind the same proxy signs in.
  expect((await signInFrom('203.0.113.8', 1)).status).toBe(200);
});
