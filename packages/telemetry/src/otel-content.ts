import type {
  AssistantContentPart,
  ChatRequest,
  FinishReason,
  Message,
  ProviderStreamEvent,
} from '@pal/core';
import { redactSecrets, StreamAssembler } from '@pal/core/provider';

/** One part of a message in the GenAI conventions' JSON shape (`gen-ai-input-messages.json`). */
type Part =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_call_response'; id: string; response: unknown }
  | { type: 'uri'; modality: 'image'; uri: string }
  | { type: 'image'; mime_type?: string };

interface ChatMessage {
  role: string;
  parts: Part[];
  finish_reason?: string;
}

/** What the content attributes of one call hold, as JSON strings (span attributes cannot nest). */
export interface ContentAttributes {
  systemInstructions?: string;
  inputMessages: string;
}

/**
 * The request's messages as `gen_ai.input.messages` (and its system messages as
 * `gen_ai.system_instructions`), secrets masked. Inline image bytes are left out (only their media
 * type is kept); image URLs are kept.
 */
export function inputContent(request: ChatRequest): ContentAttributes {
  const system: Part[] = [];
  const messages: ChatMessage[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') system.push({ type: 'text', content: message.content });
    else messages.push({ role: message.role, parts: partsOf(message) });
  }
  return {
    ...(system.length > 0 && { systemInstructions: toJson(system) }),
    inputMessages: toJson(messages),
  };
}

/** The answer as `gen_ai.output.messages`: one assistant message (v1.41 keeps its finish reason). */
export function outputContent(
  content: readonly AssistantContentPart[],
  finishReason: FinishReason | undefined,
  withFinishReason: boolean,
): string {
  const message: ChatMessage = { role: 'assistant', parts: content.map(assistantPart) };
  if (withFinishReason && finishReason) message.finish_reason = finishReason;
  return toJson([message]);
}

function partsOf(message: Exclude<Message, { role: 'system' }>): Part[] {
  switch (message.role) {
    case 'user':
      if (typeof message.content === 'string') return [{ type: 'text', content: message.content }];
      return message.content.map((part) =>
        part.type === 'text'
          ? { type: 'text', content: part.text }
          : part.url !== undefined
            ? { type: 'uri', modality: 'image', uri: part.url }
            : { type: 'image', ...(part.mediaType && { mime_type: part.mediaType }) },
      );
    case 'assistant':
      if (typeof message.content === 'string') return [{ type: 'text', content: message.content }];
      return message.content.map(assistantPart);
    case 'tool': {
      const text =
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => part.text).join('');
      return [{ type: 'tool_call_response', id: message.toolCallId, response: text }];
    }
  }
}

function assistantPart(part: AssistantContentPart): Part {
  switch (part.type) {
    case 'text':
      return { type: 'text', content: part.text };
    case 'reasoning':
      return { type: 'reasoning', content: part.text };
    case 'tool-call':
      return { type: 'tool_call', id: part.id, name: part.name, arguments: part.arguments };
  }
}

/** JSON with anything key-shaped masked: a prompt may quote a key, and a span must never hold one. */
function toJson(value: unknown): string {
  return redactSecrets(JSON.stringify(value));
}

/** A streamed answer folded back into parts, by the kernel's own `StreamAssembler`. */
export class StreamedAnswer {
  readonly #assembler = new StreamAssembler();

  add(event: ProviderStreamEvent): void {
    this.#assembler.add(event);
  }

  /** The parts so far, tool calls assembled from their deltas (only the text when their JSON is bad). */
  get parts(): AssistantContentPart[] {
    try {
      return this.#assembler.content();
    } catch {
      return [{ type: 'text', text: this.#assembler.text }];
    }
  }
}
