import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Image, ScrollView } from '@tarojs/components';
import type { Paged } from '../../hooks/usePaged';
import { getToken } from '../../services/session';
import './index.scss';

export { usePaged, type Paged, type PageOf } from '../../hooks/usePaged';
export * from './time';
export * from './money';

/** Tone of a status pill: the same colours for needs, bookings and projects. */
export type Tone = 'brand' | 'blue' | 'green' | 'orange' | 'grey' | 'red';

export function StatusPill({ text, tone, className }: { text: string; tone: Tone; className?: string }) {
  return <Text className={`rk-pill rk-pill--${tone} ${className ?? ''}`}>{text}</Text>;
}

export interface ChipOption<K extends string> {
  key: K;
  label: string;
}

/** A row of filter chips that scrolls sideways on narrow phones; one is picked. */
export function ChipTabs<K extends string>({
  options,
  value,
  onChange,
  className,
}: {
  options: readonly ChipOption<K>[];
  value: K;
  onChange: (key: K) => void;
  className?: string;
}) {
  return (
    <ScrollView scrollX className={`rk-chips ${className ?? ''}`} enhanced showScrollbar={false}>
      <View className="rk-chips__row">
        {options.map((o) => (
          <View
            key={o.key}
            className={`rk-chips__chip ${o.key === value ? 'rk-chips__chip--on' : ''}`}
            data-key={o.key}
            onClick={() => onChange(o.key)}
          >
            <Text>{o.label}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  );
}

/** A thin progress bar with its percentage; `null` (unknown) shows a dash. */
export function ProgressBar({ value, label }: { value: number | null; label?: string }) {
  const pct = value === null ? 0 : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <View className="rk-progress">
      {label && <Text className="rk-progress__label">{label}</Text>}
      <View className="rk-progress__track">
        <View
          className={`rk-progress__bar ${pct >= 100 ? 'rk-progress__bar--done' : ''}`}
          style={{ width: `${pct}%` }}
        />
      </View>
      <Text className="rk-progress__value">{value === null ? '—' : `${pct}%`}</Text>
    </View>
  );
}

interface FooterProps {
  count: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onMore: () => void;
}

/** The line under a paged list: loading, try again, or the end. */
export function ListFooter({ count, hasMore, loadingMore, moreError, onMore }: FooterProps) {
  if (count === 0) return null;
  if (moreError) {
    return (
      <View className="rk-footer rk-footer--error" onClick={onMore}>
        <Text>{`${moreError}，点这里重试`}</Text>
      </View>
    );
  }
  if (loadingMore) {
    return (
      <View className="rk-footer">
        <Text>正在加载…</Text>
      </View>
    );
  }
  if (hasMore) {
    return (
      <View className="rk-footer" onClick={onMore}>
        <Text>上滑加载更多</Text>
      </View>
    );
  }
  return (
    <View className="rk-footer">
      <Text>{`— 共 ${count} 条，已经到底了 —`}</Text>
    </View>
  );
}

/** The footer of a `usePaged` list: its count, the next page on tap, or the retry. */
export function PagedFooter({
  list,
}: {
  list: Pick<Paged<unknown>, 'items' | 'hasMore' | 'loadingMore' | 'moreError' | 'loadMore'>;
}) {
  return (
    <ListFooter
      count={list.items.length}
      hasMore={list.hasMore}
      loadingMore={list.loadingMore}
      moreError={list.moreError}
      onMore={() => void list.loadMore()}
    />
  );
}

/** The message under a form field, in the field's own place. */
export function FieldMessage({ text }: { text?: string | null }) {
  if (!text) return null;
  return <Text className="rk-field-error">{text}</Text>;
}

/**
 * Photos are served only to people who may see them, so the request must carry the sign-in token:
 * fetched with it (H5) or downloaded with it (weapp), then shown from the local copy.
 */
function useAuthorisedImage(url: string): { src: string | null; failed: boolean } {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    let objectUrl: string | null = null;
    const token = getToken();
    const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const full = /^https?:|^blob:|^wxfile:/.test(url) ? url : API_BASE + url;
    (async () => {
      if (process.env.TARO_ENV === 'h5') {
        const response = await fetch(full, { headers: header });
        if (!response.ok) throw new Error(String(response.status));
        objectUrl = URL.createObjectURL(await response.blob());
        return objectUrl;
      }
      const result = await Taro.downloadFile({ url: full, header });
      if (result.statusCode !== 200) throw new Error(String(result.statusCode));
      return result.tempFilePath;
    })().then(
      (path) => alive && setSrc(path),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return { src, failed };
}

/** One photo tile from the API; tapping it opens the phone's image viewer. */
export function ApiPhoto({ url, className }: { url: string; className?: string }) {
  const { src, failed } = useAuthorisedImage(url);
  return (
    <View
      className={`rk-photo ${className ?? ''}`}
      onClick={() => src && void Taro.previewImage({ urls: [src], current: src })}
    >
      {src ? (
        <Image className="rk-photo__img" src={src} mode="aspectFill" />
      ) : (
        <Text className="rk-photo__hint">{failed ? '无法查看' : '加载中'}</Text>
      )}
    </View>
  );
}

/** 1–5 stars, large enough to tap; read-only without `onChange`. */
export function Stars({
  value,
  onChange,
  size = 'large',
}: {
  value: number;
  onChange?: (v: number) => void;
  size?: 'large' | 'small';
}) {
  return (
    <View className={`rk-stars rk-stars--${size}`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          className={`rk-stars__star ${n <= value ? 'rk-stars__star--on' : ''}`}
          data-star={n}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </Text>
      ))}
    </View>
  );
}

export const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/**
 * A fresh Idempotency-Key (8–128 of A–Z a–z 0–9 - _): one per form or per photo, so a retried
 * request is answered with the first result instead of creating a second order.
 */
export function requestKey(): string {
  let random = '';
  for (let i = 0; i < 4; i++) random += Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${random}`;
}

/** Field errors by path without the `body.` prefix: `description`, `answers.topic`, `photos`. */
export function errorsByField(fields: readonly { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const parts = f.path.replace(/^body\.?/, '').split('.');
    // `photos.3` belongs to the photos block; `answers.topic` to that field.
    const key = parts[0] === 'answers' ? parts.slice(0, 2).join('.') : parts[0] || 'form';
    if (!out[key]) out[key] = f.message;
  }
  return out;
}
