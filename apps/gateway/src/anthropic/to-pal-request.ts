import type {
  AssistantContentPart,
  CallWarning,
  ChatRequestInput,
  Message,
  ToolChoice,
  UserContentPart,
} from '@pal/core';
import { invalidField } from '../http/invalid-field.js';
import {
  type ContentBlock,
  type CountTokensRequest,
  type MessageParam,
  NOT_HONOURED_FIELDS,
} from './messages-request.js';

/** A Messages request in PAL's terms, and what of it PAL could not honour. */
export interface TranslatedRequest {
  request: ChatRequestInput;
  warnings: CallWarning[];
}

type Path = Array<string | number>;
type Warn = (warning: CallWarning) => void;

/** Anthropic image source → PAL image part. */
function imagePart(block: Extract<ContentBlock, { type: 'image' }>): UserContentPart {
  const { source } = block;
  return source.type === 'base64'
    ? { type: 'image', data: source.data, mediaType: source.media_type }
    : { type: 'image', url: source.url };
}

/** Translates the messages, keeping the names of tool calls so tool results can carry them. */
class Conversation {
  readonly messages: Message[] = [];
  readonly #toolNames = new Map<string, string>();
  readonly #warn: Warn;

  constructor(warn: Warn) {
    this.#warn = warn;
  }

  add(message: MessageParam, index: number): void {
    const at: Path = ['messages', index, 'content'];
    if (message.role === 'assistant') this.#assistant(message.content, at);
    else this.#user(message.content, at);
  }

  #assistant(content: MessageParam['content'], at: Path): void {
    if (typeof content === 'string') {
      if (content) this.messages.push({ role: 'assistant', content });
      return;
    }
    const parts = content.map((block, i): AssistantContentPart => {
      this.#cacheControl(block);
      switch (block.type) {
        case 'text':
          return { type: 'text', text: block.text };
        case 'tool_use':
          this.#toolNames.set(block.id, block.name);
          return { type: 'tool-call', id: block.id, name: block.name, arguments: block.input };
        case 'thinking':
          return { type: 'reasoning', text: block.thinking, signature: block.signature };
        case 'redacted_thinking':
          return { type: 'reasoning', text: '', redactedData: block.data };
        default:
          throw invalidField([...at, i, 'type'], `a ${block.type} block belongs in a user turn`);
      }
    });
    // an empty (final, prefill) assistant turn says nothing PAL can send
    if (parts.length > 0) this.messages.push({ role: 'assistant', content: parts });
  }

  /** A user turn: text and images stay together; each tool_result becomes a tool message, in order. */
  #user(content: MessageParam['content'], at: Path): void {
    if (typeof content === 'string') {
      this.messages.push({ role: 'user', content });
      return;
    }
    if (content.length === 0) throw invalidField(at, 'a user turn needs at least one block');
    let parts: UserContentPart[] = [];
    const flush = () => {
      if (parts.length > 0) this.messages.push({ role: 'user', content: parts });
      parts = [];
    };
    content.forEach((block, i) => {
      this.#cacheControl(block);
      if (block.type === 'text') parts.push({ type: 'text', text: block.text });
      else if (block.type === 'image') parts.push(imagePart(block));
      else if (block.type === 'tool_result') {
        flush();
        parts = this.#toolResult(block);
      } else throw invalidField([...at, i, 'type'], `a ${block.type} block belongs in an assistant turn`);
    });
    flush();
  }

  /** The tool message; the images a tool returned come back as the parts of a user turn after it. */
  #toolResult(block: Extract<ContentBlock, { type: 'tool_result' }>): UserContentPart[] {
    const content = block.content ?? '';
    const texts = typeof content === 'string' ? [] : content.filter((b) => b.type === 'text');
    const images = typeof content === 'string' ? [] : content.filter((b) => b.type === 'image');
    const name = this.#toolNames.get(block.tool_use_id);
    this.messages.push({
      role: 'tool',
      toolCallId: block.tool_use_id,
      ...(name !== undefined && { name }),
      content: typeof content === 'string' ? content : texts.map((t) => ({ type: 'text', text: t.text })),
      ...(block.is_error && { isError: true }),
    });
    if (images.length === 0) return [];
    this.#warn({
      type: 'changed-setting',
      setting: 'tool_result.content',
      details: "PAL's tool results carry text: the tool's images were sent in a user turn after the result",
    });
    return images.map(imagePart);
  }

  #cacheControl(block: ContentBlock): void {
    if ('cache_control' in block && block.cache_control !== undefined) warnCacheControl(this.#warn);
  }
}

function warnCacheControl(warn: Warn): void {
  warn({
    type: 'unsupported-setting',
    setting: 'cache_control',
    details: 'PAL does not pass prompt-cache breakpoints; providers that cache prompts do so on their own',
  });
}

function toolChoiceOf(choice: NonNullable<CountTokensRequest['tool_choice']>, warn: Warn): ToolChoice {
  if ('disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use !== undefined)
    warn({
      type: 'unsupported-setting',
      setting: 'tool_choice.disable_parallel_tool_use',
      details: 'PAL has no switch for parallel tool calls',
    });
  if (choice.type === 'any') return 'required';
  if (choice.type === 'tool') return { type: 'tool', name: choice.name };
  return choice.type;
}

/** `thinking` and `output_config.effort` → PAL's `reasoning`. */
function reasoningOf(body: CountTokensRequest, warn: Warn): ChatRequestInput['reasoning'] {
  const { thinking } = body;
  const effort = body.output_config?.effort;
  if (effort === 'max')
    warn({
      type: 'changed-setting',
      setting: 'output_config.effort',
      details: 'sent as effort "high", PAL\'s highest',
    });
  if (thinking?.type === 'adaptive')
    warn({
      type: 'changed-setting',
      setting: 'thinking',
      details: "adaptive thinking sent as reasoning with the serving provider's default budget",
    });
  const reasoning = {
    ...(thinking?.type === 'enabled' && { budgetTokens: thinking.budget_tokens }),
    ...(effort !== undefined && { effort: effort === 'max' ? ('high' as const) : effort }),
  };
  if (thinking?.type === 'enabled' || thinking?.type === 'adaptive' || effort !== undefined) return reasoning;
  return undefined;
}

/**
 * A Messages (or count_tokens) request → PAL's `ChatRequestInput` for `model`: `system` becomes
 * system messages, tool_result blocks tool messages (in the order given), thinking blocks
 * reasoning parts with their signatures, `tool_choice` any → `required`, `thinking` →
 * `reasoning.budgetTokens`, `output_config.format` → JSON output, `metadata.user_id` →
 * `metadata.user`. What has no PAL equivalent is left out and listed in `warnings`.
 */
export function toPalRequest(body: CountTokensRequest, model: string): TranslatedRequest {
  const warnings: CallWarning[] = [];
  const seen = new Set<string>();
  const warn: Warn = (warning) => {
    const key = JSON.stringify(warning);
    if (!seen.has(key)) warnings.push(warning);
    seen.add(key);
  };
  const conversation = new Conversation(warn);
  const systemBlocks = typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []);
  for (const block of systemBlocks) {
    if ('cache_control' in block && block.cache_control !== undefined) warnCacheControl(warn);
    if (block.text) conversation.messages.push({ role: 'system', content: block.text });
  }
  for (const [index, message] of body.messages.entries()) conversation.add(message, index);
  if (conversation.messages.every((m) => m.role === 'system'))
    throw invalidField(['messages'], 'the conversation has no turn with content');

  for (const field of NOT_HONOURED_FIELDS) {
    if (body[field] !== undefined)
      warn({ type: 'unsupported-setting', setting: field, details: 'not available through PAL' });
  }
  for (const [i, tool] of (body.tools ?? []).entries()) {
    if (tool.cache_control !== undefined) warnCacheControl(warn);
    if (tool.strict !== undefined)
      warn({
        type: 'unsupported-setting',
        setting: `tools.${i}.strict`,
        details: 'PAL has no strict tool mode',
      });
  }
  const reasoning = reasoningOf(body, warn);
  const format = body.output_config?.format;
  const request: ChatRequestInput = {
    model,
    messages: conversation.messages,
    ...(body.max_tokens !== undefined && { maxOutputTokens: body.max_tokens }),
    ...(body.temperature !== undefined && { temperature: body.temperature }),
    ...(body.top_p !== undefined && { topP: body.top_p }),
    ...(body.top_k !== undefined && { topK: body.top_k }),
    ...(body.stop_sequences !== undefined && body.stop_sequences.length > 0 && { stop: body.stop_sequences }),
    ...(body.tools !== undefined &&
      body.tools.length > 0 && {
        tools: body.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description !== undefined && { description: tool.description }),
          parameters: tool.input_schema,
        })),
      }),
    ...(body.tool_choice && { toolChoice: toolChoiceOf(body.tool_choice, warn) }),
    ...(reasoning && { reasoning }),
    ...(format && { responseFormat: { type: 'json' as const, schema: format.schema } }),
    ...(body.metadata?.user_id && { metadata: { user: body.metadata.user_id } }),
  };
  return { request, warnings };
}
