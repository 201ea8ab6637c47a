import type { ChatResult } from '@pal/core';
import type { RoutingInfo } from '@pal/router';
import { costUsd, describeWarnings } from './pal-headers.js';

/** What PAL adds to a vendor-shaped answer as its `pal` field (clients that do not know it skip it). */
export interface PalField {
  request_id: string;
  provider: string;
  model: string;
  /** Decimal USD, or `unpriced` for a model without prices. */
  cost_usd: string;
  /** Attempts made across targets (absent when the result could not be read). */
  attempts?: number;
  finish_reason: ChatResult['finishReason'];
  cached?: boolean;
  usage_estimated?: boolean;
  warnings?: string[];
  routing?: RoutingInfo;
}

/** The `pal` field of an answer, from the routed result. */
export function palField(
  result: ChatResult & { routing?: RoutingInfo },
  notes: readonly string[] = [],
): PalField {
  const warnings = [...notes, ...describeWarnings(result.warnings)];
  return {
    request_id: result.requestId,
    provider: result.provider,
    model: result.model,
    cost_usd: costUsd(result.cost),
    attempts: result.attempts.length,
    finish_reason: result.finishReason,
    ...(result.cached && { cached: true }),
    ...(result.usage.estimated && { usage_estimated: true }),
    ...(warnings.length > 0 && { warnings }),
    ...(result.routing && { routing: result.routing }),
  };
}
