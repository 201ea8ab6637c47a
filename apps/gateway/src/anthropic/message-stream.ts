import { PalError, type StreamEvent } from '@pal/core';
import { anthropicDialect } from '../http/dialect.js';
import type { OpenedStream } from '../http/open-stream.js';
import { toFailure } from '../http/gateway-error.js';
import { anthropicUsageOf } from './anthropic-usage.js';
import { stopReasonOf } from './stop-reason.js';

/** One event of Anthropic's stream; its `type` is also the SSE `event:` name. */
export type AnthropicStreamEvent = { type: string } & Record<string, unknown>;

/** What `message_start` says before any token is known. */
export interface StreamMessage {
  id: string;
  model: string;
  /** The prompt's tokens as PAL estimates them (the vendor's count follows on `message_delta`). */
  inputTokens: number;
}

type Kind = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

/**
 * Folds PAL stream events into Anthropic's stream, one content block at a time: text deltas into
 * `text` blocks, reasoning into `thinking` blocks (signature as `signature_delta`; a redacted
 * block whole), tool-call deltas into `tool_use` blocks (`input_json_delta`), a tool call that
 * came whole (no deltas) into a block of its own. A new kind of content closes the open block.
 */
class BlockWriter {
  readonly out: AnthropicStreamEvent[] = [];
  calledTools = false;
  #next = 0;
  #open: { index: number; kind: Kind } | undefined;
  /** PAL's tool-call index → the block streaming it. */
  readonly #tools = new Map<number, number>();
  readonly #streamedIds = new Set<string>();

  #start(kind: Kind, block: Record<string, unknown>): number {
    this.close();
    const index = this.#next++;
    this.out.push({ type: 'content_block_start', index, content_block: { type: kind, ...block } });
    this.#open = { index, kind };
    return index;
  }

  #delta(index: number, delta: Record<string, unknown>): void {
    this.out.push({ type: 'content_block_delta', index, delta });
  }

  /** The open block of `kind`, opened when another (or none) is open. */
  #ensure(kind: 'text' | 'thinking'): number {
    if (this.#open?.kind === kind) return this.#open.index;
    return this.#start(kind, kind === 'text' ? { text: '' } : { thinking: '', signature: '' });
  }

  close(): void {
    if (!this.#open) return;
    this.out.push({ type: 'content_block_stop', index: this.#open.index });
    this.#open = undefined;
  }

  text(text: string): void {
    if (text) this.#delta(this.#ensure('text'), { type: 'text_delta', text });
  }

  reasoning(event: Extract<StreamEvent, { type: 'reasoning-delta' }>): void {
    if (event.redactedData !== undefined) {
      this.#start('redacted_thinking', { data: event.redactedData });
      this.close();
      return;
    }
    if (event.text) this.#delta(this.#ensure('thinking'), { type: 'thinking_delta', thinking: event.text });
    if (event.signature !== undefined)
      this.#delta(this.#ensure('thinking'), { type: 'signature_delta', signature: event.signature });
  }

  toolDelta(event: Extract<StreamEvent, { type: 'tool-call-delta' }>): void {
    this.calledTools = true;
    let index = this.#tools.get(event.index);
    if (index === undefined) {
      const id = event.id ?? `toolu_pal_${event.index}`;
      this.#streamedIds.add(id);
      index = this.#start('tool_use', { id, name: event.name ?? '', input: {} });
      this.#tools.set(event.index, index);
    }
    // a delta for a call whose block another one closed still goes to its own index
    if (event.argumentsDelta)
      this.#delta(index, { type: 'input_json_delta', partial_json: event.argumentsDelta });
  }

  toolCall(event: Extract<StreamEvent, { type: 'tool-call' }>): void {
    this.calledTools = true;
    if (this.#streamedIds.has(event.id)) return; // already streamed from its deltas
    const index = this.#start('tool_use', { id: event.id, name: event.name, input: {} });
    const json = JSON.stringify(event.arguments ?? {});
    if (json !== '{}') this.#delta(index, { type: 'input_json_delta', partial_json: json });
    this.close();
  }
}

/** The in-stream `error` event for a failure: Anthropic's error body (PAL's code in it). */
export function streamErrorEvent(error: unknown): AnthropicStreamEvent {
  return anthropicDialect.body(toFailure(error)) as AnthropicStreamEvent;
}

/**
 * A started PAL stream → Anthropic's stream events: `message_start` (then a `ping`), per block
 * `content_block_start` / `content_block_delta` (`text_delta`, `thinking_delta`,
 * `signature_delta`, `input_json_delta`) / `content_block_stop`, then `message_delta` with the
 * stop reason and the whole usage, and `message_stop`. A failure ends it with an `error` event.
 * Closing it (the client went away) closes the PAL stream and its upstream request.
 */
export async function* anthropicStreamOf(
  opened: OpenedStream,
  message: StreamMessage,
): AsyncGenerator<AnthropicStreamEvent> {
  const blocks = new BlockWriter();
  const flush = function* () {
    yield* blocks.out;
    blocks.out.length = 0;
  };
  try {
    yield {
      type: 'message_start',
      message: {
        id: message.id,
        type: 'message',
        role: 'assistant',
        model: message.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: message.inputTokens,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    };
    yield { type: 'ping' };
    for (;;) {
      const step = await opened.rest.next();
      if (step.done) break;
      const event = step.value;
      if (event.type === 'text-delta') blocks.text(event.text);
      else if (event.type === 'reasoning-delta') blocks.reasoning(event);
      else if (event.type === 'tool-call-delta') blocks.toolDelta(event);
      else if (event.type === 'tool-call') blocks.toolCall(event);
      else if (event.type === 'finish') {
        blocks.close();
        yield* flush();
        yield {
          type: 'message_delta',
          delta: { stop_reason: stopReasonOf(event.finishReason, blocks.calledTools), stop_sequence: null },
          usage: anthropicUsageOf(event.usage),
        };
        yield { type: 'message_stop' };
        return;
      } else if (event.type === 'error') {
        yield* flush();
        yield streamErrorEvent(event.error);
        return;
      }
      yield* flush();
    }
    yield streamErrorEvent(
      new PalError({ code: 'STREAM_ERROR', message: 'The stream ended without a finish event' }),
    );
  } finally {
    await opened.rest.return?.();
  }
}
