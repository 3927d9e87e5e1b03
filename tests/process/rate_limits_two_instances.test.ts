import Redis from 'ioredis';
import { startApiProcess, type ApiProcess } from '../support/api-process';

// 限流 behind a load balancer: two API instances share Redis, so an account's limit is one limit,
// not one per instance. Alternating between A and B, the sixth certificate of the day is refused
// (five a day per person): each instance alone has seen only three.
let a: ApiProcess;
let b: ApiProcess;
const shared = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `gz-test-rl-${process.pid}-${Date.now()}:`,
  RATE_LIMIT_SCALE: '1',
  SEED_DEMO: 'county',
};

beforeAll(async () => {
  a = await startApiProcess('rl_two_instances', shared);
  b = await startApiProcess('rl_two_instances', shared);
}, 120_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  // This run's counters (they would expire within a day anyway).
  const redis = new Redis(shared.REDIS_URL);
  try {
    const keys = await redis.keys(`${shared.REDIS_PREFIX}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
});

async function call(api: ApiProcess, method: string, path: string, auth?: string, body?: unknown) {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

test('the limit is counted across instances: the sixth certificate in a day is refused by either', async () => {
  const volunteer = `Bearer ${(await call(a, 'POST', '/api/v1/auth/dev-login', undefined, { account: 'volunteer' })).body.token}`;
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await call(i % 2 ? b : a, 'POST', '/api/v1/me/certificates', volunteer, {}));
  expect(answers.every((r) => r.status !== 429)).toBe(true);
  for (const api of [b, a]) {
    const sixth = await call(api, 'POST', '/api/v1/me/certificates', volunteer, {});
    expect([sixth.status, sixth.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(sixth.retryAfter)).toBeGreaterThan(3600);
  }
});

test('sign-ins of one account: ten in ten minutes across both instances, the eleventh refused by either', async () => {
  const answers = [];
  for (let i = 0; i < 10; i++)
    answers.push(await call(i % 2 ? b : a, 'POST', '/api/v1/auth/dev-login', undefined, { account: 'resident2' }));
  expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
  for (const api of [a, b]) {
    const eleventh = await call(api, 'POST', '/api/v1/auth/dev-login', undefined, { account: 'resident2' });
    expect([eleventh.status, eleventh.body.code]).toEqual([429, 'RATE_LIMITED']);
  }
});
