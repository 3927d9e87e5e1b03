import { View, Text, Image } from '@tarojs/components';
import { choosePhotos, uploadPhoto, type PhotoItem } from '../../menu/order/photos';

export type { PhotoItem };

/** Why the photos cannot be sent yet (still uploading, or one failed), or null; `step` names the button. */
export function photoProblem(photos: PhotoItem[], step = '提交'): string | null {
  if (photos.some((p) => p.status === 'uploading')) return '照片还在上传，请稍候';
  if (photos.some((p) => p.status === 'failed')) return `有照片没有上传成功，请删除后再${step}`;
  return null;
}

/** The upload ids to send. */
export const photoIds = (photos: PhotoItem[]): string[] => photos.filter((p) => p.id).map((p) => p.id as string);

/**
 * Pick, upload and remove photos (camera or album): each uploads as soon as it is picked and shows
 * 上传中 / 失败 until done. `onChange` takes an updater, as uploads finish after the page moved on.
 */
export function PhotoPicker({
  photos,
  onChange,
  max,
  className = '',
}: {
  photos: PhotoItem[];
  onChange: (update: (now: PhotoItem[]) => PhotoItem[]) => void;
  max: number;
  className?: string;
}) {
  const mark = (key: string, change: Partial<PhotoItem>) =>
    onChange((now) => now.map((p) => (p.key === key ? { ...p, ...change } : p)));
  const add = async () => {
    const added = (await choosePhotos(photos.length)).slice(0, max - photos.length);
    if (!added.length) return;
    onChange((now) => [...now, ...added].slice(0, max));
    for (const photo of added) {
      uploadPhoto(photo).then(
        (id) => mark(photo.key, { status: 'done', id }),
        (e: Error) => mark(photo.key, { status: 'failed', message: e.message }),
      );
    }
  };
  return (
    <View className={`photo-picker ${className}`}>
      {photos.map((p) => (
        <View key={p.key} className={`photo-picker__photo photo-picker__photo--${p.status}`}>
          <Image className="photo-picker__img" src={p.local} mode="aspectFill" />
          {p.status !== 'done' && (
            <Text className="photo-picker__mask">{p.status === 'uploading' ? '上传中' : '失败'}</Text>
          )}
          <Text className="photo-picker__remove" onClick={() => onChange((now) => now.filter((x) => x.key !== p.key))}>
            ✕
          </Text>
        </View>
      ))}
      {photos.length < max && (
        <View className="photo-picker__photo photo-picker__photo--add" onClick={() => void add()}>
          <Text>＋</Text>
        </View>
      )}
    </View>
  );
}
