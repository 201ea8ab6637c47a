import type { TelemetryEvent } from '@pal/core';
import type { NewAuditEntry } from '../audit/audit-log.js';

/** How a call on one target ended. */
export type CallOutcome = 'success' | 'error' | 'aborted';

/** One row of the usage ledger (`provider_usage`): one call on one target. */
export interface LedgerEntry {
  provider: string;
  model: string;
  requestId: string;
  /** Epoch ms when the call ended. */
  timestamp: number;
  /** `request.metadata.runId`. */
  runId?: string;
  /** `request.metadata.user`. */
  user?: string;
  operation?: 'chat' | 'stream' | 'embed' | 'image';
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /** USD. */
  costUsd: number;
  latencyMs: number;
  outcome: CallOutcome;
  /** The PalError code of a call that failed or was aborted. */
  errorCode?: string;
  /** Attempts sent to the target (0 when a policy refused before sending). */
  attempts: number;
  /** The call's trace id (a tracing sink's, or the caller's `traceparent`), else `metadata.traceId` / `metadata.traceparent`'s. */
  traceId?: string;
  /** The usage was estimated by PAL (the vendor reported none: an aborted stream, say). */
  estimated?: boolean;
  /** Answered from PAL's response cache (cost 0). */
  cacheHit?: boolean;
  /** The model has no price, so a cost of 0 means "unknown". */
  unpriced?: boolean;
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/i;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The ledger row of a telemetry event that ends a call (`usage` or `error`), or undefined for
 * any other event. A failed or aborted call keeps what it used before it ended (a stream's
 * partial usage, estimated and marked so), so the ledger sums to what the vendors bill.
 */
export function ledgerEntryOf(event: TelemetryEvent): LedgerEntry | undefined {
  if (event.type !== 'usage' && event.type !== 'error') return undefined;
  const { usage, cost, metadata } = event;
  const entry: LedgerEntry = {
    provider: event.provider ?? 'unknown',
    model: event.model ?? 'unknown',
    requestId: event.requestId,
    timestamp: event.time,
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    costUsd: cost?.totalUsd ?? 0,
    latencyMs: Math.round(event.latencyMs),
    outcome: event.type === 'usage' ? 'success' : event.error.code === 'ABORTED' ? 'aborted' : 'error',
    attempts: event.attempts ?? 0,
  };
  if (event.type === 'error') entry.errorCode = event.error.code;
  else if (event.cached) entry.cacheHit = true;
  if (event.operation) entry.operation = event.operation;
  if (usage?.cachedInputTokens) entry.cachedInputTokens = usage.cachedInputTokens;
  if (usage?.cacheWriteTokens) entry.cacheWriteTokens = usage.cacheWriteTokens;
  if (usage?.reasoningTokens) entry.reasoningTokens = usage.reasoningTokens;
  if (usage?.estimated) entry.estimated = true;
  if (cost?.unpriced) entry.unpriced = true;
  const runId = text(metadata?.runId);
  const user = text(metadata?.user);
  const traceId =
    event.traceId ?? text(metadata?.traceId) ?? TRACEPARENT.exec(text(metadata?.traceparent) ?? '')?.[1];
  if (runId) entry.runId = runId;
  if (user) entry.user = user;
  if (traceId) entry.traceId = traceId;
  return entry;
}

/** The audit entry a telemetry event calls for (a fallback, a budget alert), or undefined. */
export function auditEntryOf(event: TelemetryEvent): NewAuditEntry | undefined {
  if (event.type === 'fallback') {
    return {
      provider: event.from.split('/')[0] ?? event.from,
      action: 'fallback_triggered',
      metadata: { from: event.from, to: event.to, errorCode: event.error.code, requestId: event.requestId },
      timestamp: event.time,
    };
  }
  if (event.type === 'budget' && event.action === 'alert') {
    const provider = /^provider:(.+):(day|month)$/.exec(event.scope)?.[1];
    return {
      ...(provider && { provider }),
      action: 'budget_alert',
      metadata: {
        scope: event.scope,
        spentUsd: event.spentUsd,
        ...(event.limitUsd !== undefined && { limitUsd: event.limitUsd }),
        requestId: event.requestId,
      },
      timestamp: event.time,
    };
  }
  return undefined;
}
