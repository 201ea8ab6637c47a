/** How a tapped stream ended, as {@link StreamTap.finish} is told. */
export interface StreamTapEnd {
  /** `completed`: the source ran to its end; `failed`: it ended with `error`; `closed`: the consumer stopped. */
  outcome: 'completed' | 'failed' | 'closed';
  /** What the stream failed with (after `recover` had its say). */
  error?: unknown;
  /** At least one event passed since the source was last opened. */
  yielded: boolean;
}

/**
 * What a middleware does around a stream it passes on unchanged, at its start and its end.
 * {@link tapStream} runs these exactly where an `async function*` of this shape would:
 *
 * ```ts
 * await start();
 * try {
 *   for (;;) {
 *     try { for await (const event of open()) yield event; return; }
 *     catch (error) { await recover(error, yielded); } // resolves: open again; throws: fail with that
 *   }
 * } finally { await finish(end); }
 * ```
 */
export interface StreamTap<T> {
  /** Runs at the first pull. A throw ends the stream with that error (without `finish`). */
  start?(): void | Promise<void>;
  /** Opens the source to read: after `start`, and again after each `recover` that resolves. */
  open(): AsyncIterable<T>;
  /**
   * Decides after the source failed (or could not be opened): resolve to open it again, throw to
   * end the stream with what is thrown. Without it the stream ends with the source's error.
   */
  recover?(error: unknown, yielded: boolean): void | Promise<void>;
  /** Sees each event as it passes (must not throw). Leave it out when nothing is done per event. */
  observe?(event: T): void;
  /** Once the stream ended (done, failed or closed by the consumer), before the consumer hears of it. */
  finish?(end: StreamTapEnd): void | Promise<void>;
}

/**
 * A stream that passes `tap.open()`'s events on with the start and end work of `tap`, as the
 * equivalent `async function*` would (same order, same errors, requests queued while one is
 * in flight), at a fraction of the cost per event: each event is one `then` on the source's
 * `next()` instead of a generator resumption and its awaits. Meant for layers that do nothing
 * per event.
 */
export function tapStream<T>(tap: StreamTap<T>): AsyncIterableIterator<T> {
  return new TappedStream(tap);
}

type Step<T> = IteratorResult<T, unknown>;

const DONE: Step<never> = Object.freeze({ done: true, value: undefined });

class TappedStream<T> implements AsyncIterableIterator<T> {
  readonly #tap: StreamTap<T>;
  #state: 'fresh' | 'reading' | 'done' = 'fresh';
  #source: AsyncIterator<T> | undefined;
  #yielded = false;
  #busy = false;
  readonly #waiting: Array<() => void> = [];
  /** A step read inside a queued request (the request releases the queue when it settles). */
  readonly #onStep = (step: IteratorResult<T>): Step<T> | Promise<Step<T>> => {
    if (step === null || typeof step !== 'object') return this.#failed(notAnObject(step), true);
    if (step.done) return this.#completed();
    this.#yielded = true;
    this.#observe?.(step.value);
    return { done: false, value: step.value };
  };
  readonly #onError = (error: unknown): Promise<Step<T>> => this.#failed(error, true);
  /** A step read on the fast path of `next`, which releases the queue itself. */
  readonly #onFastStep = (step: IteratorResult<T>): Step<T> | Promise<Step<T>> => {
    if (step !== null && typeof step === 'object' && !step.done) {
      this.#yielded = true;
      this.#observe?.(step.value);
      this.#release();
      return { done: false, value: step.value };
    }
    return this.#settle(Promise.resolve(this.#onStep(step)));
  };
  readonly #onFastError = (error: unknown): Promise<Step<T>> => this.#settle(this.#failed(error, true));

  readonly #observe: ((event: T) => void) | undefined;

  constructor(tap: StreamTap<T>) {
    this.#tap = tap;
    this.#observe = tap.observe?.bind(tap);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  next(): Promise<Step<T>> {
    const source = this.#source;
    if (this.#busy || this.#state !== 'reading' || source === undefined)
      return this.#queue(() => this.#next());
    // the fast path, once per event: one `then` on the source's next()
    this.#busy = true;
    let pulled: Promise<IteratorResult<T>>;
    try {
      pulled = Promise.resolve(source.next());
    } catch (error) {
      return this.#settle(this.#failed(error, true));
    }
    return pulled.then(this.#onFastStep, this.#onFastError);
  }

  return(value?: unknown): Promise<Step<T>> {
    return this.#queue(() => this.#return(value));
  }

  throw(error?: unknown): Promise<Step<T>> {
    return this.#queue(() => this.#throw(error));
  }

  /** Runs one request at a time, as an async generator does. */
  #queue(run: () => Promise<Step<T>>): Promise<Step<T>> {
    if (this.#busy) {
      return new Promise<Step<T>>((resolve, reject) => {
        this.#waiting.push(() => {
          this.#queue(run).then(resolve, reject);
        });
      });
    }
    this.#busy = true;
    let result: Promise<Step<T>>;
    try {
      result = run();
    } catch (error) {
      result = Promise.reject(error);
    }
    return this.#settle(result);
  }

  /** Releases the queue once `result` settles. */
  #settle(result: Promise<Step<T>>): Promise<Step<T>> {
    return result.then(
      (step) => {
        this.#release();
        return step;
      },
      (error: unknown) => {
        this.#release();
        throw error;
      },
    );
  }

  #release(): void {
    this.#busy = false;
    this.#waiting.shift()?.();
  }

  #next(): Promise<Step<T>> {
    if (this.#state === 'reading') return this.#read();
    if (this.#state === 'done') return Promise.resolve(DONE);
    return this.#begin();
  }

  async #begin(): Promise<Step<T>> {
    this.#state = 'reading';
    try {
      await this.#tap.start?.();
    } catch (error) {
      this.#state = 'done';
      throw error;
    }
    return this.#openAndRead();
  }

  #openAndRead(): Promise<Step<T>> {
    try {
      this.#yielded = false;
      this.#source = this.#tap.open()[Symbol.asyncIterator]();
    } catch (error) {
      return this.#failed(error, true);
    }
    return this.#read();
  }

  #read(): Promise<Step<T>> {
    let pulled: Promise<IteratorResult<T>>;
    try {
      pulled = Promise.resolve((this.#source as AsyncIterator<T>).next());
    } catch (error) {
      return this.#failed(error, true);
    }
    return pulled.then(this.#onStep, this.#onError);
  }

  async #completed(): Promise<Step<T>> {
    this.#state = 'done';
    this.#source = undefined;
    await this.#tap.finish?.({ outcome: 'completed', yielded: this.#yielded });
    return DONE;
  }

  /** The source failed: `recover` opens it again (when `mayReopen`) or names the error to end with. */
  async #failed(error: unknown, mayReopen: boolean, value?: unknown): Promise<Step<T>> {
    this.#source = undefined;
    let final = error;
    if (this.#tap.recover) {
      try {
        await this.#tap.recover(error, this.#yielded);
        if (mayReopen) return this.#openAndRead();
        return this.#end(value);
      } catch (thrown) {
        final = thrown;
      }
    }
    this.#state = 'done';
    await this.#tap.finish?.({ outcome: 'failed', error: final, yielded: this.#yielded });
    throw final;
  }

  /** Closed by the consumer: the stream quietly ends (after `finish`). */
  async #end(value: unknown): Promise<Step<T>> {
    this.#state = 'done';
    await this.#tap.finish?.({ outcome: 'closed', yielded: this.#yielded });
    return { done: true, value };
  }

  async #return(value: unknown): Promise<Step<T>> {
    if (this.#state !== 'reading') {
      this.#state = 'done';
      return { done: true, value };
    }
    const source = this.#source as AsyncIterator<T>;
    this.#source = undefined;
    try {
      if (source.return) {
        const closed = await source.return();
        if (closed === null || typeof closed !== 'object') throw notAnObject(closed);
      }
    } catch (error) {
      return this.#failed(error, false, value);
    }
    return this.#end(value);
  }

  async #throw(error: unknown): Promise<Step<T>> {
    if (this.#state !== 'reading') {
      this.#state = 'done';
      throw error;
    }
    const source = this.#source as AsyncIterator<T>;
    this.#source = undefined;
    try {
      await source.return?.();
    } catch {
      // closing on a throw keeps the thrown error, as `for await` does
    }
    return this.#failed(error, false);
  }
}

/** The error `for await` raises for such a result (V8's wording). */
function notAnObject(result: unknown): TypeError {
  return new TypeError(`Iterator result ${String(result)} is not an object`);
}
