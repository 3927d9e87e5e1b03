// Where a scanned code or an opened link leads, in plain TypeScript (no Taro): unit-tested on its own.

/** The account pages a QR code or link of ours may open, and the parameter each one carries. */
const TARGETS: Record<string, string> = {
  'packages/account/invite/index': 'code',
  'packages/account/scan-login/index': 'ticket',
  'packages/account/setup/index': 'code',
};

function pageUrl(path: string, query: string): string | null {
  const page = path.replace(/^\/+/, '');
  const key = TARGETS[page];
  if (!key) return null;
  const params = new URLSearchParamsLite(query);
  // A mini-program code carries the value as `scene` (URL-encoded by WeChat).
  const value = params.get(key) ?? params.get('scene');
  return value ? `/${page}?${key}=${encodeURIComponent(value)}` : null;
}

/**
 * The page to open for what 扫一扫 read: a mini-program code (`path`, e.g.
 * `packages/account/invite/index?scene=K7QD…`) or a QR code of one of our H5 links
 * (`https://…/#/packages/account/scan-login/index?ticket=…`). Null for anything else.
 */
export function scannedTarget(scan: { result?: string; path?: string }): string | null {
  for (const text of [scan.path, scan.result]) {
    if (!text) continue;
    const hash = text.includes('#') ? text.slice(text.indexOf('#') + 1) : text;
    const [path, query = ''] = hash.split('?');
    const url = pageUrl(path, query);
    if (url) return url;
  }
  return null;
}

/**
 * The value a page was opened with: `?code=…` (a link), `scene` (a mini-program code), or `q` (WeChat
 * opened the mini-program for a scanned QR code of our H5 link: the whole link, URL-encoded).
 */
export function openedWith(params: Record<string, string | undefined>, key: string): string | null {
  if (params[key]) return decodeOnce(params[key]!);
  if (params.scene) return decodeOnce(params.scene);
  if (params.q) {
    const link = decodeOnce(params.q);
    const query = link.includes('?') ? link.slice(link.lastIndexOf('?') + 1) : '';
    return new URLSearchParamsLite(query).get(key);
  }
  return null;
}

function decodeOnce(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** URLSearchParams is missing from the mini-program runtime: the little of it needed here. */
class URLSearchParamsLite {
  private readonly map = new Map<string, string>();
  constructor(query: string) {
    for (const part of query.split('&')) {
      if (!part) continue;
      const [k, v = ''] = part.split('=');
      const key = decodeOnce(k);
      if (!this.map.has(key)) this.map.set(key, decodeOnce(v.replace(/\+/g, ' ')));
    }
  }
  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }
}
