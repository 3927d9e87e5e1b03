import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Koa from 'koa';
import request from 'supertest';
import { securityHeaders } from '../../cloud/src/core/security-headers';

// The headers' policy by deployment: HSTS and upgrade-insecure-requests only behind TLS; the H5
// build's inline script allowed by its hash, read from index.html at start-up.
function serve(publicUrl: string, indexHtml?: string) {
  const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-h5-'));
  if (indexHtml) fs.writeFileSync(path.join(h5Dir, 'index.html'), indexHtml);
  const app = new Koa();
  app.use(securityHeaders({ h5Dir, publicUrl }));
  app.use((ctx) => {
    ctx.body = 'ok';
  });
  return request(app.callback());
}

test('behind TLS: HSTS for 180 days and insecure requests upgraded', async () => {
  const res = await serve('https://gongzhi.example.gov.cn').get('/');
  expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
  expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
});

test('over plain http (a test or an intranet): neither', async () => {
  const res = await serve('http://127.0.0.1:7001').get('/');
  expect(res.headers['strict-transport-security']).toBeUndefined();
  expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
});

test("the built page's inline script is allowed by its sha256, another one would not be", async () => {
  const script = 'document.documentElement.style.fontSize="20px"';
  const res = await serve('http://127.0.0.1:7001', `<html><head><script>${script}</script></head></html>`).get('/');
  const hash = createHash('sha256').update(script).digest('base64');
  const scriptSrc = /script-src ([^;]+)/.exec(res.headers['content-security-policy'])![1];
  expect(scriptSrc).toContain(`'sha256-${hash}'`);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
});
