/**
 * A token bucket that may go into debt: taking more than it holds succeeds and tells how long
 * the taker must wait for the balance to be positive again. Callers that take in turn therefore
 * queue up fairly (first come, first served) without a waiting list.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  /** A full bucket of `capacity` tokens that refills `capacity` tokens every `periodMs`. */
  constructor(capacity: number, periodMs: number, now: () => number) {
    this.capacity = capacity;
    this.#refillPerMs = capacity / periodMs;
    this.#now = now;
    this.#tokens = capacity;
    this.#updatedAt = now();
  }

  /** Tokens available now (negative while in debt). */
  get available(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Milliseconds until `amount` tokens (at most the capacity) could be taken without debt. */
  waitFor(amount: number): number {
    this.#refill();
    const missing = Math.min(amount, this.capacity) - this.#tokens;
    return missing > 0 ? Math.ceil(missing / this.#refillPerMs) : 0;
  }

  /** Takes `amount` tokens (at most the capacity), going into debt if needed. */
  take(amount: number): void {
    this.#refill();
    this.#tokens -= Math.min(amount, this.capacity);
  }

  /** Gives `amount` tokens back (never above the capacity). */
  give(amount: number): void {
    this.#refill();
    this.#tokens = Math.min(this.capacity, this.#tokens + amount);
  }

  /** Lowers the balance to `remaining` when the provider reports fewer tokens left than we think. */
  lowerTo(remaining: number): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, remaining);
  }

  #refill(): void {
    const now = this.#now();
    const elapsed = now - this.#updatedAt;
    if (elapsed > 0) this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.#refillPerMs);
    this.#updatedAt = now;
  }
}
