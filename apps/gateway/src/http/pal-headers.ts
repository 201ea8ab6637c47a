import type { CallWarning, Cost } from '@pal/core';
import { describeWarning } from '@pal/core/provider';

/** What PAL's response headers report about a routed call. */
export interface PalHeaderFacts {
  /** PAL's id of the logical call (`x-request-id`; `requestCall` sets it on the response already). */
  requestId?: string;
  /** The provider and model that served the call. */
  provider: string;
  model: string;
  /** Attempts made, across retries and fallbacks (left out when not given). */
  attempts?: number;
  /** The call's cost, known for whole (JSON) answers only. */
  cost?: Cost;
  /** The gateway's own notes about the request, already in words. */
  notes?: readonly string[];
  /** What was dropped or changed (the gateway's translation, the provider). */
  warnings?: readonly CallWarning[];
}

/** A cost as PAL reports it in text: decimal USD without an exponent (`0.00000125`), or `unpriced`. */
export function costUsd(cost: Cost): string {
  if (cost.unpriced) return 'unpriced';
  return cost.totalUsd.toFixed(12).replace(/\.?0+$/, '') || '0';
}

/** The warnings in words (`temperature is not supported and was not sent: …`). */
export function describeWarnings(warnings: readonly CallWarning[] | undefined): string[] {
  return (warnings ?? []).map(describeWarning);
}

/**
 * PAL's response headers, each when known: `x-request-id`, `x-pal-provider`, `x-pal-model`,
 * `x-pal-attempts`, `x-pal-cost-usd` ({@link costUsd}) and `x-pal-warnings` (the notes, then the
 * warnings in words: {@link warningsHeader}).
 */
export function palHeaders(facts: PalHeaderFacts): Record<string, string> {
  const headers: Record<string, string> = {
    ...(facts.requestId !== undefined && { 'x-request-id': facts.requestId }),
    'x-pal-provider': facts.provider,
    'x-pal-model': asciiOnly(facts.model),
  };
  if (facts.attempts !== undefined) headers['x-pal-attempts'] = String(facts.attempts);
  if (facts.cost) headers['x-pal-cost-usd'] = costUsd(facts.cost);
  return { ...headers, ...warningsHeader([...(facts.notes ?? []), ...describeWarnings(facts.warnings)]) };
}

/**
 * `x-pal-warnings`: what PAL dropped or changed, in words, as a JSON array with non-ASCII
 * characters as `\uXXXX` escapes (a valid header value that `JSON.parse` reads back); nothing when
 * there is nothing to say.
 */
export function warningsHeader(said: readonly string[]): Record<string, string> {
  return said.length > 0 ? { 'x-pal-warnings': asciiOnly(JSON.stringify(said)) } : {};
}

/** `text` with everything outside printable ASCII as a JSON `\uXXXX` escape (header values are bytes). */
function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
