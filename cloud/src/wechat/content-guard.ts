import { Config, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { WxIdentityModel, type WxIdentity } from '../people/user.model';
import { ContentCheckClient, type ContentScene } from './content-check';

/** What a record says about its text's check: `pending` — WeChat could not judge it, staff should look. */
export type ContentReview = 'pending';

/**
 * 内容安全 for the use cases: each passes the person's text fields (by their request path, e.g.
 * `body.description`) before storing them. The policy (README, 内容安全):
 * - risky (WeChat's `risky`) → 422 CONTENT_RISKY naming the field; nothing is stored;
 * - WeChat says `review`, or cannot be reached or answers an error → accepted, and the caller marks
 *   the record `contentReview: 'pending'` for staff;
 * - skipped (accepted, unmarked) when no WeChat app is configured (WX_APPID unset: development) or
 *   the author has no openid (a demo or H5-only account): WeChat checks only its users' content.
 */
@Provide()
export class ContentGuard {
  @Config('gongzhi')
  settings!: Settings;

  @Inject()
  db!: Db;

  @Inject()
  client!: ContentCheckClient;

  /** Checks each non-empty field; throws CONTENT_RISKY on the first risky one. `review`: mark the record pending. */
  async text(
    user: Principal,
    fields: Record<string, string | null | undefined>,
    scene: ContentScene,
  ): Promise<{ review: boolean }> {
    const texts = Object.entries(fields).filter((e): e is [string, string] => !!e[1]?.trim());
    if (!texts.length) return { review: false };
    const openid = await this.openidOf(user.userId);
    if (!openid) return { review: false };
    let review = false;
    for (const [path, content] of texts) {
      const verdict = await this.client.checkText(openid, content, scene);
      if (verdict === 'risky')
        throw new AppError('CONTENT_RISKY', undefined, [{ path, message: '这里的内容不适宜发布，请修改' }]);
      if (verdict !== 'pass') review = true;
    }
    return { review };
  }

  /**
   * The author's openid for WeChat's checks (the latest identity when several), or null: no WeChat
   * app configured, or an account that never signed in with WeChat. Then nothing is checked.
   */
  async openidOf(userId: string | Types.ObjectId): Promise<string | null> {
    if (!this.settings.wx.configured) return null;
    const identity = await this.db
      .model(WxIdentityModel)
      .findOne({ userId: new Types.ObjectId(String(userId)) })
      .sort({ updatedAt: -1 })
      .lean<WxIdentity>();
    return identity?._id ?? null;
  }
}
