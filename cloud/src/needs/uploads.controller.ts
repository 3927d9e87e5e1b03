import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Handle, type Call } from '../core/handle';
import { UploadsService, uploadTypeOf } from './uploads.service';

const { createUpload, getUpload } = api.needs;

/** Photos for needs: raw image bodies in, files under the upload folder out. */
@Controller('/')
export class UploadsController {
  @Inject()
  uploads!: UploadsService;

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
}
