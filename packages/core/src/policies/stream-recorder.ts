import type { AdapterChatResult } from '../contracts/adapter.js';
import type { FinishReason } from '../contracts/chat-result.js';
import type { AssistantContentPart } from '../contracts/content.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { Usage } from '../contracts/usage.js';

/**
 * Follows a provider stream and assembles what it carried into an adapter chat result: text and
 * reasoning deltas joined into parts, tool calls (complete, or assembled from their deltas),
 * usage and the finish reason.
 */
export class StreamRecorder {
  #id: string | undefined;
  #model: string | undefined;
  readonly #content: AssistantContentPart[] = [];
  readonly #toolDeltas = new Map<number, { id?: string; name?: string; args: string }>();
  #usage: Usage | undefined;
  #finishReason: FinishReason | undefined;
  #outputChars = 0;

  /** Takes one event into account. */
  record(event: ProviderStreamEvent): void {
    const last = this.#content.at(-1);
    switch (event.type) {
      case 'start':
        this.#id = event.id ?? this.#id;
        this.#model = event.model;
        break;
      case 'text-delta':
        this.#outputChars += event.text.length;
        if (last?.type === 'text') last.text += event.text;
        else this.#content.push({ type: 'text', text: event.text });
        break;
      case 'reasoning-delta':
        this.#outputChars += event.text.length;
        if (last?.type === 'reasoning') {
          last.text += event.text;
          if (event.signature !== undefined) last.signature = event.signature;
        } else {
          this.#content.push({
            type: 'reasoning',
            text: event.text,
            ...(event.signature && { signature: event.signature }),
          });
        }
        break;
      case 'tool-call-delta': {
        this.#outputChars += event.argumentsDelta.length;
        const call = this.#toolDeltas.get(event.index) ?? { args: '' };
        call.id = event.id ?? call.id;
        call.name = event.name ?? call.name;
        call.args += event.argumentsDelta;
        this.#toolDeltas.set(event.index, call);
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
        if (event.usage) this.#usage = event.usage;
        break;
    }
  }

  /** True once the `finish` event went by. */
  get finished(): boolean {
    return this.#finishReason !== undefined;
  }

  /** The usage the stream reported, if any. */
  get usage(): Usage | undefined {
    return this.#usage;
  }

  /** Characters of output (text, reasoning, tool arguments) seen so far. */
  get outputChars(): number {
    return this.#outputChars;
  }

  /** The assembled result; `model` is used when the stream named none. */
  result(model: string): AdapterChatResult {
    const content = [...this.#content];
    const completeIds = new Set(content.flatMap((p) => (p.type === 'tool-call' ? [p.id] : [])));
    for (const [index, call] of [...this.#toolDeltas].sort(([a], [b]) => a - b)) {
      const id = call.id ?? `call_${index}`;
      if (completeIds.has(id) || call.name === undefined) continue;
      content.push({ type: 'tool-call', id, name: call.name, arguments: parseArguments(call.args) });
    }
    return {
      id: this.#id ?? '',
      model: this.#model ?? model,
      content,
      finishReason: this.#finishReason ?? 'other',
      ...(this.#usage && { usage: this.#usage }),
    };
  }
}

function parseArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
