import { allEndpoints } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename);
});
afterAll(() => t.close());

test('/healthz answers, and /readyz says the database is up', async () => {
  expect((await t.http().get('/healthz')).body).toEqual({ status: 'ok' });
  const ready = await t.http().get('/readyz');
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: 'ready', db: 'up' });
});

test('the OpenAPI document lists every endpoint of the shared contract, with examples for bodies', async () => {
  const res = await t.http().get('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe('3.1.0');
  const ops = Object.values(
    res.body.paths as Record<
      string,
      Record<string, { operationId: string; requestBody?: { content: { 'application/json': { example?: unknown } } } }>
    >,
  ).flatMap((p) => Object.values(p));
  expect(ops.map((o) => o.operationId).sort()).toEqual(allEndpoints.map((e) => e.id).sort());
  for (const op of ops) {
    if (op.requestBody) expect(op.requestBody.content['application/json'].example).toBeDefined();
  }
  expect(res.body.paths['/api/v1/menu/items/{id}'].get.parameters[0]).toMatchObject({
    name: 'id',
    in: 'path',
    required: true,
  });
});

test('Swagger UI is served', async () => {
  const page = await t.http().get('/api/docs');
  expect(page.status).toBe(200);
  expect(page.text).toContain('/api/v1/openapi.json');
  const asset = await t.http().get('/api/docs/assets/swagger-ui-bundle.js');
  expect(asset.status).toBe(200);
});

test('an unknown API route has the error shape and a request id, echoed from the client when given', async () => {
  const res = await t.http().get('/api/v1/does-not-exist').set('X-Request-Id', 'client-req-12345');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ code: 'ROUTE_NOT_FOUND', message: '接口不存在', requestId: 'client-req-12345' });
  expect(res.headers['x-request-id']).toBe('client-req-12345');

  const generated = await t.http().get('/api/v1/does-not-exist');
  expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('a broken JSON body, an oversized body and deep nesting get 4xx with the error shape', async () => {
  const broken = await t
    .http()
    .post('/api/v1/auth/dev-login')
    .set('content-type', 'application/json')
    .send('{"account":');
  expect(broken.status).toBe(400);
  expect(broken.body.code).toBe('BAD_JSON');

  const huge = await t
    .http()
    .post('/api/v1/auth/dev-login')
    .send({ account: 'x'.repeat(400_000) });
  expect(huge.status).toBe(413);
  expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');

  let deep: unknown = 'resident';
  for (let i = 0; i < 40; i++) deep = { a: deep };
  const nested = await t.http().post('/api/v1/auth/dev-login').send({ account: deep });
  expect(nested.status).toBe(400);
  expect(nested.body.fields[0].message).toBe('嵌套层级过深');
});

// Every endpoint × every role, one request each: over a thousand requests, more than the default minute on a busy machine.
test('every endpoint × role gets exactly the access its contract declares', async () => {
  const tokens: Record<string, string> = {};
  const accounts = (await t.http().get('/api/v1/auth/demo-accounts')).body.accounts as {
    account: string;
    role: string;
  }[];
  for (const a of accounts) tokens[a.role] ??= await t.signIn(a.account);

  for (const def of allEndpoints) {
    const path = def.path.replace(/:id\b/, '0'.repeat(24));
    for (const who of ['anonymous', ...Object.keys(tokens)]) {
      let req = t.http()[def.method](path);
      if (who !== 'anonymous') req = req.set('Authorization', tokens[who]);
      const res = await req.send(def.body ? {} : undefined);
      const allowed =
        def.access === 'public' ||
        (who !== 'anonymous' && (def.access === 'signedIn' || def.access.includes(who as never)));
      const denied = res.status === 401 || res.status === 403;
      expect({ endpoint: def.id, who, denied }).toEqual({ endpoint: def.id, who, denied: !allowed });
    }
  }
}, 300_000);
