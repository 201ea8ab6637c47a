import type { TestResult } from '../../api/types.js';
import { duration } from '../../format/numbers.js';
import { actionText } from '../../ui/action-text.js';

/** Test Connection's answer: ✓ and how long it took, or the vendor's `userMessage` and what to do. */
export function TestOutcome({ vendorName, result }: { vendorName: string; result: TestResult }) {
  if (result.ok)
    return (
      <p class="notice notice-ok" role="status">
        <span aria-hidden="true">✓ </span>Connected to {vendorName}
        {result.latencyMs !== undefined && <span class="hint"> ({duration(result.latencyMs)})</span>}
      </p>
    );
  const hint = actionText(result.error?.action);
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-message">
        <span aria-hidden="true">✗ </span>
        {result.error?.userMessage ?? result.error?.message ?? `${vendorName} refused the test call.`}
      </p>
      {hint && <p class="notice-action">{hint}</p>}
      {result.error?.code && <p class="notice-code">{result.error.code}</p>}
    </div>
  );
}
