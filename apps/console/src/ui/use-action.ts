import { useCallback, useState } from 'preact/hooks';

/** A user-triggered call (save, test, revoke): whether it runs, its last error, and how to run it. */
export interface ActionHandle<A extends unknown[], T> {
  busy: boolean;
  error?: Error;
  run: (...args: A) => Promise<T | undefined>;
  clearError: () => void;
}

/**
 * Wraps `act` so a form can show it running (and refuse a second click meanwhile) and show what
 * failed; the promise answers `undefined` when it failed.
 */
export function useAction<A extends unknown[], T>(act: (...args: A) => Promise<T>): ActionHandle<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(undefined);
      try {
        return await act(...args);
      } catch (thrown) {
        setError(thrown as Error);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [act],
  );
  return { busy, ...(error && { error }), run, clearError: () => setError(undefined) };
}
