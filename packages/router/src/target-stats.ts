import type { PalError } from '@pal/core';

const WINDOW = 64;

/** What the router has seen of one target: latencies, calls in flight, the last error. */
export interface TargetSnapshot {
  /** EWMA of the time to a whole chat answer (ms); undefined before the first success. */
  latencyMs?: number;
  /** EWMA of the time to a stream's first token (ms). */
  firstTokenMs?: number;
  /** Calls this router has in flight to the target now. */
  inFlight: number;
  calls: number;
  failures: number;
  lastError?: { code: PalError['code']; message: string; at: number };
}

class Stat {
  latency?: number;
  firstToken?: number;
  inFlight = 0;
  calls = 0;
  failures = 0;
  lastError?: TargetSnapshot['lastError'];
  /** Recent latencies (chat) and first-token times (stream), for percentiles (a ring, see `next`). */
  readonly recent: number[] = [];
  next = 0;
}

/** Per-target statistics of one router (`provider/model` → {@link TargetSnapshot}). */
export class TargetStats {
  readonly #stats = new Map<string, Stat>();
  readonly #alpha: number;

  constructor(alpha = 0.3) {
    this.#alpha = alpha;
  }

  #of(ref: string): Stat {
    let stat = this.#stats.get(ref);
    if (!stat) {
      stat = new Stat();
      this.#stats.set(ref, stat);
    }
    return stat;
  }

  /** Marks a call started; the returned function ends it (once). */
  begin(ref: string): () => void {
    const stat = this.#of(ref);
    stat.inFlight++;
    stat.calls++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      stat.inFlight--;
    };
  }

  /** A chat answer took `ms`, or a stream's first token came after `ms`. */
  recordLatency(ref: string, kind: 'latency' | 'firstToken', ms: number): void {
    const stat = this.#of(ref);
    const previous = kind === 'latency' ? stat.latency : stat.firstToken;
    const next = previous === undefined ? ms : previous + this.#alpha * (ms - previous);
    if (kind === 'latency') stat.latency = next;
    else stat.firstToken = next;
    // a ring of the last WINDOW samples
    stat.recent[stat.next] = ms;
    stat.next = (stat.next + 1) % WINDOW;
  }

  recordFailure(ref: string, error: PalError, at: number): void {
    const stat = this.#of(ref);
    stat.failures++;
    stat.lastError = { code: error.code, message: error.message, at };
  }

  inFlight(ref: string): number {
    return this.#stats.get(ref)?.inFlight ?? 0;
  }

  /** The EWMA the `speed` strategy ranks by: first token for streams, the whole answer otherwise. */
  speedOf(ref: string, streaming: boolean): number | undefined {
    const stat = this.#stats.get(ref);
    return streaming ? (stat?.firstToken ?? stat?.latency) : (stat?.latency ?? stat?.firstToken);
  }

  /** The `p`th percentile of the target's recent latencies, once it has `minSamples` of them. */
  percentile(ref: string, p: number, minSamples = 10): number | undefined {
    const recent = this.#stats.get(ref)?.recent ?? [];
    if (recent.length < minSamples) return undefined;
    const sorted = [...recent].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }

  snapshot(ref: string): TargetSnapshot {
    const stat = this.#stats.get(ref);
    if (!stat) return { inFlight: 0, calls: 0, failures: 0 };
    return {
      ...(stat.latency !== undefined && { latencyMs: stat.latency }),
      ...(stat.firstToken !== undefined && { firstTokenMs: stat.firstToken }),
      inFlight: stat.inFlight,
      calls: stat.calls,
      failures: stat.failures,
      ...(stat.lastError && { lastError: stat.lastError }),
    };
  }
}
