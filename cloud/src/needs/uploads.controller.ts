import type { IncomingMessage } from 'node:http';
import { Controller, Inject } from '@midwayjs/core';
import { UPLOAD_MAX_BYTES, api } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Handle, type Call } from '../core/handle';
import { UploadsService, uploadTypeOf } from './uploads.service';

const { createUpload, getUpload } = api.needs;

/** Beyond this we stop reading and drop the connection instead of draining a huge body. */
const DRAIN_LIMIT = 4 * UPLOAD_MAX_BYTES;

/**
 * Reads a raw request body (the body parser only parses JSON). Past `limit` it keeps draining but
 * stores nothing, so the client still gets its 413 answer; far past it the connection is dropped.
 */
async function readRawBody(req: IncomingMessage, limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > DRAIN_LIMIT) {
    req.destroy();
    return { bytes: Buffer.alloc(0), tooLarge: true };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > DRAIN_LIMIT) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return { bytes: Buffer.concat(chunks), tooLarge: size > limit };
}

/** Photos for needs: raw image bodies in, files under the upload folder out. */
@Controller('/')
export class UploadsController {
  @Inject()
  uploads!: UploadsService;

  @Handle(createUpload)
  async createUpload({ user, ctx, keyedId }: Call<typeof createUpload>) {
    const type = uploadTypeOf(ctx.get('content-type'));
    // A JSON body was already consumed by the body parser; anything else is read (and dropped) here.
    const body = ctx.req.readableEnded
      ? { bytes: Buffer.alloc(0), tooLarge: false }
      : await readRawBody(ctx.req, UPLOAD_MAX_BYTES);
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
