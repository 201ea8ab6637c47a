import type { ChatOutcome } from '../../api/chat-stream.js';
import { usd } from '../../format/money.js';
import { duration } from '../../format/numbers.js';

/** Where a playground answer was served and what it took: provider, model, cost, latency, attempts. */
export function RunDetails({ outcome }: { outcome: ChatOutcome }) {
  return (
    <dl class="run-details" aria-label="How the answer was served">
      <dt>Provider</dt>
      <dd data-testid="served-provider">{outcome.provider ?? '—'}</dd>
      <dt>Model</dt>
      <dd data-testid="served-model">{outcome.model ?? '—'}</dd>
      <dt>Cost</dt>
      <dd data-testid="served-cost">
        {outcome.unpriced ? 'unpriced' : outcome.costUsd === undefined ? '—' : usd(outcome.costUsd)}
      </dd>
      <dt>Tokens in / out</dt>
      <dd>
        {outcome.inputTokens ?? '—'} / {outcome.outputTokens ?? '—'}
      </dd>
      <dt>First token</dt>
      <dd>{duration(outcome.firstTokenMs)}</dd>
      <dt>Total</dt>
      <dd data-testid="served-latency">{duration(outcome.totalMs)}</dd>
      <dt>Attempts</dt>
      <dd data-testid="served-attempts">{outcome.attempts ?? '—'}</dd>
    </dl>
  );
}
