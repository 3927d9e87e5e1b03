import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiClientError, messageOf } from '../services/api';

export interface Remote<T> {
  data: T | null;
  /** Chinese message of the last failure, null when the last load succeeded or is running. */
  error: string | null;
  /** Stable code of the last failure (e.g. DEV_LOGIN_DISABLED), for pages that react to one. */
  errorCode: string | null;
  loading: boolean;
  /** Loads again; resolves when done (pull-to-refresh waits for it). */
  reload: () => Promise<void>;
}

/**
 * Loads one thing from the API for a page and tracks loading / error / data, so every page shows the
 * same three states. `enabled: false` skips loading (e.g. when not signed in).
 */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[], enabled = true): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    setErrorCode(null);
    try {
      const result = await run();
      if (ticket === latest.current) setData(result);
    } catch (e) {
      if (ticket === latest.current) {
        setError(messageOf(e));
        setErrorCode(e instanceof ApiClientError ? e.code : null);
      }
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    if (enabled) void reload();
  }, [reload, enabled]);

  return { data, error, errorCode, loading, reload };
}
