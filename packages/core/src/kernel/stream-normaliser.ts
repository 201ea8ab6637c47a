import type { ProviderStreamEvent, StreamEvent } from '../contracts/stream-event.js';
import type { Cost, Usage } from '../contracts/usage.js';
import type { CallWarning } from '../contracts/warning.js';
import { isPalError, PalError } from '../errors/pal-error.js';
import type { AnswerInfo, Spent } from './call-scope.js';
import { StreamAssembler } from './stream-assembler.js';

/** What the normaliser needs to know about the call it serves. */
export interface StreamNormaliserOptions {
  provider: string;
  /** The provider's bare model id (used when the adapter sends no `start`). */
  model: string;
  /** Prices usage (the catalog's pricing; nothing for a cache hit). */
  price(usage: Usage): Cost;
  /** Estimates usage when the adapter reported none, from the characters the model produced. */
  estimateUsage(outputChars: number): Usage;
  /** The call's warnings so far, put on `finish`. */
  warnings?(): readonly CallWarning[];
  /** Maps anything thrown by the stack into a `PalError`. */
  toError(error: unknown): PalError;
  /** Once, when the first content event arrives. */
  onFirstContent?(): void;
  /** Once, when the stream finished well: its usage, cost, and the answer's id, model and finish reason. */
  onUsage?(usage: Usage, cost: Cost, answer: AnswerInfo): void;
  /**
   * Once, when the stream ends with an error; `spent` is what it used before (see {@link spentSoFar}).
   */
  onError?(error: PalError, spent: Spent | undefined): void;
  /**
   * Once, when the iteration ends whichever way (finished, failed, or closed by the consumer);
   * `spent` as for `onError`.
   */
  onClose?(spent: Spent | undefined): void;
}

/**
 * Turns an adapter's `ProviderStreamEvent`s into the caller's `StreamEvent`s: `start`
 * first (added when missing), `tool-call` events assembled from deltas at finish when
 * the adapter sent only deltas (by the {@link StreamAssembler}), one `usage` event (estimated
 * when the vendor gave none) before a `finish` that carries usage, cost and the call's
 * warnings, and any failure as a final `error` event (the iteration itself never throws).
 * A stream that fails before its first event yields only the `error`.
 */
export async function* normaliseStream(
  open: () => AsyncIterable<ProviderStreamEvent>,
  options: StreamNormaliserOptions,
): AsyncGenerator<StreamEvent> {
  let started = false;
  let contentSeen = false;
  let finished = false;
  let spent: Spent | undefined;
  const assembler = new StreamAssembler();

  try {
    // opened at the first pull; what opening throws ends the iteration as is (no error event)
    const source = open();
    try {
      for await (const event of source) {
        if (!started) {
          started = true;
          if (event.type !== 'start')
            yield { type: 'start', provider: options.provider, model: options.model };
        }
        if (event.type !== 'start' && event.type !== 'usage' && event.type !== 'finish' && !contentSeen) {
          contentSeen = true;
          options.onFirstContent?.();
        }
        assembler.add(event);
        switch (event.type) {
          case 'start':
            yield {
              ...event,
              provider: event.provider || options.provider,
              model: event.model || options.model,
            };
            break;
          case 'usage':
            break;
          case 'finish': {
            for (const call of assemble(assembler, options)) yield call;
            const usage = assembler.usage ?? options.estimateUsage(assembler.outputChars);
            const cost = options.price(usage);
            const warnings = options.warnings?.();
            // the call succeeded once the adapter finished, even if the caller stops reading at `finish`
            finished = true;
            options.onUsage?.(usage, cost, {
              id: assembler.id,
              model: assembler.model ?? options.model,
              finishReason: event.finishReason,
            });
            yield { type: 'usage', usage };
            yield {
              type: 'finish',
              finishReason: event.finishReason,
              usage,
              cost,
              ...(warnings && warnings.length > 0 && { warnings: [...warnings] }),
            };
            return;
          }
          default:
            yield event;
        }
      }
      throw new PalError({
        code: 'STREAM_ERROR',
        message: `The ${options.provider} stream ended without a finish event`,
        provider: options.provider,
        model: options.model,
      });
    } catch (thrown) {
      const error = options.toError(thrown);
      spent = spentSoFar(started, assembler, options);
      options.onError?.(error, spent);
      yield { type: 'error', error };
    }
  } finally {
    options.onClose?.(finished ? undefined : (spent ?? spentSoFar(started, assembler, options)));
  }
}

/**
 * What a stream that did not finish used: the usage the vendor reported, else, once it had
 * started answering (the prompt was read), an estimate from the prompt and the output so far,
 * marked `estimated`; nothing when no event arrived.
 */
function spentSoFar(
  started: boolean,
  assembler: StreamAssembler,
  options: StreamNormaliserOptions,
): Spent | undefined {
  if (!started) return undefined;
  const usage = assembler.usage ?? options.estimateUsage(assembler.outputChars);
  return { usage, cost: options.price(usage) };
}

/** The tool calls to assemble from deltas; bad JSON arguments are a non-retryable SERIALIZATION_ERROR. */
function assemble(assembler: StreamAssembler, options: StreamNormaliserOptions) {
  try {
    return assembler.assembledToolCalls();
  } catch (error) {
    if (!isPalError(error)) throw error;
    throw error.with({ provider: options.provider, model: options.model, retryable: false });
  }
}
