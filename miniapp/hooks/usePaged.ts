import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { messageOf } from '../services/api';

export interface PageOf<T> {
  items: T[];
  total: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  /** Loading the first page (first open or a filter change): the page shows skeleton cards. */
  loading: boolean;
  loadingMore: boolean;
  /** The first page failed: the page shows ErrorState with 重试. */
  error: string | null;
  /** A later page failed: the list stays, its footer offers to try again. */
  moreError: string | null;
  hasMore: boolean;
  /** Starts over from page 1 (the list is emptied first). */
  reload: () => Promise<void>;
  /** Loads what is on screen again in one request, keeping it visible meanwhile. */
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Replaces one loaded item (after an action on it), matched by `same`. */
  replace: (item: T, same: (a: T, b: T) => boolean) => void;
}

const MAX_PAGE_SIZE = 100;

/**
 * A list for a page: loads page by page when the page is scrolled to the bottom (useReachBottom),
 * reloads what is shown on pull-to-refresh (usePullDownRefresh; the page config enables it).
 * Answers that come back after a newer request started are dropped.
 */
export function usePaged<T>(
  load: (page: number, pageSize: number) => Promise<PageOf<T>>,
  deps: unknown[],
  enabled = true,
  pageSize = 10,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const ticket = useRef(0);
  const pages = useRef(0);
  const busyMore = useRef(false);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const first = useCallback(
    async (size: number, clear: boolean) => {
      const mine = ++ticket.current;
      if (clear) {
        setItems([]);
        setTotal(0);
        pages.current = 0;
        setLoading(true);
      }
      setError(null);
      setMoreError(null);
      try {
        const result = await run(1, size);
        if (mine !== ticket.current) return;
        setItems(result.items);
        setTotal(result.total);
        pages.current = Math.max(1, Math.ceil(size / pageSize));
      } catch (e) {
        if (mine !== ticket.current) return;
        // A refresh that fails keeps the list; only an empty page shows the error state.
        if (clear || pages.current === 0) setError(messageOf(e));
        else void Taro.showToast({ title: messageOf(e), icon: 'none' });
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [run, pageSize],
  );

  const reload = useCallback(() => first(pageSize, true), [first, pageSize]);
  const refresh = useCallback(
    () => first(Math.min(MAX_PAGE_SIZE, Math.max(1, pages.current) * pageSize), false),
    [first, pageSize],
  );

  const loadMore = useCallback(async () => {
    if (busyMore.current || loading || error || items.length >= total) return;
    busyMore.current = true;
    const mine = ticket.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = pages.current + 1;
      const result = await run(next, pageSize);
      if (mine !== ticket.current) return;
      pages.current = next;
      setItems((now) => [...now, ...result.items]);
      setTotal(result.total);
    } catch (e) {
      if (mine === ticket.current) setMoreError(messageOf(e));
    } finally {
      busyMore.current = false;
      setLoadingMore(false);
    }
  }, [run, pageSize, loading, error, items.length, total]);

  const replace = useCallback((item: T, same: (a: T, b: T) => boolean) => {
    setItems((now) => now.map((x) => (same(x, item) ? item : x)));
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);

  useReachBottom(() => {
    void loadMore();
  });
  usePullDownRefresh(() => {
    void (enabled ? refresh() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  return {
    items,
    total,
    loading,
    loadingMore,
    error,
    moreError,
    hasMore: items.length < total,
    reload,
    refresh,
    loadMore,
    replace,
  };
}
