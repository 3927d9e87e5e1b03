import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { Clock } from '../core/clock';

/** One subscription message, in WeChat's documented body of subscribeMessage.send. */
export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** What a send came to: WeChat's errcode (0 ok), or `null` when WeChat could not be reached or answered garbage. */
export interface SendOutcome {
  errcode: number | null;
  errmsg: string;
}

/** errcodes meaning our access token is no longer good: refresh it and send again. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh a little before WeChat's expiry, so a token is not used in its last seconds. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 5000;

/**
 * Adapter for WeChat subscription messages (订阅消息): the access token from /cgi-bin/stable_token,
 * cached until shortly before it expires, and /cgi-bin/message/subscribe/send. Production calls
 * api.weixin.qq.com; tests point `WX_API_BASE` at a local fake speaking the same shapes.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubscribeMessageClient {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  clock!: Clock;

  private token: { value: string; until: number } | null = null;

  /** Sends once; a token WeChat calls invalid or expired is refreshed and the send tried once more. */
  async send(message: SubscribeMessage): Promise<SendOutcome> {
    let outcome = await this.sendWith(await this.accessToken(false), message);
    if (outcome.errcode !== null && TOKEN_ERRORS.has(outcome.errcode)) {
      this.token = null;
      outcome = await this.sendWith(await this.accessToken(true), message);
    }
    return outcome;
  }

  private async sendWith(token: string | null, message: SubscribeMessage): Promise<SendOutcome> {
    if (!token) return { errcode: null, errmsg: 'no access token' };
    const url = new URL('/cgi-bin/message/subscribe/send', this.settings.wx.apiBase);
    url.search = new URLSearchParams({ access_token: token }).toString();
    const body = { ...message, miniprogram_state: this.settings.wx.miniprogramState, lang: 'zh_CN' };
    const data = await postJson<{ errcode?: number; errmsg?: string }>(url, body);
    if (!data || typeof data.errcode !== 'number')
      return { errcode: null, errmsg: data ? 'bad answer' : 'unreachable' };
    return { errcode: data.errcode, errmsg: data.errmsg ?? '' };
  }

  /** The cached token, or a new one from stable_token (force: WeChat just refused ours). Null when WeChat is unreachable. */
  private async accessToken(force: boolean): Promise<string | null> {
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

async function postJson<T>(url: URL, body: unknown): Promise<T | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    return (await res.json()) as T;
  } catch {
    return null;
  }
}
