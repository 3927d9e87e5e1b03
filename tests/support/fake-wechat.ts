import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

/**
 * A local stand-in for api.weixin.qq.com that speaks the documented shapes of
 * - auth.code2Session (GET /sns/jscode2session). Codes pick the answer:
 *     ok:<openid>  → { openid, session_key, unionid }
 *     used         → errcode 40163, invalid → 40029, limit → 45011, risky → 40226, busy → -1
 *     broken       → HTTP 500 with a non-JSON body
 * - getStableAccessToken (POST /cgi-bin/stable_token, JSON body) → { access_token, expires_in };
 *   force_refresh invalidates the tokens handed out before.
 * - subscribeMessage.send (POST /cgi-bin/message/subscribe/send?access_token=…, JSON body) →
 *   { errcode, errmsg }: 40001 unknown token, 42001 expired token, 47003 bad data, 43101 the
 *   user refused (see `refuse`), or whatever `failNext` scripted.
 * - phonenumber.getPhoneNumber (POST /wxa/business/getuserphonenumber?access_token=…, { code }) →
 *   { errcode: 0, phone_info: { phoneNumber, purePhoneNumber, countryCode } }. Codes pick the answer:
 *     phone:<number> → that mainland number, phone:+<cc>-<number> → a number of country <cc>,
 *     anything else (e.g. invalid) → errcode 40029
 * - wxacode.getUnlimited (POST /wxa/getwxacodeunlimit?access_token=…, JSON { scene, page, check_path,
 *   env_version, width }) → the image as `image/png` bytes (a QR code of page?scene here, where WeChat
 *   draws its round code), or JSON { errcode, errmsg }: 40001 unknown token, 40169 scene longer than
 *   32 characters, 41030 a page that does not exist or, with check_path, is not in `published`.
 * - security.msgSecCheck v2 (POST /wxa/msg_sec_check?access_token=…, JSON { content, version: 2, scene,
 *   openid }) → { errcode: 0, errmsg, result: { suggest, label }, detail: [...], trace_id }: content with
 *   RISKY_WORD is `risky` (label 20006), with REVIEW_WORD `review`, else `pass`. The openid picks a
 *   failure: `wxerr-…` → errcode -1 (system error), `wxdown-…` → HTTP 502. Bad arguments → 47001.
 * - security.mediaCheckAsync v2 (POST /wxa/media_check_async?access_token=…, JSON { media_url,
 *   media_type, version: 2, scene, openid }) → { errcode: 0, errmsg, trace_id }; the same openid
 *   failures. The verdict is pushed by the test itself (as WeChat's message push would).
 */
export interface SentMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
}

export interface FakeWechat {
  base: string;
  requests: URL[];
  /** Messages WeChat accepted (errcode 0), in order. */
  sent: SentMessage[];
  /** Tokens issued by stable_token, in order. */
  tokens: string[];
  /** The next `times` sends answer this instead: an errcode, `http500`, or `drop` (accepted, then the connection is cut). */
  failNext: (answer: number | 'http500' | 'drop', times?: number) => void;
  /** This openid has not subscribed: its sends answer 43101. */
  refuse: (openid: string) => void;
  /** Tokens issued so far now answer 42001 (expired), as after WeChat's 2 hours. */
  expireTokens: () => void;
  /** Mini-program codes asked for, in order (the JSON bodies of getwxacodeunlimit). */
  wxacodes: WxacodeRequest[];
  /** Pages of the released version: with check_path, any other page answers 41030. */
  publish: (...pages: string[]) => void;
  /** Each send waits this long before answering (widens race windows). */
  setDelay: (ms: number) => void;
  /** Texts msgSecCheck was asked about, in order. */
  textChecks: { content: string; scene: number; openid: string }[];
  /** Photos mediaCheckAsync took, in order, with the trace_id it answered. */
  mediaChecks: { media_url: string; scene: number; openid: string; trace_id: string }[];
  close: () => Promise<void>;
}

export interface WxacodeRequest {
  scene: string;
  page: string;
  check_path?: boolean;
  env_version?: string;
  width?: number;
}

export const FAKE_APPID = 'wx-test-appid';
export const FAKE_SECRET = 'wx-test-secret';
/** Text containing this is judged `risky` by the fake msgSecCheck. */
export const RISKY_WORD = '违规测试词';
/** Text containing this is judged `review` by the fake msgSecCheck. */
export const REVIEW_WORD = '待审测试词';

const ERRORS: Record<string, { errcode: number; errmsg: string }> = {
  used: { errcode: 40163, errmsg: 'code been used' },
  invalid: { errcode: 40029, errmsg: 'invalid code' },
  limit: { errcode: 45011, errmsg: 'api minute-quota reach limit' },
  risky: { errcode: 40226, errmsg: 'high risk user' },
  busy: { errcode: -1, errmsg: 'system error' },
};

export async function startFakeWechat(): Promise<FakeWechat> {
  const requests: URL[] = [];
  const sent: SentMessage[] = [];
  const tokens: string[] = [];
  const valid = new Set<string>();
  const expired = new Set<string>();
  const refused = new Set<string>();
  const wxacodes: WxacodeRequest[] = [];
  const published = new Set<string>();
  const script: (number | 'http500' | 'drop')[] = [];
  let delay = 0;
  const textChecks: FakeWechat['textChecks'] = [];
  const mediaChecks: FakeWechat['mediaChecks'] = [];

  const readJson = (req: http.IncomingMessage) =>
    new Promise<Record<string, unknown> | null>((resolve) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        try {
          resolve(JSON.parse(raw) as Record<string, unknown>);
        } catch {
          resolve(null);
        }
      });
    });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'text/plain' }); // WeChat answers JSON as text/plain
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
      const b = await readJson(req);
      if (!b || b.grant_type !== 'client_credential')
        return send(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (b.appid !== FAKE_APPID) return send(200, { errcode: 40013, errmsg: 'invalid appid' });
      if (b.secret !== FAKE_SECRET) return send(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      const current = tokens.at(-1);
      if (!b.force_refresh && current && valid.has(current) && !expired.has(current)) {
        return send(200, { access_token: current, expires_in: 7200 });
      }
      if (b.force_refresh) valid.clear();
      const token = `tok-${tokens.length + 1}`;
      tokens.push(token);
      valid.add(token);
      return send(200, { access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      const b = (await readJson(req)) as Partial<SentMessage> | null;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const token = url.searchParams.get('access_token') ?? '';
      if (expired.has(token)) return send(200, { errcode: 42001, errmsg: 'access_token expired' });
      if (!valid.has(token)) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
      const next = script.shift();
      if (next === 'http500') return send(500, '<html>bad gateway</html>');
      if (typeof next === 'number') return send(200, { errcode: next, errmsg: 'scripted' });
      const data = b?.data;
      const okData =
        !!data &&
        typeof data === 'object' &&
        Object.entries(data).every(
          ([k, v]) => /^(thing|time)\d+$/.test(k) && (!k.startsWith('thing') || [...String(v?.value)].length <= 20),
        );
      if (!b?.touser || !b.template_id || !okData) return send(200, { errcode: 47003, errmsg: 'argument invalid' });
      if (refused.has(b.touser)) return send(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      sent.push(b as SentMessage);
      if (next === 'drop') return req.socket.destroy();
      return send(200, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
      const b = await readJson(req);
      const token = url.searchParams.get('access_token') ?? '';
      if (expired.has(token)) return send(200, { errcode: 42001, errmsg: 'access_token expired' });
      if (!valid.has(token)) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
      const m = /^phone:(?:\+(\d+)-)?(\d{5,15})$/.exec(String(b?.code ?? ''));
      if (!m) return send(200, { errcode: 40029, errmsg: 'invalid code' });
      const [, cc = '86', pure] = m;
      const phone_info = { phoneNumber: cc === '86' ? pure : `+${cc}${pure}`, purePhoneNumber: pure, countryCode: cc };
      return send(200, { errcode: 0, errmsg: 'ok', phone_info });
    }
    if (url.pathname === '/wxa/getwxacodeunlimit' && req.method === 'POST') {
      const b = (await readJson(req)) as Partial<WxacodeRequest> | null;
      const token = url.searchParams.get('access_token') ?? '';
      if (expired.has(token)) return send(200, { errcode: 42001, errmsg: 'access_token expired' });
      if (!valid.has(token)) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
      if (!b || typeof b.scene !== 'string' || b.scene.length > 32)
        return send(200, { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
      // A page is a path without a leading slash; with check_path it must be in the released version.
      const page = b.page ?? 'pages/index/index';
      if (!/^[a-z][\w-]*(\/[\w-]+)+$/.test(page) || (b.check_path !== false && !published.has(page)))
        return send(200, { errcode: 41030, errmsg: 'invalid page rid: fake' });
      wxacodes.push(b as WxacodeRequest);
      const png = await QRCode.toBuffer(`${page}?scene=${b.scene}`, { type: 'png', width: b.width ?? 430, margin: 1 });
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      return res.end(png);
    }
    if ((url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async') && req.method === 'POST') {
      const b = await readJson(req);
      const token = url.searchParams.get('access_token') ?? '';
      if (expired.has(token)) return send(200, { errcode: 42001, errmsg: 'access_token expired' });
      if (!valid.has(token)) return send(200, { errcode: 40001, errmsg: 'invalid credential' });
      const openid = typeof b?.openid === 'string' ? b.openid : '';
      const scene = Number(b?.scene);
      if (!openid || b?.version !== 2 || ![1, 2, 3, 4].includes(scene))
        return send(200, { errcode: 47001, errmsg: 'data format error' });
      if (openid.startsWith('wxdown-')) return send(502, '<html>bad gateway</html>');
      if (openid.startsWith('wxerr-')) return send(200, { errcode: -1, errmsg: 'system error' });
      const trace_id = `trace-${requests.length}-${Math.random().toString(36).slice(2, 10)}`;
      if (url.pathname === '/wxa/media_check_async') {
        if (typeof b?.media_url !== 'string' || b.media_type !== 2)
          return send(200, { errcode: 47001, errmsg: 'data format error' });
        mediaChecks.push({ media_url: b.media_url, scene, openid, trace_id });
        return send(200, { errcode: 0, errmsg: 'ok', trace_id });
      }
      if (typeof b?.content !== 'string') return send(200, { errcode: 47001, errmsg: 'data format error' });
      textChecks.push({ content: b.content, scene, openid });
      const suggest = b.content.includes(RISKY_WORD) ? 'risky' : b.content.includes(REVIEW_WORD) ? 'review' : 'pass';
      const label = suggest === 'pass' ? 100 : 20006;
      return send(200, {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 }],
        trace_id,
      });
    }
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
    sent,
    tokens,
    wxacodes,
    textChecks,
    mediaChecks,
    publish: (...pages) => pages.forEach((p) => published.add(p)),
    failNext: (answer, times = 1) => script.push(...Array(times).fill(answer)),
    refuse: (openid) => void refused.add(openid),
    expireTokens: () => valid.forEach((t) => expired.add(t)),
    setDelay: (ms) => void (delay = ms),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
