import { PalError } from '@pal/core';
import type { Exclusion } from './screen.js';

/**
 * The error of a call no candidate could serve. It lists every candidate and why it was left out
 * or failed (`details.candidates`). Its code is the one they all share, else the first
 * candidate's (the caller's first choice: what there is to fix first); it is retryable when any
 * of them was, after the shortest wait any of them asked for.
 */
export function noTargetError(exclusions: readonly Exclusion[], requestId: string): PalError {
  const first = exclusions[0];
  const codes = new Set(exclusions.map((e) => e.code));
  const code = codes.size === 1 && first ? first.code : (first?.code ?? 'PROVIDER_NOT_FOUND');
  const waits = exclusions.map((e) => e.error?.retryAfterMs).filter((ms): ms is number => ms !== undefined);
  const last = exclusions.at(-1)?.error;
  const [provider, ...model] = (first?.target ?? '').split('/');
  return new PalError({
    code,
    message: `No target could serve the call: ${exclusions.map((e) => `${e.target}: ${e.reason}`).join('; ')}`,
    retryable: exclusions.some((e) => e.error?.retryable === true),
    ...(waits.length > 0 && { retryAfterMs: Math.min(...waits) }),
    ...(first?.error?.userMessage && { userMessage: first.error.userMessage }),
    ...(provider && { provider }),
    ...(model.length > 0 && { model: model.join('/') }),
    ...(first?.error?.status !== undefined && { status: first.error.status }),
    details: {
      requestId,
      candidates: exclusions.map(({ target, code: c, reason }) => ({ target, code: c, reason })),
    },
    ...(last && { cause: last }),
  });
}
