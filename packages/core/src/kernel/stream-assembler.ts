import type { AdapterChatResult } from '../contracts/adapter.js';
import type { FinishReason } from '../contracts/chat-result.js';
import type { AssistantContentPart, ToolCall, ToolCallPart } from '../contracts/content.js';
import type { ProviderStreamEvent, StreamEvent, ToolCallEvent } from '../contracts/stream-event.js';
import type { Cost, Usage } from '../contracts/usage.js';
import type { CallWarning } from '../contracts/warning.js';
import type { PalError } from '../errors/pal-error.js';
import { parseToolArguments } from '../translation/tool-arguments-json.js';

interface PendingToolCall {
  id?: string;
  name?: string;
  args: string;
}

/**
 * The one place a stream is folded into a result. The stream normaliser, the caller's
 * `PalStream` collector, the response cache and the budget guard all feed their events to one
 * of these, so they agree on every detail: text and reasoning deltas join into parts (a
 * redacted reasoning block stays a part of its own, with its `redactedData`), signatures (of
 * reasoning and of tool calls) are kept, tool calls come from complete `tool-call` events when
 * the stream sent any and are otherwise assembled from their deltas (bad JSON arguments:
 * SERIALIZATION_ERROR), and usage, finish reason, cost and warnings come from `usage` / `finish`.
 */
export class StreamAssembler {
  #id: string | undefined;
  #provider: string | undefined;
  #model: string | undefined;
  readonly #content: AssistantContentPart[] = [];
  readonly #pending = new Map<number, PendingToolCall>();
  #sawToolCall = false;
  #usage: Usage | undefined;
  #cost: Cost | undefined;
  #warnings: CallWarning[] | undefined;
  #finishReason: FinishReason | undefined;
  #error: PalError | undefined;
  #outputChars = 0;

  /** Takes one event into account. */
  add(event: ProviderStreamEvent | StreamEvent): void {
    switch (event.type) {
      case 'start':
        if (event.id !== undefined) this.#id = event.id;
        if (event.provider) this.#provider = event.provider;
        if (event.model) this.#model = event.model;
        break;
      case 'text-delta':
        this.#outputChars += event.text.length;
        this.#appendText('text', event.text);
        break;
      case 'reasoning-delta': {
        this.#outputChars += event.text.length;
        if (event.redactedData !== undefined) {
          this.#content.push({ type: 'reasoning', text: event.text, redactedData: event.redactedData });
          break;
        }
        const part = this.#appendText('reasoning', event.text);
        if (event.signature !== undefined && part.type === 'reasoning') part.signature = event.signature;
        break;
      }
      case 'tool-call-delta': {
        this.#outputChars += event.argumentsDelta.length;
        const call = this.#pending.get(event.index) ?? { args: '' };
        if (event.id !== undefined) call.id = event.id;
        if (event.name !== undefined) call.name = event.name;
        call.args += event.argumentsDelta;
        this.#pending.set(event.index, call);
        break;
      }
      case 'tool-call':
        this.#sawToolCall = true;
        if (this.#pending.size === 0) this.#outputChars += JSON.stringify(event.arguments ?? {}).length;
        this.#content.push({
          type: 'tool-call',
          id: event.id,
          name: event.name,
          arguments: event.arguments,
          ...(event.signature !== undefined && { signature: event.signature }),
        });
        break;
      case 'usage':
        this.#usage = event.usage;
        break;
      case 'finish':
        this.#finishReason = event.finishReason;
        if (event.usage) this.#usage = event.usage;
        if ('cost' in event) this.#cost = event.cost;
        if ('warnings' in event && event.warnings) this.#warnings = event.warnings;
        break;
      case 'error':
        this.#error = event.error;
        break;
    }
  }

  /** True once `finish` went by. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  /** The usage the stream reported, if any. */
  get usage(): Usage | undefined {
    return this.#usage;
  }

  /** The cost on the `finish` event (caller-side streams only). */
  get cost(): Cost | undefined {
    return this.#cost;
  }

  /** Warnings on the `finish` event (caller-side streams only). */
  get warnings(): CallWarning[] | undefined {
    return this.#warnings;
  }

  get finishReason(): FinishReason | undefined {
    return this.#finishReason;
  }

  /** The error event seen, if any (caller-side streams only). */
  get error(): PalError | undefined {
    return this.#error;
  }

  get id(): string | undefined {
    return this.#id;
  }

  get provider(): string | undefined {
    return this.#provider;
  }

  get model(): string | undefined {
    return this.#model;
  }

  /** Characters of output (text, reasoning, tool arguments) seen so far, to estimate output tokens. */
  get outputChars(): number {
    return this.#outputChars;
  }

  /** The text gathered so far. */
  get text(): string {
    return joinParts(this.#content, 'text');
  }

  /**
   * The tool calls to assemble from deltas: none when the stream sent complete `tool-call`
   * events, otherwise one per delta index, in index order. Throws SERIALIZATION_ERROR for
   * arguments that are not JSON.
   */
  assembledToolCalls(): ToolCallEvent[] {
    if (this.#sawToolCall) return [];
    const calls: ToolCallEvent[] = [];
    for (const [index, call] of [...this.#pending].sort(([a], [b]) => a - b)) {
      const name = call.name ?? '';
      const args = parseToolArguments(call.args, name || `#${index}`);
      calls.push({ type: 'tool-call', id: call.id ?? `call_${index}`, name, arguments: args });
    }
    return calls;
  }

  /** The content so far, with tool calls assembled from deltas (see {@link assembledToolCalls}). */
  content(): AssistantContentPart[] {
    const parts = this.#content.map((part) => ({ ...part }));
    for (const call of this.assembledToolCalls())
      parts.push({ type: 'tool-call', id: call.id, name: call.name, arguments: call.arguments });
    return parts;
  }

  /** The stream as an adapter chat result; `model` is used when the stream named none. */
  result(model: string): AdapterChatResult {
    return {
      id: this.#id ?? '',
      model: this.#model ?? model,
      content: this.content(),
      finishReason: this.#finishReason ?? 'other',
      ...(this.#usage && { usage: this.#usage }),
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

/** A tool-call part as `ChatResult.toolCalls` lists it (its signature kept when it has one). */
export function toolCallOf(part: ToolCallPart): ToolCall {
  return {
    id: part.id,
    name: part.name,
    arguments: part.arguments,
    ...(part.signature !== undefined && { signature: part.signature }),
  };
}

/** Joins the text of every part of `type`. */
export function joinParts(content: readonly AssistantContentPart[], type: 'text' | 'reasoning'): string {
  let out = '';
  for (const part of content) if (part.type === type) out += part.text;
  return out;
}
