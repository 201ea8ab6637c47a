import { createRuntime, isPalError } from '@pal/core';
import { openai } from '@pal/provider-openai';
import type { SqliteStore } from '../open-store.js';

/** gpt-4o-mini at $1000 per million tokens both ways, so a call costs cents and $1.00 goes fast. */
export const DEAR = { 'gpt-4o-mini': { pricing: { inputPerMTok: 1000, outputPerMTok: 1000 } } };

/** What one process spent. */
export interface Spending {
  /** Calls answered, and what their results said they cost (USD). */
  answered: number;
  settledUsd: number;
  /** Calls refused with BUDGET_EXCEEDED before being sent. */
  refused: number;
  /** Budget alerts this process raised. */
  alerts: number;
}

/**
 * Makes `calls` chat calls (`concurrency` at a time) through a runtime on `store`'s saved budgets
 * and state, against the OpenAI emulator at `url` (each answer scripted at 10 + 10 tokens, so
 * $0.02), and adds up what was answered and refused.
 */
export async function spend(
  store: SqliteStore,
  url: string,
  options: { calls: number; concurrency: number; now?: () => number; runId?: string },
): Promise<Spending> {
  const out: Spending = { answered: 0, settledUsd: 0, refused: 0, alerts: 0 };
  const runtime = createRuntime({
    providers: [{ adapter: openai({ apiKey: 'sk-test-budget', baseURL: `${url}/v1` }), models: DEAR }],
    ...store.budgetPolicies({ onAlert: () => void out.alerts++, ...(options.now && { now: options.now }) }),
    store: store.state,
    telemetry: store.ledger,
  });
  let next = 0;
  const worker = async () => {
    while (next < options.calls) {
      next++;
      try {
        const result = await runtime.chat({
          model: 'openai/gpt-4o-mini',
          messages: [{ role: 'user', content: 'Spend a little' }],
          maxOutputTokens: 20,
          ...(options.runId && { metadata: { runId: options.runId } }),
        });
        out.answered++;
        out.settledUsd += result.cost.totalUsd;
      } catch (error) {
        if (!isPalError(error) || error.code !== 'BUDGET_EXCEEDED') throw error;
        out.refused++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await runtime.close();
  return out;
}
