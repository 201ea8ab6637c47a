import { type ErrorCode, type PalError, RETRYABLE_CODES } from '@pal/core';
import type { Candidate } from './candidate.js';

/**
 * Codes that move a call to the next target by default: the retryable ones (the kernel's retries
 * on the target are spent by the time the router sees them) and those that say this target cannot
 * serve now. CONTEXT_LENGTH_EXCEEDED and CONTENT_FILTERED have rules of their own (see
 * {@link movesOn}); auth errors and INVALID_REQUEST stay with the caller unless configured.
 */
export const DEFAULT_FALLBACK_ON: readonly ErrorCode[] = [
  ...RETRYABLE_CODES,
  'CIRCUIT_OPEN',
  'MODEL_NOT_FOUND',
  'OVERLOADED',
  'QUOTA_EXCEEDED',
  'CONTEXT_LENGTH_EXCEEDED',
];

/** Codes about the target rather than the request: the kernel refused before sending anything. */
const TARGET_REFUSALS = new Set<ErrorCode>(['PROVIDER_NOT_FOUND', 'UNSUPPORTED_CAPABILITY']);

/**
 * Whether `error` from `from` lets the call move on to `to`: its code is in `fallbackOn`, or the
 * kernel refused the target before sending (provider gone, capability missing, its own budget
 * spent). CONTEXT_LENGTH_EXCEEDED moves only to a model with a larger context window;
 * CONTENT_FILTERED only to a configured fallback (never to a candidate the strategy found).
 */
export function movesOn(
  error: PalError,
  from: Candidate,
  to: Candidate,
  fallbackOn: ReadonlySet<ErrorCode>,
): boolean {
  if (error.code === 'CONTENT_FILTERED') return fallbackOn.has(error.code) && to.source === 'fallback';
  if (TARGET_REFUSALS.has(error.code) || isProviderBudget(error)) return true;
  if (!fallbackOn.has(error.code)) return false;
  if (error.code === 'CONTEXT_LENGTH_EXCEEDED') {
    const need = from.model?.contextWindow;
    const has = to.model?.contextWindow;
    return need === undefined || has === undefined || has > need;
  }
  return true;
}

/** BUDGET_EXCEEDED from a provider's own budget (another provider may still have room). */
function isProviderBudget(error: PalError): boolean {
  if (error.code !== 'BUDGET_EXCEEDED') return false;
  const scope = (error.details as { scope?: unknown } | undefined)?.scope;
  return typeof scope === 'string' && scope.startsWith('provider:');
}
