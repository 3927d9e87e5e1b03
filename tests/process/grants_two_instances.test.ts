import { startApiProcess, type ApiProcess } from '../support/api-process';

// Two API instances behind a load balancer share the database and Redis. Each caches who a caller
// is; a revocation made through one must be refused by the other on its very next request (the
// version counters in Redis tell its cache is stale). Without the shared counters B would keep
// answering from its cache for up to a minute.
let a: ApiProcess;
let b: ApiProcess;
const redis = { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `gz-test-${process.pid}-${Date.now()}:` };

beforeAll(async () => {
  a = await startApiProcess('two_instances', { ...redis, SEED_DEMO: 'county' });
  b = await startApiProcess('two_instances', { ...redis, SEED_DEMO: 'county' });
}, 120_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

async function call(api: ApiProcess, method: string, path: string, auth?: string, body?: unknown) {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}
const signIn = async (api: ApiProcess, account: string) =>
  `Bearer ${(await call(api, 'POST', '/api/v1/auth/dev-login', undefined, { account })).body.token}`;

test('a grant revoked through instance A is refused by instance B at the next request', async () => {
  const county = await signIn(a, 'countyAdmin');
  const person = await signIn(a, 'resident');
  const nanmen = (await call(a, 'GET', '/api/v1/me', person)).body.community.id;
  const inv = await call(a, 'POST', '/api/v1/invitations', county, { role: 'staff', placeId: nanmen });
  const accepted = await call(b, 'POST', '/api/v1/invitations/accept', person, { code: inv.body.code });
  expect(accepted.status).toBe(200);
  // B has read the person (and cached them); A too.
  expect((await call(b, 'GET', '/api/v1/needs', person)).status).toBe(200);
  expect((await call(a, 'GET', '/api/v1/needs', person)).status).toBe(200);
  expect((await call(b, 'GET', '/api/v1/needs', person)).status).toBe(200);

  const revoked = await call(a, 'POST', `/api/v1/grants/${accepted.body.grant.id}/revoke`, county, { reason: '调离' });
  expect(revoked.status).toBe(200);
  const next = await call(b, 'GET', '/api/v1/needs', person);
  expect([next.status, next.body.code]).toEqual([403, 'FORBIDDEN']);
  expect((await call(b, 'GET', '/api/v1/me', person)).body.roles).toEqual(['resident']);
});

test('an account disabled through instance B is refused by instance A at the next request', async () => {
  const county = await signIn(b, 'countyAdmin');
  const staff = await signIn(a, 'staff2');
  expect((await call(a, 'GET', '/api/v1/needs', staff)).status).toBe(200);
  const id = (await call(a, 'GET', '/api/v1/me', staff)).body.id;
  expect((await call(b, 'POST', `/api/v1/accounts/${id}/disable`, county, { reason: '离职' })).status).toBe(200);
  const next = await call(a, 'GET', '/api/v1/needs', staff);
  expect([next.status, next.body.code]).toEqual([401, 'ACCOUNT_DISABLED']);
});
