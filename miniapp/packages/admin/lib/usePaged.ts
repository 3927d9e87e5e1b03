import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiClientError, messageOf } from '../../../services/api';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Paged<T, X> {
  items: T[];
  total: number;
  /** Whatever else the first page carried (the inbox's counts). */
  extra: X | null;
  /** First page loading (or reloading). */
  loading: boolean;
  /** A further page loading. */
  loadingMore: boolean;
  error: string | null;
  errorCode: string | null;
  /** A further page failed: the list stays, scrolling again retries. */
  moreError: string | null;
  done: boolean;
  reload: () => Promise<void>;
  more: () => Promise<void>;
}

/**
 * A list paged from the API: page 1 on load and on reload (pull-to-refresh, filters), the next page
 * when `more` is called (useReachBottom). Stale answers from an earlier filter are dropped.
 */
export function usePaged<T, X = null>(
  load: (page: number) => Promise<Page<T> & { extra?: X }>,
  deps: unknown[],
  enabled = true,
): Paged<T, X> {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [extra, setExtra] = useState<X | null>(null);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const ticket = useRef(0);
  const busyMore = useRef(false);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++ticket.current;
    setLoading(true);
    setError(null);
    setErrorCode(null);
    setMoreError(null);
    try {
      const first = await run(1);
      if (mine !== ticket.current) return;
      setItems(first.items);
      setTotal(first.total);
      setExtra(first.extra ?? null);
      setPage(1);
    } catch (e) {
      if (mine !== ticket.current) return;
      setError(messageOf(e));
      setErrorCode(e instanceof ApiClientError ? e.code : null);
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, [run]);

  const done = page > 0 && items.length >= total;

  const more = useCallback(async () => {
    if (busyMore.current || loading || done || page === 0) return;
    busyMore.current = true;
    const mine = ticket.current;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await run(page + 1);
      if (mine !== ticket.current) return;
      setItems((now) => [...now, ...next.items]);
      setTotal(next.total);
      setPage(page + 1);
    } catch (e) {
      if (mine === ticket.current) setMoreError(messageOf(e));
    } finally {
      busyMore.current = false;
      setLoadingMore(false);
    }
  }, [run, loading, done, page]);

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);

  return { items, total, extra, loading, loadingMore, error, errorCode, moreError, done, reload, more };
}
