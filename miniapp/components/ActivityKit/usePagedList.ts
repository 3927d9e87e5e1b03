import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiClientError, messageOf } from '../../services/api';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PagedList<T> {
  items: T[];
  total: number;
  /** Loading the first page (after a filter change or the first open). */
  loading: boolean;
  loadingMore: boolean;
  /** Chinese message when the first page failed; the page shows ErrorState. */
  error: string | null;
  errorCode: string | null;
  /** A later page failed: the list stays, with a line to try again. */
  moreError: string | null;
  /** Whether pages are left to load. */
  hasMore: boolean;
  /** Started over from page 1 (filters changed); the list is emptied first. */
  reload: () => Promise<void>;
  /** Loads what is on screen again, in one request, keeping it visible meanwhile (pull-to-refresh). */
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
}

const MAX_PAGE_SIZE = 100;

/**
 * A list loaded page by page for useReachBottom, with the same loading / error / data states as
 * useRemote. Requests that come back after a newer one started are dropped.
 */
export function usePagedList<T>(
  load: (page: number, pageSize: number) => Promise<Page<T>>,
  deps: unknown[],
  enabled = true,
  pageSize = 10,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const ticket = useRef(0);
  const pages = useRef(0);
  const busyMore = useRef(false);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const firstPage = useCallback(
    async (size: number, clear: boolean) => {
      const mine = ++ticket.current;
      if (clear) {
        setItems([]);
        setTotal(0);
        pages.current = 0;
        setLoading(true);
      }
      setError(null);
      setErrorCode(null);
      setMoreError(null);
      try {
        const result = await run(1, size);
        if (mine !== ticket.current) return;
        setItems(result.items);
        setTotal(result.total);
        pages.current = Math.max(1, Math.ceil(size / pageSize));
      } catch (e) {
        if (mine !== ticket.current) return;
        setError(messageOf(e));
        setErrorCode(e instanceof ApiClientError ? e.code : null);
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [run, pageSize],
  );

  const reload = useCallback(() => firstPage(pageSize, true), [firstPage, pageSize]);

  const refresh = useCallback(
    () => firstPage(Math.min(MAX_PAGE_SIZE, Math.max(1, pages.current) * pageSize), false),
    [firstPage, pageSize],
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

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);

  return {
    items,
    total,
    loading,
    loadingMore,
    error,
    errorCode,
    moreError,
    hasMore: items.length < total,
    reload,
    refresh,
    loadMore,
  };
}
