import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com that speaks the documented shapes of
 * auth.code2Session (GET /sns/jscode2session). Codes pick the answer:
 *   ok:<openid>  → { openid, session_key, unionid }
 *   used         → errcode 40163, invalid → 40029, limit → 45011, risky → 40226, busy → -1
 *   broken       → HTTP 500 with a non-JSON body
 */
export interface FakeWechat {
  base: string;
  requests: URL[];
  close: () => Promise<void>;
}

export const FAKE_APPID = 'wx-test-appid';
export const FAKE_SECRET = 'wx-test-secret';

const ERRORS: Record<string, { errcode: number; errmsg: string }> = {
  used: { errcode: 40163, errmsg: 'code been used' },
  invalid: { errcode: 40029, errmsg: 'invalid code' },
  limit: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
  risky: { errcode: 40226, errmsg: 'high risk user' },
  busy: { errcode: -1, errmsg: 'system error' },
};

export async function startFakeWechat(): Promise<FakeWechat> {
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'text/plain' }); // WeChat answers JSON as text/plain
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return send(404, 'not found');
    const p = url.searchParams;
    if (p.get('appid') !== FAKE_APPID || p.get('secret') !== FAKE_SECRET) {
      return send(200, { errcode: 40013, errmsg: 'invalid appid' });
    }
    if (p.get('grant_type') !== 'authorization_code')
      return send(200, { errcode: 40002, errmsg: 'invalid grant_type' });
    const code = p.get('js_code') ?? '';
    if (code === 'broken') return send(500, '<html>bad gateway</html>');
    if (ERRORS[code]) return send(200, ERRORS[code]);
    if (code.startsWith('ok:')) {
      const openid = code.slice(3);
      return send(200, { openid, session_key: `sk-${openid}-secret==`, unionid: `u-${openid}` });
    }
    return send(200, ERRORS.invalid);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
