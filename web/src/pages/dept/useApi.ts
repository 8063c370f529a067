import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api.ts';

/** Loads a GET endpoint; `path` null waits. Returns data, error and a reload function. */
export function useApi<T>(path: string | null) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string>('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    const ctrl = new AbortController();
    setError('');
    api<T>(path, { signal: ctrl.signal }).then(setData, (e: ApiError) => {
      if (!ctrl.signal.aborted) setError(e.message);
    });
    return () => ctrl.abort();
  }, [path, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}
