import type { ComponentChildren } from 'preact';
import { ErrorNotice } from './ErrorNotice.js';
import type { AsyncHandle } from './use-async.js';

/**
 * Shows a call's loading and error states, and `children(data)` once it answered (also while it
 * reloads, with the last answer, so a screen does not flicker).
 */
export function AsyncView<T>({
  handle,
  label,
  children,
}: {
  handle: AsyncHandle<T>;
  /** What is loading, for the "Loading …" text. */
  label: string;
  children: (data: T) => ComponentChildren;
}) {
  const { state, reload } = handle;
  const data = 'data' in state ? state.data : undefined;
  return (
    <div aria-busy={state.status === 'loading'}>
      {state.status === 'loading' && data === undefined && (
        <p class="loading" role="status">
          Loading {label}…
        </p>
      )}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {data !== undefined && children(data)}
    </div>
  );
}
