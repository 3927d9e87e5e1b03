import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { WechatAccessToken, postJson } from './access-token';

/** msgSecCheck's scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type ContentScene = 1 | 2 | 3 | 4;

/** WeChat's verdict on a text, or `unavailable` when WeChat could not be asked or answered an error. */
export type TextVerdict = 'pass' | 'review' | 'risky' | 'unavailable';

interface TextAnswer {
  errcode?: number;
  errmsg?: string;
  result?: { suggest?: string; label?: number };
  trace_id?: string;
}

interface MediaAnswer {
  errcode?: number;
  errmsg?: string;
  trace_id?: string;
}

/**
 * Adapter for WeChat's content security (内容安全): security.msgSecCheck v2, which judges a text
 * at once, and security.mediaCheckAsync v2, which takes a photo's address and pushes its verdict
 * later (event `wxa_media_check`, matched by trace_id). Both need the author's openid.
 * Production calls api.weixin.qq.com; tests point `WX_API_BASE` at the local fake.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ContentCheckClient {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  accessToken!: WechatAccessToken;

  async checkText(openid: string, content: string, scene: ContentScene): Promise<TextVerdict> {
    const answer = await this.accessToken.withToken<TextAnswer | null>(
      (token) => postJson<TextAnswer>(this.url('/wxa/msg_sec_check', token), { content, version: 2, scene, openid }),
      (a) => (a?.errcode ? a.errcode : null),
    );
    if (!answer || answer.errcode) return 'unavailable';
    const suggest = answer.result?.suggest;
    return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'unavailable';
  }

  /** Submits a photo for checking; its trace_id, or null when WeChat did not take it. */
  async submitMedia(openid: string, mediaUrl: string, scene: ContentScene): Promise<string | null> {
    const answer = await this.accessToken.withToken<MediaAnswer | null>(
      (token) =>
        postJson<MediaAnswer>(this.url('/wxa/media_check_async', token), {
          media_url: mediaUrl,
          media_type: 2,
          version: 2,
          scene,
          openid,
        }),
      (a) => (a?.errcode ? a.errcode : null),
    );
    return answer && !answer.errcode && answer.trace_id ? answer.trace_id : null;
  }

  private url(pathname: string, token: string): URL {
    const url = new URL(pathname, this.settings.wx.apiBase);
    url.search = new URLSearchParams({ access_token: token }).toString();
    return url;
  }
}
