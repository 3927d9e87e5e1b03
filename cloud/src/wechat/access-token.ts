import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { Clock } from '../core/clock';

/** errcodes meaning our access token is no longer good: refresh it and call again. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh a little before WeChat's expiry, so a token is not used in its last seconds. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
export const WX_TIMEOUT_MS = 5000;

/**
 * The mini-program's access token for WeChat's server API, from /cgi-bin/stable_token, cached until
 * shortly before it expires. Every server-API adapter (subscription messages, mini-program codes,
 * phone numbers) calls through `withToken`, which refreshes it once when WeChat refuses it.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WechatAccessToken {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  clock!: Clock;

  private token: { value: string; until: number } | null = null;

  /**
   * Runs `call` with the token; when it answers with a token errcode, once more with a fresh one.
   * `errcodeOf` reads the errcode from the answer (null: not an error). Null when WeChat gave no token.
   */
  async withToken<T>(call: (token: string) => Promise<T>, errcodeOf: (answer: T) => number | null): Promise<T | null> {
    const first = await this.get(false);
    if (!first) return null;
    const answer = await call(first);
    const errcode = errcodeOf(answer);
    if (errcode === null || !TOKEN_ERRORS.has(errcode)) return answer;
    this.token = null;
    const fresh = await this.get(true);
    return fresh ? call(fresh) : null;
  }

  /** The cached token, or a new one from stable_token (force: WeChat just refused ours). Null when WeChat is unreachable. */
  private async get(force: boolean): Promise<string | null> {
    const now = this.clock.now().getTime();
    if (!force && this.token && this.token.until > now) return this.token.value;
    const { appId, secret, apiBase } = this.settings.wx;
    const data = await postJson<{ access_token?: string; expires_in?: number; errcode?: number }>(
      new URL('/cgi-bin/stable_token', apiBase),
      { grant_type: 'client_credential', appid: appId, secret, force_refresh: force },
    );
    if (!data?.access_token || !data.expires_in) return null;
    this.token = { value: data.access_token, until: now + data.expires_in * 1000 - EXPIRY_MARGIN_MS };
    return this.token.value;
  }
}

/** POSTs JSON and reads the JSON answer; null when WeChat cannot be reached or answers garbage. */
export async function postJson<T>(url: URL, body: unknown): Promise<T | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WX_TIMEOUT_MS),
    });
    if (!res.ok) return null;
    return (await res.json()) as T;
  } catch {
    return null;
  }
}
