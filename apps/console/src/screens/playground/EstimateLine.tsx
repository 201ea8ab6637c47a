import { usd } from '../../format/money.js';
import { ErrorNotice } from '../../ui/ErrorNotice.js';
import type { EstimateState } from './use-estimate.js';

/** The cost estimate shown before sending: at most $X (tokens in, the output allowance), and the target. */
export function EstimateLine({ state }: { state: EstimateState }) {
  if (state.status === 'error') return <ErrorNotice error={state.error} />;
  return (
    <p class="estimate" data-testid="estimate" aria-live="polite">
      Estimated cost before sending:{' '}
      {state.status === 'empty' && <span class="hint">type a prompt to see it</span>}
      {state.status === 'loading' && <span class="hint">estimating…</span>}
      {state.status === 'ready' && (
        <>
          <strong>
            {state.estimate.maxCostUsd === undefined
              ? 'unpriced model'
              : `at most ${usd(state.estimate.maxCostUsd)}`}
          </strong>{' '}
          <span class="hint">
            (≈ {state.estimate.inputTokens} tokens in, up to {state.estimate.maxOutputTokens} out
            {state.estimate.provider && `, on ${state.estimate.provider}/${state.estimate.model}`})
          </span>
        </>
      )}
    </p>
  );
}
