import { useState, type ReactNode } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import type { Remote } from '../../../hooks/useRemote';
import { EmptyState, ErrorState, LoadingCards } from '../../../components/PageState';
import { ListFoot } from './ui';

/**
 * What an admin list shows: a paged list (`usePaged` fits as is) or one loaded whole (`wholeList`).
 * Without `more` the list has no pages, so no 上拉加载 foot.
 */
export interface ListSource<T> {
  items: readonly T[];
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
  more?: () => Promise<void>;
  loadingMore?: boolean;
  moreError?: string | null;
  done?: boolean;
}

/** A list loaded whole with `useRemote` (a board, a shop's shelf), seen as a list source. */
export function wholeList<D, T>(remote: Remote<D>, itemsOf: (data: D) => readonly T[]): ListSource<T> {
  return {
    items: remote.data === null ? [] : itemsOf(remote.data),
    loading: remote.loading,
    error: remote.error,
    reload: remote.reload,
  };
}

/**
 * The page side of a list: pull-to-refresh, the next page at the bottom and, with `reloadOnShow`,
 * a reload on coming back (work done on an inner page changes the rows). `refresh` replaces what
 * pull-to-refresh reloads when the page holds more than the list.
 */
export function useListPage(
  list: ListSource<unknown>,
  { reloadOnShow = false, refresh }: { reloadOnShow?: boolean; refresh?: () => Promise<unknown> } = {},
): void {
  usePullDownRefresh(() => void (refresh ?? list.reload)().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.more?.());
  const [seen, setSeen] = useState(false);
  useDidShow(() => {
    if (seen && reloadOnShow) void list.reload();
    setSeen(true);
  });
}

/**
 * One admin list's states: grey cards while the first page loads, the error with 重试, the empty
 * text, the rows (each page draws its own, keyed), a failed next page, and the 加载更多 foot.
 * `skeletonOnReload` shows the grey cards instead of the old rows while a filter reloads (rosters,
 * where a stale row under a new filter would mislead).
 */
export function AdminList<T>({
  list,
  render,
  empty,
  loadingCount = 3,
  skeletonOnReload = false,
}: {
  list: ListSource<T>;
  render: (item: T, index: number) => ReactNode;
  empty: { text: string; hint?: string };
  loadingCount?: number;
  skeletonOnReload?: boolean;
}) {
  const { items, loading, error } = list;
  const showRows = !error && !(skeletonOnReload && loading);
  return (
    <>
      {loading && (skeletonOnReload || items.length === 0) && <LoadingCards count={loadingCount} />}
      {error && !loading && <ErrorState message={error} onRetry={() => void list.reload()} />}
      {!error && !loading && items.length === 0 && <EmptyState text={empty.text} hint={empty.hint} />}
      {showRows && items.map(render)}
      {list.moreError && <Text className="admin-list-foot">{`${list.moreError}，上拉重试`}</Text>}
      {list.more && showRows && <ListFoot loading={!!list.loadingMore} done={!!list.done} count={items.length} />}
    </>
  );
}
