import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { rateLimited } from '../core/rate-limits';

export interface WxSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

/**
 * Adapter for WeChat's server API. Production calls api.weixin.qq.com; tests point `WX_API_BASE`
 * at a local fake that speaks the same documented shapes.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class WechatClient {
  @Config('gongzhi')
  settings!: Settings;

  /** auth.code2Session: exchanges a wx.login code for the user's openid and session_key. */
  async code2Session(code: string): Promise<WxSession> {
    const { appId, secret, apiBase } = this.settings.wx;
    const url = new URL('/sns/jscode2session', apiBase);
    url.search = new URLSearchParams({
      appid: appId,
      secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let data: { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      data = (await res.json()) as typeof data;
    } catch {
      throw new AppError('WX_UNAVAILABLE');
    }
    if (data.errcode) throw codeError(data.errcode);
    if (!data.openid || !data.session_key) throw new AppError('WX_UNAVAILABLE');
    return { openid: data.openid, unionid: data.unionid ?? null, sessionKey: data.session_key };
  }
}

/** WeChat's documented errcodes of code2Session. */
function codeError(errcode: number): AppError {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code been used
      return new AppError('WX_CODE_INVALID');
    case 45011: // API minute-quota reached: try again in a minute
      return rateLimited(60_000);
    case 40226: // high-risk user blocked by WeChat
      return new AppError('FORBIDDEN', '该微信账号暂时无法登录，请联系社区工作人员');
    default: // -1 system busy, and anything undocumented
      return new AppError('WX_UNAVAILABLE');
  }
}
