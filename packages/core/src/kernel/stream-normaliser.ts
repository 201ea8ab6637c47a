import { parseToolArguments } from '../translation/tool-arguments-json.js';
import type { ProviderStreamEvent, StreamEvent, ToolCallEvent } from '../contracts/stream-event.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { PalError } from '../errors/pal-error.js';

/** What the normaliser needs to know about the call it serves. */
export interface StreamNormaliserOptions {
  provider: string;
  /** The provider's bare model id (used when the adapter sends no `start`). */
  model: string;
  /** Prices usage (the catalog's pricing). */
  price(usage: Usage): Cost;
  /** Estimates usage when the adapter reported none, from everything the model produced. */
  estimateUsage(producedText: string): Usage;
  /** Maps anything thrown by the stack into a `PalError`. */
  toError(error: unknown): PalError;
  /** Once, with the first event the adapter side sent (before any `start` is added). */
  onFirstEvent?(event: ProviderStreamEvent): void;
  /** Once, when the first content event arrives. */
  onFirstContent?(): void;
  /** Once, when the stream finished well. */
  onUsage?(usage: Usage, cost: Cost): void;
  /** Once, when the stream ends with an error. */
  onError?(error: PalError): void;
  /** Once, when the iteration ends whichever way (finished, failed, or closed by the consumer). */
  onClose?(): void;
}

interface PendingToolCall {
  id?: string;
  name?: string;
  args: string;
}

/**
 * Turns an adapter's `ProviderStreamEvent`s into the caller's `StreamEvent`s: `start`
 * first (added when missing), `tool-call` events assembled from deltas at finish when
 * the adapter sent only deltas, one `usage` event (estimated when the vendor gave
 * none) before a `finish` that carries usage and cost, and any failure as a final
 * `error` event (the iteration itself never throws). A stream that fails before its
 * first event yields only the `error`.
 */
export async function* normaliseStream(
  open: () => AsyncIterable<ProviderStreamEvent>,
  options: StreamNormaliserOptions,
): AsyncGenerator<StreamEvent> {
  let started = false;
  let contentSeen = false;
  let sawToolCall = false;
  let reportedUsage: Usage | undefined;
  let produced = '';
  const pending = new Map<number, PendingToolCall>();

  try {
    // opened at the first pull; what opening throws ends the iteration as is (no error event)
    const source = open();
    try {
      for await (const event of source) {
        if (!started) {
          started = true;
          options.onFirstEvent?.(event);
          if (event.type !== 'start')
            yield { type: 'start', provider: options.provider, model: options.model };
        }
        if (event.type !== 'start' && event.type !== 'usage' && event.type !== 'finish' && !contentSeen) {
          contentSeen = true;
          options.onFirstContent?.();
        }
        switch (event.type) {
          case 'start':
            yield {
              ...event,
              provider: event.provider || options.provider,
              model: event.model || options.model,
            };
            break;
          case 'text-delta':
          case 'reasoning-delta':
            produced += event.text;
            yield event;
            break;
          case 'tool-call-delta': {
            const call = pending.get(event.index) ?? { args: '' };
            if (event.id !== undefined) call.id = event.id;
            if (event.name !== undefined) call.name = event.name;
            call.args += event.argumentsDelta;
            pending.set(event.index, call);
            produced += event.argumentsDelta;
            yield event;
            break;
          }
          case 'tool-call':
            sawToolCall = true;
            if (pending.size === 0) produced += JSON.stringify(event.arguments ?? {});
            yield event;
            break;
          case 'usage':
            reportedUsage = event.usage;
            break;
          case 'finish': {
            if (!sawToolCall) {
              for (const [index, call] of [...pending].sort(([a], [b]) => a - b))
                yield assemble(index, call, options);
            }
            const usage = event.usage ?? reportedUsage ?? options.estimateUsage(produced);
            const cost = options.price(usage);
            yield { type: 'usage', usage };
            yield { type: 'finish', finishReason: event.finishReason, usage, cost };
            options.onUsage?.(usage, cost);
            return;
          }
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
      options.onError?.(error);
      yield { type: 'error', error };
    }
  } finally {
    options.onClose?.();
  }
}

/** A complete tool call from its deltas; bad JSON arguments throw `SERIALIZATION_ERROR`. */
function assemble(index: number, call: PendingToolCall, options: StreamNormaliserOptions): ToolCallEvent {
  const name = call.name ?? '';
  let parsed: unknown;
  try {
    parsed = parseToolArguments(call.args, name || `#${index}`);
  } catch (error) {
    throw (error as PalError).with({ provider: options.provider, model: options.model, retryable: false });
  }
  return { type: 'tool-call', id: call.id ?? `call_${index}`, name, arguments: parsed };
}
