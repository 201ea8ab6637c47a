import { ApiError } from '../api/api-error.js';
import { actionText } from './action-text.js';

/**
 * An error as people read it: the gateway's `userMessage` (else its message) and the suggested
 * action, announced to screen readers. `onRetry` adds a Retry button.
 */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const api = error instanceof ApiError ? error : undefined;
  const hint = actionText(api?.action);
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-message">{api?.userMessage ?? error.message}</p>
      {hint && <p class="notice-action">{hint}</p>}
      {api?.code && <p class="notice-code">{api.code}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
