import type { ComponentChildren } from 'preact';
import { ErrorNotice } from './ErrorNotice.js';

/**
 * The end of a form: what is wrong with the input (`problem`), the submit button (its `busy`
 * label while the call runs, announced, and disabled then), the call's error, and `done` once it
 * succeeded.
 */
export function FormFooter({
  submit,
  busyText,
  action: { busy, error },
  disabled,
  problem,
  done,
  before,
}: {
  submit: ComponentChildren;
  busyText: string;
  /** The call the form runs: whether it runs now, and how it failed. */
  action: { busy: boolean; error?: Error };
  disabled?: boolean;
  problem?: string;
  /** Shown as a success notice (announced) while set. */
  done?: string;
  /** Buttons before the submit one (Cancel, Stop). */
  before?: ComponentChildren;
}) {
  return (
    <>
      {problem && (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        {before}
        <button type="submit" disabled={busy || disabled}>
          {busy ? busyText : submit}
        </button>
      </div>
      <p class="visually-hidden" role="status">
        {busy ? busyText : ''}
      </p>
      {error && <ErrorNotice error={error} />}
      {done && !busy && (
        <p class="notice notice-ok" role="status">
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      )}
    </>
  );
}
