/**
 * How many hedges a router may send: each routed call earns `share` of one (the budget holds at
 * most one), a hedge spends one. Over time hedges stay within `share` of the calls, so hedging
 * cannot double a bill; a router that has just started may hedge its first slow call.
 */
export class HedgeBudget {
  #tokens = 1;

  constructor(private readonly share: number) {}

  /** One more call was routed. */
  earn(): void {
    this.#tokens = Math.min(1, this.#tokens + this.share);
  }

  /** Takes one hedge if there is one to take. */
  take(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
