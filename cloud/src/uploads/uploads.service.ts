import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ApplicationContext, Config, Inject, Provide, type IMidwayContainer } from '@midwayjs/core';
import { Types } from 'mongoose';
import { UPLOAD_TYPES, type UploadType } from '@gongzhi/shared';
import type { Settings } from '../config/settings';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import type { Principal } from '../core/principal';
import { UploadModel, type Upload } from './upload.model';
import { createKeyed } from '../core/create-keyed';
import { rateLimited } from '../core/rate-limits';
import { Notifier } from '../notifications/notifier';
import { ContentGuard } from '../wechat/content-guard';
import { ContentCheckClient } from '../wechat/content-check';
import { photoVisibilities, type PhotoVisibilityContext } from './photo-visibility';

/** The quota of stored photos (UPLOAD_QUOTA_MB) counts what a person uploaded in this many days. */
export const UPLOAD_QUOTA_DAYS = 30;
const DAY_MS = 86_400_000;
/** How long the signed address WeChat fetches a photo from stays valid (its checks finish within about 30 minutes). */
const CHECK_URL_MS = 60 * 60_000;

const EXTENSIONS: Record<UploadType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The declared type, when it is one we take (parameters such as `; charset` ignored). */
export function uploadTypeOf(contentType: string | undefined): UploadType | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return (UPLOAD_TYPES as readonly string[]).includes(type) ? (type as UploadType) : null;
}

/** Whether the bytes really are the declared image type (a renamed file or a script is refused). */
function magicMatches(type: UploadType, b: Buffer): boolean {
  switch (type) {
    case 'image/jpeg':
      return b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
    case 'image/png':
      return b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/webp':
      return b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP';
  }
}

/** Use cases of photo uploads: create_upload, show_upload. */
@Provide()
export class UploadsService {
  @Config('gongzhi')
  settings!: Settings;

  @ApplicationContext()
  container!: IMidwayContainer;

  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  contentGuard!: ContentGuard;

  @Inject()
  contentCheck!: ContentCheckClient;

  @Inject()
  notifier!: Notifier;

  /** Stores checked bytes under a random name, then records them; a failed record removes the file. */
  async createUpload(
    user: Principal,
    type: UploadType,
    bytes: Buffer,
    keyedId: Types.ObjectId | null = null,
  ): Promise<{ id: string; url: string }> {
    if (!bytes.length)
      throw new AppError('VALIDATION_FAILED', '没有收到图片内容', [{ path: 'body', message: '请选择一张图片' }]);
    if (!magicMatches(type, bytes)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件内容不是声明的图片格式');
    await this.withinQuota(user, bytes.length);
    await fs.mkdir(this.settings.uploadDir, { recursive: true });
    const fileName = `${randomBytes(16).toString('hex')}.${EXTENSIONS[type]}`;
    const file = path.join(this.settings.uploadDir, fileName);
    await fs.writeFile(file, bytes, { flag: 'wx' });
    let stored: Upload;
    try {
      stored = await createKeyed<Upload>(this.db.model(UploadModel), keyedId, {
        owner: new Types.ObjectId(user.userId),
        contentType: type,
        size: bytes.length,
        fileName,
        createdAt: this.clock.now(),
      });
    } catch (err) {
      await fs.rm(file, { force: true });
      throw err;
    }
    // A retry of a crashed attempt answers with that attempt's upload: this copy of the file is not needed.
    if (stored.fileName !== fileName) await fs.rm(file, { force: true });
    const id = stored._id;
    if (!stored.checkTraceId && !stored.contentReview) await this.submitForCheck(user, id);
    return { id: String(id), url: `/api/v1/uploads/${id}` };
  }

  /**
   * 内容安全: hands the photo to WeChat's mediaCheckAsync; the verdict comes later to
   * `mediaCheckVerdict`. WeChat fetches the photo from PUBLIC_URL. Not taken (unreachable, an
   * error) → the photo stays shown and is marked for staff; skipped like the texts (content-guard.ts).
   */
  private async submitForCheck(user: Principal, id: Types.ObjectId) {
    const openid = await this.contentGuard.openidOf(user.userId);
    if (!openid) return;
    const traceId = await this.contentCheck.submitMedia(openid, this.checkUrl(String(id)), 3);
    await this.db
      .model(UploadModel)
      .updateOne({ _id: id }, { $set: traceId ? { checkTraceId: traceId } : { contentReview: 'pending' } });
  }

  /** The photo's address for WeChat to fetch it (PUBLIC_URL must reach this API): signed, valid CHECK_URL_MS. */
  private checkUrl(id: string): string {
    const expires = this.clock.now().getTime() + CHECK_URL_MS;
    return `${this.settings.publicUrl}/api/v1/uploads/${id}/for-check?expires=${expires}&sig=${this.checkSig(id, expires)}`;
  }

  private checkSig(id: string, expires: number): string {
    return createHmac('sha256', this.settings.jwtSecret).update(`upload-check|${id}|${expires}`).digest('hex');
  }

  /** The photo for WeChat's check: only with a signature of ours that has not expired, and not once hidden. */
  async showUploadForCheck(id: string, expires: number, sig: string): Promise<{ type: UploadType; bytes: Buffer }> {
    const given = Buffer.from(sig, 'hex');
    const expected = Buffer.from(this.checkSig(id, expires), 'hex');
    const signed = given.length === expected.length && timingSafeEqual(given, expected);
    if (!signed || expires < this.clock.now().getTime()) throw new AppError('NOT_FOUND', '没有找到这张照片');
    const upload = await this.db.model(UploadModel).findById(id).lean<Upload>();
    return this.bytesOf(upload);
  }

  /**
   * WeChat's pushed verdict on a photo (event wxa_media_check): risky → the photo is hidden from
   * everyone (404) and its author told in the app. Once per photo: a repeated push changes nothing.
   */
  async mediaCheckVerdict(traceId: string, suggest: string): Promise<void> {
    if (suggest !== 'risky') {
      if (suggest === 'review')
        await this.db.model(UploadModel).updateOne({ checkTraceId: traceId }, { $set: { contentReview: 'pending' } });
      return;
    }
    const upload = await this.db
      .model(UploadModel)
      .findOneAndUpdate({ checkTraceId: traceId }, { $set: { hidden: true } })
      .lean<Upload>();
    if (!upload) return;
    await this.notifier.notify(
      [upload.owner],
      'photoHidden',
      '您上传的照片未通过内容安全检查，已被隐藏',
      {},
      String(upload._id),
    );
  }

  /**
   * 限流: a person stores at most UPLOAD_QUOTA_MB of photos in UPLOAD_QUOTA_DAYS days (the upload
   * rate is limited by @Handle, the endpoint's upload group). Over it: 429 with the time until
   * enough of the oldest photos leave the window. Uploads racing each other may pass it together,
   * by at most the few the rate limit lets through at once.
   */
  private async withinQuota(user: Principal, adding: number) {
    const now = this.clock.now().getTime();
    const since = new Date(now - UPLOAD_QUOTA_DAYS * DAY_MS);
    const recent = await this.db
      .model(UploadModel)
      .find({ owner: new Types.ObjectId(user.userId), createdAt: { $gte: since } }, { size: 1, createdAt: 1 })
      .sort({ createdAt: 1 })
      .lean<Pick<Upload, 'size' | 'createdAt'>[]>();
    const quota = this.settings.uploadQuotaBytes;
    let over = recent.reduce((n, u) => n + u.size, 0) + adding - quota;
    if (over <= 0) return;
    let freedAt = now + UPLOAD_QUOTA_DAYS * DAY_MS;
    for (const u of recent) {
      over -= u.size;
      if (over <= 0) {
        freedAt = u.createdAt.getTime() + UPLOAD_QUOTA_DAYS * DAY_MS;
        break;
      }
    }
    const mb = Math.round(quota / 1024 / 1024);
    throw rateLimited(freedAt - now, `${UPLOAD_QUOTA_DAYS} 天内上传的照片已达 ${mb} MB`);
  }

  /**
   * The photo for its uploader, and for whoever may read a record that shows it: each area that
   * shows photos (needs, patrol findings, public project updates, whistles) registers its check in
   * its `<area>.photos.ts` (photo-visibility.ts); others 404.
   */
  async showUpload(user: Principal, id: string): Promise<{ type: UploadType; bytes: Buffer }> {
    const upload = await this.db.model(UploadModel).findById(id).lean<Upload>();
    let visible = !!upload && String(upload.owner) === user.userId;
    if (upload && !visible) {
      const ctx: PhotoVisibilityContext = { db: this.db, resolve: (cls) => this.container.getAsync(cls) };
      for (const area of photoVisibilities()) {
        if (await area.visible(ctx, user, upload._id)) {
          visible = true;
          break;
        }
      }
    }
    if (!visible) throw new AppError('NOT_FOUND', '没有找到这张照片');
    return this.bytesOf(upload);
  }

  /** The stored file of a photo that is shown; 404 when there is none (or WeChat judged it risky). */
  private async bytesOf(upload: Upload | null): Promise<{ type: UploadType; bytes: Buffer }> {
    if (!upload || upload.hidden) throw new AppError('NOT_FOUND', '没有找到这张照片');
    const bytes = await fs
      .readFile(path.join(this.settings.uploadDir, path.basename(upload.fileName)))
      .catch(() => null);
    if (!bytes) throw new AppError('NOT_FOUND', '没有找到这张照片');
    return { type: upload.contentType, bytes };
  }
}
