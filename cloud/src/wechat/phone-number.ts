import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Settings } from '../config/settings';
import { WechatAccessToken, postJson } from './access-token';

/** A phone number WeChat vouched for, or why there is none (bad code, or WeChat unreachable). */
export type PhoneNumberResult =
  | { ok: true; phoneNumber: string; purePhoneNumber: string; countryCode: string }
  | { ok: false; reason: 'invalidCode' | 'unavailable' };

interface Answer {
  errcode?: number;
  errmsg?: string;
  phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string };
}

/**
 * Adapter for phonenumber.getPhoneNumber (手机号快速验证): exchanges the code from
 * `<button open-type="getPhoneNumber">` for the number the person chose in WeChat.
 * Production calls api.weixin.qq.com; tests point `WX_API_BASE` at the local fake.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PhoneNumberClient {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  accessToken!: WechatAccessToken;

  async getPhoneNumber(code: string): Promise<PhoneNumberResult> {
    const answer = await this.accessToken.withToken<Answer | null>(
      (token) => {
        const url = new URL('/wxa/business/getuserphonenumber', this.settings.wx.apiBase);
        url.search = new URLSearchParams({ access_token: token }).toString();
        return postJson<Answer>(url, { code });
      },
      (a) => (a?.errcode ? a.errcode : null),
    );
    if (!answer) return { ok: false, reason: 'unavailable' };
    // 40029: the code is wrong, used or older than five minutes.
    if (answer.errcode === 40029) return { ok: false, reason: 'invalidCode' };
    const info = answer.phone_info;
    if (answer.errcode || !info?.purePhoneNumber || !info.countryCode) return { ok: false, reason: 'unavailable' };
    return {
      ok: true,
      phoneNumber: info.phoneNumber ?? info.purePhoneNumber,
      purePhoneNumber: info.purePhoneNumber,
      countryCode: info.countryCode,
    };
  }
}
