import type { ChatResult } from '../contracts/chat-result.js';
import type { ToolCall } from '../contracts/content.js';
import type { StreamEvent } from '../contracts/stream-event.js';
import { abortedError } from '../errors/aborted.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import { StreamCollector, type StreamResultExtras } from './stream-collector.js';

/** Callbacks fired as a stream's events pass, whoever consumes it. */
export interface StreamCallbacks {
  /** Each text delta. */
  onText?(text: string): void;
  /** Each complete tool call. */
  onToolCall?(call: ToolCall): void;
  /** Once, with the assembled result, when the stream finished well. */
  onFinish?(result: ChatResult): void;
  /** Once, when the stream ended with an error (or was cancelled). */
  onError?(error: PalError): void;
}

/** How a `PalStream` is wired to the call that feeds it. */
export interface PalStreamOptions extends StreamCallbacks {
  /** Called once when the consumer cancels or abandons the stream before its end (abort the call here). */
  onCancel?(reason: PalError): void;
  /** Latency, attempts and cache flag of the call, read when the stream ends. */
  extras?(): StreamResultExtras;
  /** Completes the assembled result (parses `object`, validates tool arguments); may throw a `PalError`. */
  decode?(result: ChatResult): ChatResult;
}

type Settled = { ok: true; result: ChatResult } | { ok: false; error: PalError };

/**
 * The stream `runtime.stream` returns: an `AsyncIterable<StreamEvent>` that can be
 * consumed once, plus helpers. `.text()` and `.result()` consume it themselves when
 * the caller did not iterate (both may be called). Breaking out of `for await`, or
 * calling `.cancel()`, closes the upstream request. A failure never throws out of the
 * iteration: it arrives as a final `error` event, and `.result()` / `.text()` reject
 * with it.
 */
export class PalStream<Result = ChatResult> implements AsyncIterable<StreamEvent> {
  readonly #source: AsyncIterable<StreamEvent>;
  readonly #options: PalStreamOptions;
  readonly #collector = new StreamCollector();
  readonly #settled: Promise<Settled>;
  #settle!: (value: Settled) => void;
  #started = false;
  #cancelled: PalError | undefined;
  #upstream: AsyncIterator<StreamEvent> | undefined;
  #pulling = false;
  #finished = false;

  constructor(source: AsyncIterable<StreamEvent>, options: PalStreamOptions = {}) {
    this.#source = source;
    this.#options = options;
    this.#settled = new Promise<Settled>((resolve) => {
      this.#settle = resolve;
    });
  }

  /** Iterates the events. A stream can be iterated once (helpers count as the one iteration). */
  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#started) {
      throw new PalError({
        code: 'STREAM_ERROR',
        message: 'This stream was already consumed: iterate it once, or use .result() / .text()',
        retryable: false,
      });
    }
    this.#started = true;
    return this.#run();
  }

  /** Resolves with the answer parsed as JSON (`responseFormat: { type: 'json' }`), typed from its zod schema. */
  async object(): Promise<Result extends { object?: infer O } ? O : unknown> {
    return ((await this.result()) as { object?: unknown }).object as never;
  }

  /** Resolves with the whole text; rejects with the stream's error. */
  async text(): Promise<string> {
    return ((await this.result()) as ChatResult).text;
  }

  /** Resolves with the assembled `ChatResult`; rejects with the stream's error. */
  async result(): Promise<Result> {
    if (!this.#started) void this.#drain();
    const settled = await this.#settled;
    if (settled.ok) return settled.result as Result;
    throw settled.error;
  }

  /** Closes the stream and its upstream request; `.result()` rejects with `ABORTED`. */
  async cancel(reason?: unknown): Promise<void> {
    if (this.#cancelled) return;
    const error = abortedError(reason, { message: 'The stream was cancelled' });
    this.#cancelled = error;
    this.#options.onCancel?.(error);
    if (!this.#started) {
      this.#started = true;
      this.#finish({ ok: false, error });
    }
    // while a pull is in flight the abort above ends it, and #run closes the upstream afterwards
    if (!this.#pulling) await this.#upstream?.return?.();
  }

  /** A web `ReadableStream` of the same events (consumes this stream). */
  toReadableStream(): ReadableStream<StreamEvent> {
    const iterator = this[Symbol.asyncIterator]();
    return new ReadableStream<StreamEvent>({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
  }

  async #drain(): Promise<void> {
    for await (const _event of this) {
      // events are collected (and callbacks fired) inside #run
    }
  }

  async *#run(): AsyncGenerator<StreamEvent> {
    const upstream = this.#source[Symbol.asyncIterator]();
    this.#upstream = upstream;
    let ended = false;
    /** The source said it is done (its generator finished: nothing to close). */
    let drained = false;
    try {
      while (this.#cancelled === undefined) {
        let step: IteratorResult<StreamEvent>;
        this.#pulling = true;
        try {
          step = await upstream.next();
        } catch (thrown) {
          // a source must not throw, but if it does the caller still gets an error event
          step = { done: false, value: { type: 'error', error: toStreamError(thrown) } };
        } finally {
          this.#pulling = false;
        }
        if (step.done) {
          ended = true;
          drained = true;
          break;
        }
        if (this.#cancelled !== undefined) break;
        this.#observe(step.value);
        yield step.value;
        if (step.value.type === 'error') {
          ended = true;
          break;
        }
      }
    } finally {
      // a consumer that stops right after `finish` or `error` has seen the whole stream
      const whole = ended || this.#collector.finished || this.#collector.error !== undefined;
      if (whole && this.#cancelled === undefined) {
        // close the upstream first (after an error event too: it is suspended there), so the
        // call's bookkeeping (attempt latency, the call's end) is final
        if (!drained) await upstream.return?.();
        this.#complete();
      } else {
        const error =
          this.#cancelled ?? abortedError(undefined, { message: 'The stream was closed before its end' });
        if (this.#cancelled === undefined) {
          this.#cancelled = error;
          this.#options.onCancel?.(error);
        }
        this.#finish({ ok: false, error });
        await upstream.return?.();
      }
    }
  }

  #observe(event: StreamEvent): void {
    this.#collector.add(event);
    if (event.type === 'text-delta') safely(() => this.#options.onText?.(event.text));
    else if (event.type === 'tool-call')
      safely(() =>
        this.#options.onToolCall?.({ id: event.id, name: event.name, arguments: event.arguments }),
      );
  }

  #complete(): void {
    try {
      const assembled = this.#collector.result(this.#options.extras?.() ?? {});
      this.#finish({ ok: true, result: this.#options.decode ? this.#options.decode(assembled) : assembled });
    } catch (error) {
      this.#finish({ ok: false, error: toStreamError(error) });
    }
  }

  #finish(settled: Settled): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#settle(settled);
    if (settled.ok) safely(() => this.#options.onFinish?.(settled.result));
    else safely(() => this.#options.onError?.(settled.error));
  }
}

/** Collects any stream of `StreamEvent`s into a `ChatResult` (rejects with its error event).  *
 * @example
 * ```ts
 * const result = await collectStream(pal.stream({ model: 'openai/gpt-4o-mini', messages }));
 * ```
 */
export function collectStream(stream: AsyncIterable<StreamEvent>): Promise<ChatResult> {
  return (stream instanceof PalStream ? stream : new PalStream(stream)).result();
}

function toStreamError(error: unknown): PalError {
  if (isPalError(error)) return error;
  return new PalError({
    code: 'STREAM_ERROR',
    message: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // a throwing callback must not break the stream
  }
}
