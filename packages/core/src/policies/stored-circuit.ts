import type { StateStore } from './state-store.js';

/** The state of one provider's circuit. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** A circuit's state as stored (no record = closed). */
export interface CircuitRecord {
  state: 'open' | 'half-open';
  /** Epoch ms the circuit last opened (the cool-down counts from here). */
  openedAt: number;
  /** Opened by hand: stays open (no probe) until closed by hand. */
  forced?: true;
}

/** Prefix of every state-store key the circuit breaker writes. */
export const CIRCUIT_KEY_PREFIX = 'pal:circuit:';

/**
 * One provider's circuit in a {@link StateStore}, so every gateway sharing the store sees the
 * same breaker: its state record, the consecutive failures counted while closed, the successful
 * probes counted while half-open, and the lease of the single half-open probe. Each method is
 * one or a few store operations; the breaker decides when to call them.
 */
export class StoredCircuit {
  readonly #store: StateStore;
  readonly #keys: { state: string; failures: string; successes: string; probe: string };

  constructor(store: StateStore, providerId: string) {
    this.#store = store;
    const prefix = `${CIRCUIT_KEY_PREFIX}${providerId}:`;
    this.#keys = {
      state: `${prefix}state`,
      failures: `${prefix}failures`,
      successes: `${prefix}successes`,
      probe: `${prefix}probe`,
    };
  }

  /** The stored record, or undefined while the circuit is closed. */
  read(): Promise<CircuitRecord | undefined> {
    return this.#store.get<CircuitRecord>(this.#keys.state);
  }

  /** Counts one more consecutive failure while closed; returns the count (each caller a distinct one). */
  countFailure(): Promise<number> {
    return this.#store.increment(this.#keys.failures, 1);
  }

  /** Forgets the consecutive failures (a call succeeded while closed). */
  resetFailures(): Promise<void> {
    return this.#store.delete(this.#keys.failures);
  }

  /** Counts one more successful probe while half-open; returns the count. */
  countSuccess(): Promise<number> {
    return this.#store.increment(this.#keys.successes, 1);
  }

  /**
   * Takes the lease of the half-open probe for `ttlMs` (so a gateway that dies mid-probe does not
   * hold it for ever); true for exactly one of concurrent callers.
   */
  leaseProbe(ttlMs: number): Promise<boolean> {
    return this.#store.setIfAbsent(this.#keys.probe, 1, ttlMs);
  }

  /** Gives the probe lease back, so the next call may probe. */
  releaseProbe(): Promise<void> {
    return this.#store.delete(this.#keys.probe);
  }

  /** Opens the circuit at `now`, forgetting the counts and the probe lease. */
  async open(now: number): Promise<void> {
    await this.#store.set<CircuitRecord>(this.#keys.state, { state: 'open', openedAt: now });
    await this.#clearCounts();
  }

  /** Opens the circuit by hand: it stays open, with no probe, until {@link close}. */
  async forceOpen(now: number): Promise<void> {
    await this.#store.set<CircuitRecord>(this.#keys.state, { state: 'open', openedAt: now, forced: true });
    await this.#clearCounts();
  }

  /** Marks an open circuit half-open (it keeps its `openedAt`) and starts counting successes afresh. */
  async halfOpen(record: CircuitRecord): Promise<void> {
    await this.#store.set<CircuitRecord>(this.#keys.state, { ...record, state: 'half-open' });
    await this.#store.delete(this.#keys.successes);
  }

  /** Closes the circuit, forgetting the counts and the probe lease. */
  async close(): Promise<void> {
    await this.#store.delete(this.#keys.state);
    await this.#clearCounts();
  }

  async #clearCounts(): Promise<void> {
    await Promise.all([
      this.#store.delete(this.#keys.failures),
      this.#store.delete(this.#keys.successes),
      this.#store.delete(this.#keys.probe),
    ]);
  }
}
