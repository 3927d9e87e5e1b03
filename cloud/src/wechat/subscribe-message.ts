import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { WechatAccessToken, postJson } from './access-token';

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
  accessToken!: WechatAccessToken;

  /** Sends once; a token WeChat calls invalid or expired is refreshed and the send tried once more. */
  async send(message: SubscribeMessage): Promise<SendOutcome> {
    const outcome = await this.accessToken.withToken(
      (token) => this.sendWith(token, message),
      (o) => o.errcode,
    );
    return outcome ?? { errcode: null, errmsg: 'no access token' };
  }

  private async sendWith(token: string, message: SubscribeMessage): Promise<SendOutcome> {
    const url = new URL('/cgi-bin/message/subscribe/send', this.settings.wx.apiBase);
    url.search = new URLSearchParams({ access_token: token }).toString();
    const body = { ...message, miniprogram_state: this.settings.wx.miniprogramState, lang: 'zh_CN' };
    const data = await postJson<{ errcode?: number; errmsg?: string }>(url, body);
    if (!data || typeof data.errcode !== 'number')
      return { errcode: null, errmsg: data ? 'bad answer' : 'unreachable' };
    return { errcode: data.errcode, errmsg: data.errmsg ?? '' };
  }
}
