import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { WX_TIMEOUT_MS, WechatAccessToken } from './access-token';

/** A mini-program code image, or why WeChat made none (in words for the person sharing it). */
export type WxacodeResult = { ok: true; image: Buffer; type: string } | { ok: false; message: string };

/**
 * Adapter for wxacode.getUnlimited (小程序码, unlimited in number): a code that opens `page` with
 * `scene` (≤ 32 visible characters). WeChat answers the image itself, or JSON with an errcode.
 * Production calls api.weixin.qq.com; tests point `WX_API_BASE` at the local fake.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WxacodeClient {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  accessToken!: WechatAccessToken;

  async getUnlimited(scene: string, page: string): Promise<WxacodeResult> {
    type Answer = { image: Buffer; type: string } | { errcode: number; errmsg: string } | null;
    const answer = await this.accessToken.withToken<Answer>(
      (token) => this.fetchCode(token, scene, page),
      (a) => (a && 'errcode' in a ? a.errcode : null),
    );
    if (answer && 'image' in answer) return { ok: true, ...answer };
    if (answer && answer.errcode === 41030)
      return { ok: false, message: '小程序还没有发布这个页面，暂时无法生成小程序码，请先用链接分享' };
    return { ok: false, message: '微信暂时无法生成小程序码，请稍后再试或用链接分享' };
  }

  private async fetchCode(token: string, scene: string, page: string) {
    const url = new URL('/wxa/getwxacodeunlimit', this.settings.wx.apiBase);
    url.search = new URLSearchParams({ access_token: token }).toString();
    const envVersion = { formal: 'release', trial: 'trial', developer: 'develop' }[this.settings.wx.miniprogramState];
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // check_path off: a page of a version not yet released still gets a code in development.
        body: JSON.stringify({
          scene,
          page,
          check_path: envVersion === 'release',
          env_version: envVersion,
          width: 430,
        }),
        signal: AbortSignal.timeout(WX_TIMEOUT_MS),
      });
      if (!res.ok) return null;
      const type = res.headers.get('content-type') ?? '';
      if (type.startsWith('image/')) return { image: Buffer.from(await res.arrayBuffer()), type };
      const data = (await res.json()) as { errcode?: number; errmsg?: string };
      return typeof data.errcode === 'number' ? { errcode: data.errcode, errmsg: data.errmsg ?? '' } : null;
    } catch {
      return null;
    }
  }
}
