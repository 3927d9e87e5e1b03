import * as fs from 'node:fs';
import * as path from 'node:path';
import { MidwayWebRouterService } from '@midwayjs/core';
import { allEndpoints } from '@gongzhi/shared';
import { startApp, type TestApp } from '../support/app';
import { productionEnv } from '../support/production-env';
import { inlineScriptHashes } from '../../cloud/src/core/security-headers';

// Production exposes only the product: every mounted route is an endpoint of the production contract
// (no development-only endpoint, no API docs), and every answer carries the security headers.
let t: TestApp;
const INDEX =
  '<!doctype html><html><head><script>document.documentElement.style.fontSize="20px"</script></head><body></body></html>';
beforeAll(async () => {
  t = await startApp(__filename, productionEnv());
});
afterAll(() => t.close());

test('every mounted route is in the production contract, and the contract is all mounted', async () => {
  const router = await t.get(MidwayWebRouterService);
  const mounted = (await router.getFlattenRouterTable())
    .map((r) => `${String(r.requestMethod).toUpperCase()} ${r.url}`)
    .sort();
  const contract = allEndpoints
    .filter((e) => !e.devOnly)
    .map((e) => `${e.method.toUpperCase()} ${e.path}`)
    .sort();
  const health = ['GET /healthz', 'GET /readyz'];
  expect(mounted.filter((r) => !health.includes(r))).toEqual(contract);
  expect(mounted).toEqual(expect.arrayContaining(health));
  expect(allEndpoints.some((e) => e.devOnly)).toBe(true);
});

test('no API docs and no development-only endpoint answer in production', async () => {
  for (const [method, url] of [
    ['get', '/api/v1/openapi.json'],
    ['get', '/api/docs'],
    ['get', '/api/docs/assets/swagger-ui-bundle.js'],
    ['get', '/api/v1/auth/demo-accounts'],
    ['post', '/api/v1/auth/dev-login'],
  ] as const) {
    const res = await t.http()[method](url);
    expect([url, res.status]).toEqual([url, 404]);
    expect(res.text).not.toContain('swagger');
  }
});

test('the H5 page and API answers carry the security headers', async () => {
  for (const url of ['/', '/api/v1/menu', '/api/v1/nowhere', '/healthz']) {
    const res = await t.http().get(url);
    const csp = res.headers['content-security-policy'];
    expect([url, csp]).toEqual([url, expect.stringContaining("frame-ancestors 'none'")]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    // Served over plain http here: no HSTS (it is sent when PUBLIC_URL is https).
    expect(res.headers['strict-transport-security']).toBeUndefined();
  }
});

test("the CSP allows the built page's inline script by its hash, and nothing inline else", () => {
  const built = path.join(__dirname, '..', '..', 'dist', 'h5', 'index.html');
  const html = fs.existsSync(built) ? fs.readFileSync(built, 'utf8') : INDEX;
  const hashes = inlineScriptHashes(html);
  expect(hashes.length).toBeGreaterThan(0);
  for (const h of hashes) expect(h).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  expect(inlineScriptHashes('<script src="/js/app.js"></script><script> </script>')).toEqual([]);
});
