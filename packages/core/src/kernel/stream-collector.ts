import type { Attempt, ChatResult } from '../contracts/chat-result.js';
import type { StreamEvent } from '../contracts/stream-event.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { PalError } from '../errors/pal-error.js';
import { joinParts, StreamAssembler, toolCallOf } from './stream-assembler.js';

export { joinParts } from './stream-assembler.js';

/** What a stream's events cannot tell: supplied by whoever ran the call. */
export interface StreamResultExtras {
  requestId?: string;
  latencyMs?: number;
  attempts?: Attempt[];
  cached?: boolean;
  /** The call's trace (when a tracing sink or the caller gave one). */
  traceId?: string;
  traceparent?: string;
}

const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
const ZERO_COST: Cost = { inputUsd: 0, outputUsd: 0, totalUsd: 0 };

/**
 * Folds the caller's `StreamEvent`s into a `ChatResult` (with {@link StreamAssembler}, as every
 * other stream consumer in the kernel does).
 */
export class StreamCollector {
  readonly #assembler = new StreamAssembler();

  /** Adds one event. */
  add(event: StreamEvent): void {
    this.#assembler.add(event);
  }

  /** The text gathered so far. */
  get text(): string {
    return this.#assembler.text;
  }

  /** The error event seen, if any. */
  get error(): PalError | undefined {
    return this.#assembler.error;
  }

  /** True once a `finish` event was seen. */
  get finished(): boolean {
    return this.#assembler.finished;
  }

  /**
   * The assembled result. Throws the stream's error event, or a `STREAM_ERROR` when the
   * stream ended without `finish`.
   */
  result(extras: StreamResultExtras = {}): ChatResult {
    const a = this.#assembler;
    if (a.error) throw a.error;
    if (a.finishReason === undefined) {
      throw new PalError({
        code: 'STREAM_ERROR',
        message: 'The stream ended without a finish event',
        provider: a.provider,
        model: a.model,
      });
    }
    // the caller's stream already carries assembled tool-call events
    const content = a.content();
    const reasoning = joinParts(content, 'reasoning');
    const warnings = a.warnings;
    return {
      id: a.id ?? '',
      requestId: extras.requestId ?? '',
      provider: a.provider ?? '',
      model: a.model ?? '',
      content,
      text: joinParts(content, 'text'),
      toolCalls: content.flatMap((part) => (part.type === 'tool-call' ? [toolCallOf(part)] : [])),
      ...(reasoning !== '' && { reasoning }),
      finishReason: a.finishReason,
      usage: a.usage ?? ZERO_USAGE,
      cost: a.cost ?? ZERO_COST,
      latencyMs: extras.latencyMs ?? 0,
      attempts: extras.attempts ?? [],
      ...(extras.cached !== undefined && { cached: extras.cached }),
      ...(warnings && warnings.length > 0 && { warnings }),
      ...(extras.traceId !== undefined && { traceId: extras.traceId }),
      ...(extras.traceparent !== undefined && { traceparent: extras.traceparent }),
    };
  }
}
