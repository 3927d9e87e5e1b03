import Taro from '@tarojs/taro';
import { MAX_NEED_PHOTOS, UPLOAD_MAX_BYTES, UPLOAD_TYPES, type UploadType } from '@gongzhi/shared';
import { ApiClientError, messageOf, uploadImage } from '../../../services/api';
import { requestKey } from '../../../components/ResidentKit';

export interface PhotoItem {
  /** Local key for the list and the Idempotency-Key of its upload. */
  key: string;
  /** What <Image> shows: a blob URL (H5) or a temp file path (weapp). */
  local: string;
  status: 'uploading' | 'done' | 'failed';
  id?: string;
  message?: string;
}

const BY_EXTENSION: Record<string, UploadType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The bytes and type of a chosen photo: H5 reads the blob URL, weapp reads the temp file. */
async function readPhoto(path: string): Promise<{ bytes: ArrayBuffer; type: string }> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = await (await fetch(path)).blob();
    return { bytes: await blob.arrayBuffer(), type: blob.type };
  }
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: (e) => reject(new Error(e.errMsg)),
    });
  });
  const ext = (/\.([a-z0-9]+)$/i.exec(path)?.[1] ?? '').toLowerCase();
  return { bytes, type: BY_EXTENSION[ext] ?? 'image/jpeg' };
}

/** Uploads one photo; resolves to its upload id or throws an ApiClientError with a Chinese message. */
export async function uploadPhoto(photo: PhotoItem): Promise<string> {
  let read: { bytes: ArrayBuffer; type: string };
  try {
    read = await readPhoto(photo.local);
  } catch {
    throw new ApiClientError('READ_FAILED', '读取照片失败，请重新选择', 0);
  }
  if (!(UPLOAD_TYPES as readonly string[]).includes(read.type)) {
    throw new ApiClientError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPEG、PNG 或 WebP 图片', 0);
  }
  if (read.bytes.byteLength > UPLOAD_MAX_BYTES) {
    throw new ApiClientError('PAYLOAD_TOO_LARGE', '图片不能超过 5 MB', 0);
  }
  const result = await uploadImage(read.bytes, read.type as UploadType, photo.key);
  return result.id;
}

/** Lets the person pick photos (camera or album), at most what is left of the nine. */
export async function choosePhotos(already: number): Promise<PhotoItem[]> {
  const left = MAX_NEED_PHOTOS - already;
  if (left <= 0) return [];
  try {
    const picked = await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return picked.tempFilePaths.slice(0, left).map((local) => ({ key: requestKey(), local, status: 'uploading' }));
  } catch (e) {
    // Cancelling the picker is not an error.
    const text = (e as { errMsg?: string }).errMsg ?? '';
    if (!/cancel/i.test(text) && text) void Taro.showToast({ title: messageOf(e), icon: 'none' });
    return [];
  }
}
