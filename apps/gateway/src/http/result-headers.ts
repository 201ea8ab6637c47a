import type { CallWarning, Cost } from '@pal/core';
import { palHeaders } from './pal-headers.js';

/** What a routed chat or embedding result tells its headers. */
interface ServedResult {
  provider: string;
  model: string;
  attempts: readonly unknown[];
  cost: Cost;
  warnings?: readonly CallWarning[];
}

/** The `x-pal-*` headers of a whole (JSON) answer: who served, the attempts, the cost, the notes and warnings. */
export function resultHeaders(result: ServedResult, notes: readonly string[] = []): Record<string, string> {
  return palHeaders({
    provider: result.provider,
    model: result.model,
    attempts: result.attempts.length,
    cost: result.cost,
    notes,
    ...(result.warnings && { warnings: result.warnings }),
  });
}
