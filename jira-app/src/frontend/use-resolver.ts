import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverName } from '../resolvers/api';
import { call, type Payload, type Result } from './call';
import { errorText } from './format';

/**
 * How often progress is re-read while a backtest or retrain runs. Well inside the @forge/bridge client
 * limit of 500 invoke calls per 25 s (withRateLimiter in node_modules/@forge/bridge/out/invoke/invoke.js).
 */
export const POLL_INTERVAL_MS = 2_000;

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  /** Reads again; keeps showing the old data meanwhile so the page does not flicker. */
  reload: () => void;
}

/**
 * Calls a resolver when the payload is known (undefined = not yet, e.g. waiting for the product context),
 * and again every POLL_INTERVAL_MS for as long as `pollWhile` says the result is still in progress.
 */
export function useResolver<N extends ResolverName>(
  name: N,
  payload: Payload<N> | undefined,
  pollWhile?: (result: Result<N>) => boolean,
): Loaded<Result<N>> {
  const [data, setData] = useState<Result<N>>();
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  // Payloads are fresh objects on every render; compare them by content so a render does not refetch.
  const key = payload === undefined ? undefined : JSON.stringify(payload);
  const latest = useRef({ payload, pollWhile });
  latest.current = { payload, pollWhile };

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the payload; `generation` forces a reload.
  useEffect(() => {
    const { payload: current } = latest.current;
    if (current === undefined) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      call(name, current).then(
        (result) => {
          if (!live) return;
          setData(result);
          setError(undefined);
          if (latest.current.pollWhile?.(result)) timer = setTimeout(load, POLL_INTERVAL_MS);
        },
        (failure: unknown) => {
          if (live) setError(errorText(failure));
        },
      );
    };
    load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [name, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, reload };
}
