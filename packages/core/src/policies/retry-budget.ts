import type { RetryBudgetOptions } from './retry-options.js';

export type { RetryBudgetOptions } from './retry-options.js';

/** A per-provider retry budget (Finagle's RetryBudget, gRPC's retry throttling). */
export interface RetryBudget {
  /** Counts one first attempt (a deposit into the budget). */
  recordRequest(): void;
  /** Takes one retry from the budget; false when the budget is spent. */
  tryRetry(): boolean;
}

const SLOTS = 10;

/**
 * A retry budget over a sliding window: within the last `windowMs`, retries may number at most
 * `minRetriesPerSecond × window seconds + ratio × requests`.
 */
export function createRetryBudget(
  options: RetryBudgetOptions = {},
  now: () => number = Date.now,
): RetryBudget {
  const ratio = options.ratio ?? 0.2;
  const windowMs = options.windowMs ?? 10_000;
  const floor = (options.minRetriesPerSecond ?? 1) * (windowMs / 1000);
  const slotMs = windowMs / SLOTS;
  const slots = Array.from({ length: SLOTS }, () => ({ index: -1, requests: 0, retries: 0 }));

  const currentSlot = () => {
    const index = Math.floor(now() / slotMs);
    const slot = slots[index % SLOTS] as (typeof slots)[number];
    if (slot.index !== index) Object.assign(slot, { index, requests: 0, retries: 0 });
    return slot;
  };
  const totals = () => {
    const newest = Math.floor(now() / slotMs);
    let requests = 0;
    let retries = 0;
    for (const slot of slots) {
      if (slot.index > newest - SLOTS && slot.index <= newest) {
        requests += slot.requests;
        retries += slot.retries;
      }
    }
    return { requests, retries };
  };

  return {
    recordRequest() {
      currentSlot().requests++;
    },
    tryRetry() {
      const { requests, retries } = totals();
      if (retries + 1 > floor + ratio * requests) return false;
      currentSlot().retries++;
      return true;
    },
  };
}
