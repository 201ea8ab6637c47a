import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** Where a call stands: not started, in flight, answered, or failed. */
export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: Error; data?: T };

/** A call's state and a way to run it again (keeping the last answer while it reloads). */
export interface AsyncHandle<T> {
  state: AsyncState<T>;
  reload: () => void;
}

/**
 * Runs `load` when the component mounts and whenever `deps` change, tracking loading and error
 * states; an answer that arrives after a newer call started, or after unmounting, is dropped.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): AsyncHandle<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', ...('data' in previous && { data: previous.data }) }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: Error) => {
        if (!controller.signal.aborted)
          setState((previous) => ({
            status: 'error',
            error,
            ...('data' in previous && { data: previous.data }),
          }));
      },
    );
    return () => controller.abort();
  }, [...deps, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { state, reload };
}
