import { createHash, timingSafeEqual } from 'node:crypto';
import { Config, Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Handle, type Call } from '../core/handle';
import { UploadsService, uploadTypeOf } from './uploads.service';

const { createUpload, getUpload, getUploadForCheck, receiveWechatPush, verifyWechatPush } = api.needs;

/** Photos for needs, whistles, project updates and patrol findings: raw image bodies in, files under the upload folder out. */
@Controller('/')
export class UploadsController {
  @Inject()
  uploads!: UploadsService;

  @Config('gongzhi')
  settings!: Settings;

  @Handle(createUpload)
  async createUpload({ user, ctx, keyedId, raw }: Call<typeof createUpload>) {
    const type = uploadTypeOf(ctx.get('content-type'));
    const body = raw!;
    if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPEG、PNG 或 WebP 图片');
    if (body.tooLarge) throw new AppError('PAYLOAD_TOO_LARGE', '图片不能超过 5 MB');
    return this.uploads.createUpload(user, type, body.bytes, keyedId);
  }

  @Handle(getUpload)
  async getUpload({ user, params, ctx }: Call<typeof getUpload>) {
    const file = await this.uploads.showUpload(user, params.id);
    ctx.type = file.type;
    ctx.set('Cache-Control', 'private, max-age=86400');
    ctx.set('X-Content-Type-Options', 'nosniff');
    return file.bytes;
  }

  /** The photo for WeChat's mediaCheckAsync, at the signed address we gave it. */
  @Handle(getUploadForCheck)
  async getUploadForCheck({ params, query, ctx }: Call<typeof getUploadForCheck>) {
    const file = await this.uploads.showUploadForCheck(params.id, query.expires, query.sig);
    ctx.type = file.type;
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    return file.bytes;
  }

  /** WeChat checks the push address once, when it is configured (消息推送配置): echo its string when signed. */
  @Handle(verifyWechatPush)
  async verifyWechatPush({ query, ctx }: Call<typeof verifyWechatPush>) {
    if (!pushSigned(this.settings.wx.pushToken, query)) throw new AppError('FORBIDDEN', '消息推送签名无效');
    ctx.type = 'text/plain';
    return query.echostr;
  }

  /** WeChat's pushed verdicts on photos; anything not signed with WX_PUSH_TOKEN is refused. */
  @Handle(receiveWechatPush)
  async receiveWechatPush({ query, body }: Call<typeof receiveWechatPush>) {
    if (!pushSigned(this.settings.wx.pushToken, query)) throw new AppError('FORBIDDEN', '消息推送签名无效');
    if (body.Event === 'wxa_media_check' && body.trace_id && body.result?.suggest)
      await this.uploads.mediaCheckVerdict(body.trace_id, body.result.suggest);
    return 'success';
  }
}

/** WeChat's message-push signature: sha1 of token, timestamp and nonce, sorted and joined. No token: nothing is signed. */
export function pushSigned(token: string | null, q: { signature: string; timestamp: string; nonce: string }): boolean {
  if (!token) return false;
  const expected = createHash('sha1').update([token, q.timestamp, q.nonce].sort().join('')).digest();
  const given = Buffer.from(q.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
