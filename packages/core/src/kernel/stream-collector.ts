import type { Attempt, ChatResult, FinishReason } from '../contracts/chat-result.js';
import type { AssistantContentPart } from '../contracts/content.js';
import type { StreamEvent } from '../contracts/stream-event.js';
import type { Cost, Usage } from '../contracts/usage.js';
import { PalError } from '../errors/pal-error.js';

/** What a stream's events cannot tell: supplied by whoever ran the call. */
export interface StreamResultExtras {
  latencyMs?: number;
  attempts?: Attempt[];
  cached?: boolean;
}

const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
const ZERO_COST: Cost = { inputUsd: 0, outputUsd: 0, totalUsd: 0 };

/**
 * Folds `StreamEvent`s into a `ChatResult`: text and reasoning deltas become parts,
 * `tool-call` events become tool calls, `finish` gives reason, usage and cost.
 */
export class StreamCollector {
  #id = '';
  #provider = '';
  #model = '';
  readonly #content: AssistantContentPart[] = [];
  #usage: Usage | undefined;
  #cost: Cost | undefined;
  #finishReason: FinishReason | undefined;
  #error: PalError | undefined;

  /** Adds one event. */
  add(event: StreamEvent): void {
    switch (event.type) {
      case 'start':
        this.#provider = event.provider;
        this.#model = event.model;
        if (event.id !== undefined) this.#id = event.id;
        break;
      case 'text-delta':
        this.#appendText('text', event.text);
        break;
      case 'reasoning-delta': {
        if (event.redactedData !== undefined) {
          this.#content.push({ type: 'reasoning', text: '', redactedData: event.redactedData });
          break;
        }
        const part = this.#appendText('reasoning', event.text);
        if (event.signature !== undefined && part.type === 'reasoning') part.signature = event.signature;
        break;
      }
      case 'tool-call':
        this.#content.push({ type: 'tool-call', id: event.id, name: event.name, arguments: event.arguments });
        break;
      case 'usage':
        this.#usage = event.usage;
        break;
      case 'finish':
        this.#finishReason = event.finishReason;
        this.#usage = event.usage;
        this.#cost = event.cost;
        break;
      case 'error':
        this.#error = event.error;
        break;
      case 'tool-call-delta':
        // complete `tool-call` events carry the calls; deltas are progress only
        break;
    }
  }

  /** The text gathered so far. */
  get text(): string {
    return joinParts(this.#content, 'text');
  }

  /** The error event seen, if any. */
  get error(): PalError | undefined {
    return this.#error;
  }

  /** True once a `finish` event was seen. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  /**
   * The assembled result. Throws the stream's error event, or a `STREAM_ERROR` when the
   * stream ended without `finish`.
   */
  result(extras: StreamResultExtras = {}): ChatResult {
    if (this.#error) throw this.#error;
    if (this.#finishReason === undefined) {
      throw new PalError({
        code: 'STREAM_ERROR',
        message: 'The stream ended without a finish event',
        provider: this.#provider || undefined,
        model: this.#model || undefined,
      });
    }
    const reasoning = joinParts(this.#content, 'reasoning');
    return {
      id: this.#id,
      provider: this.#provider,
      model: this.#model,
      content: this.#content.map((part) => ({ ...part })),
      text: this.text,
      toolCalls: this.#content.flatMap((part) =>
        part.type === 'tool-call' ? [{ id: part.id, name: part.name, arguments: part.arguments }] : [],
      ),
      ...(reasoning !== '' && { reasoning }),
      finishReason: this.#finishReason,
      usage: this.#usage ?? ZERO_USAGE,
      cost: this.#cost ?? ZERO_COST,
      latencyMs: extras.latencyMs ?? 0,
      attempts: extras.attempts ?? [],
      ...(extras.cached !== undefined && { cached: extras.cached }),
    };
  }

  #appendText(type: 'text' | 'reasoning', text: string): AssistantContentPart {
    const last = this.#content.at(-1);
    // a redacted reasoning block stays whole: new reasoning text starts a part of its own
    if (last && last.type === type && !(last.type === 'reasoning' && last.redactedData !== undefined)) {
      last.text += text;
      return last;
    }
    const part: AssistantContentPart = { type, text };
    this.#content.push(part);
    return part;
  }
}

/** Joins the text of every part of `type`. */
export function joinParts(content: readonly AssistantContentPart[], type: 'text' | 'reasoning'): string {
  let out = '';
  for (const part of content) if (part.type === type) out += part.text;
  return out;
}
