import type {
  ContentBlock,
  ConverseCommandInput,
  Message as BedrockMessage,
  Tool,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { type ChatRequest, type ImagePart, type Message, PalError } from '@pal/core';
import {
  type ClaudeThinking,
  type ConversationMessage,
  claudeSampling,
  claudeThinking,
  claudeThinkingFields,
  contentText,
  forcedJsonTool,
  IMAGE_URL_FETCH_HINT,
  inlineImageOf,
  mergeProviderOptions,
  readProviderOptions,
  toAlternatingTurns,
  type Warn,
  warnToolChoiceReplaced,
  warnUnsentNames,
  warnUnsupported,
} from '@pal/core/provider';
import {
  converseProviderOptionsSchema,
  PROTECTED_CLAUDE_FIELDS,
  PROTECTED_KEYS,
} from './provider-options.js';

/** Name of the tool PAL forces to get JSON output (`responseFormat: json`), as for Anthropic. */
export const JSON_TOOL_NAME = 'json_response';
type Json = NonNullable<ConverseCommandInput['additionalModelRequestFields']>;

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
/** Families whose Converse API refuses a `system` field: the system text goes into the first user turn. */
const NO_SYSTEM =
  /^(\w+\.)?(mistral\.mistral-7b|mistral\.mixtral|amazon\.titan-text|cohere\.command-(light-)?text)/;

/** True for Claude model ids, inference profiles and ARNs. */
export const isAnthropicModel = (model: string) => /(^|[.:/])anthropic\./.test(model);

/**
 * `maxTokens` with thinking on and no `maxOutputTokens`: the thinking budget (with adaptive
 * thinking, the effort's nominal budget in CLAUDE_THINKING_BUDGETS) plus this much for the answer.
 */
const DEFAULT_ANSWER_TOKENS = 4096;

/** What a Converse request asks for: `inferenceConfig.maxTokens` and Claude's thinking, if any. */
export interface ConverseOutputLimits {
  maxTokens?: number;
  thinking?: ClaudeThinking;
}

/**
 * The output limits of a request: `maxOutputTokens` as it is, except for Claude with `reasoning`
 * (`reasoning: {}` included: the default effort), where core's `claudeThinking` gives the thinking
 * and its `maxTokens` (Claude counts thinking in it). Claude 4.5 and earlier think on a budget:
 * `maxTokens` at least budget + 1024, budget + 4096 when the request sets no cap. Claude 4.6+
 * think adaptively at an effort: `maxOutputTokens` as it is, else the effort's nominal budget +
 * 4096 (high's without an effort). The one place of this arithmetic on Bedrock: the translator
 * sends it and the adapter's `maxOutputTokensFor` reports it. `warn` hears what of `reasoning`
 * could not be sent as given.
 */
export function converseOutputLimits(request: ChatRequest, warn?: Warn): ConverseOutputLimits {
  const requested = request.maxOutputTokens;
  const thinking = isAnthropicModel(request.model)
    ? claudeThinking(request, (budget) => budget + DEFAULT_ANSWER_TOKENS, warn)
    : undefined;
  if (!thinking) return requested === undefined ? {} : { maxTokens: requested };
  return { maxTokens: thinking.maxTokens, thinking };
}

/** An image as bytes (base64 `data` or a `data:` URL); Converse cannot fetch URLs. */
function imageBlock(part: ImagePart, path: Array<string | number>): ContentBlock {
  const inline = inlineImageOf(part);
  const format =
    inline?.mediaType === 'image/jpg' ? 'jpeg' : (inline?.mediaType.slice('image/'.length) ?? '');
  if (inline && IMAGE_FORMATS.has(format)) {
    return { image: { format: format as 'png', source: { bytes: Buffer.from(inline.data, 'base64') } } };
  }
  const message = inline
    ? `Bedrock Converse takes png, jpeg, gif or webp images, not ${inline.mediaType}`
    : `Bedrock Converse takes images as bytes only: pass base64 \`data\` with \`mediaType\` or a data: URL, ${IMAGE_URL_FETCH_HINT}`;
  throw new PalError({ code: 'UNSUPPORTED_CAPABILITY', message, provider: 'bedrock', path });
}

/** One canonical message as Converse content blocks. */
function toBlocks(message: ConversationMessage, index: number): ContentBlock[] {
  if (message.role === 'tool') {
    const text = contentText(message.content);
    const status = message.isError ? 'error' : 'success';
    return [{ toolResult: { toolUseId: message.toolCallId, content: [{ text }], status } }];
  }
  if (typeof message.content === 'string') return message.content ? [{ text: message.content }] : [];
  return message.content.flatMap((part, p): ContentBlock[] => {
    if (part.type === 'text') return part.text ? [{ text: part.text }] : [];
    if (part.type === 'image') return [imageBlock(part, ['messages', index, 'content', p])];
    if (part.type === 'tool-call') {
      return [{ toolUse: { toolUseId: part.id, name: part.name, input: (part.arguments ?? {}) as Json } }];
    }
    // reasoning goes back as it came, in its place (Claude wants its thinking unchanged before the
    // toolUse on a tool-result turn): redacted thinking as its bytes, text only with its signature
    if (part.redactedData !== undefined) {
      return [{ reasoningContent: { redactedContent: Buffer.from(part.redactedData, 'base64') } }];
    }
    return part.signature
      ? [{ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } }]
      : [];
  });
}

/** Converse messages; consecutive turns of one role (e.g. several tool results) are merged, as Bedrock requires. */
function toBedrockMessages(messages: Message[]): BedrockMessage[] {
  return toAlternatingTurns(messages, 'assistant', toBlocks).map(({ role, parts }) => ({
    role,
    content: parts,
  }));
}

/** The name of the forced JSON-output tool, when the request asked for JSON. */
export function jsonToolName(request: ChatRequest): string | undefined {
  return forcedJsonTool(request.responseFormat, JSON_TOOL_NAME)?.name;
}

/**
 * Tools and tool choice. JSON output adds a forced tool. Under toolChoice "none" the tools are
 * dropped, unless the history holds tool results: Bedrock then needs `toolConfig` all the same.
 */
function toolConfig(request: ChatRequest, warn: Warn): ToolConfiguration | undefined {
  const { toolChoice: choice } = request;
  const json = forcedJsonTool(request.responseFormat, JSON_TOOL_NAME);
  const toolResults = request.messages.some((m) => m.role === 'tool');
  const keep = choice !== 'none' || json || toolResults;
  const tools: Tool[] = (keep ? (request.tools ?? []) : []).map(({ name, description, parameters }) => ({
    toolSpec: { name, description, inputSchema: { json: parameters as Json } },
  }));
  if (json) {
    const { name, description, schema } = json;
    tools.push({ toolSpec: { name, description, inputSchema: { json: schema as Json } } });
    warnToolChoiceReplaced(request, warn);
    return { tools, toolChoice: { tool: { name } } };
  }
  if (tools.length === 0) return undefined;
  if (choice === 'none') {
    const details =
      'Converse has no "none" choice, and a history with tool results needs the tools: they were offered, so the model may call them';
    warn({ type: 'changed-setting', setting: 'toolChoice', details });
  }
  if (choice === undefined || choice === 'none') return { tools };
  const toolChoice =
    choice === 'auto' ? { auto: {} } : choice === 'required' ? { any: {} } : { tool: { name: choice.name } };
  return { tools, toolChoice };
}

/**
 * Claude's fields in `additionalModelRequestFields`: its thinking, as on Anthropic's API (core's
 * `claudeThinkingFields`: `thinking` with a budget, or adaptive with `display: 'summarized'` and
 * `output_config.effort`), and `top_k`.
 */
function claudeFields(
  request: ChatRequest,
  thinking: ClaudeThinking | undefined,
  topK: number | undefined,
): Record<string, unknown> {
  if (!isAnthropicModel(request.model)) return {};
  return {
    ...(thinking && claudeThinkingFields(thinking)),
    ...(topK !== undefined && { top_k: topK }),
  };
}

/** The sampling settings sent with a request. */
interface Sampling {
  temperature?: number;
  topP?: number;
  topK?: number;
}

/**
 * The sampling settings to send: the request's, except for Claude, where core's one rule
 * (`claudeSampling`) keeps only what Claude takes (none on Claude 4.7+; with thinking on a
 * temperature of 1, a topP from 0.95, no topK) and `warn` says what was not sent.
 */
function samplingFor(request: ChatRequest, thinking: boolean, warn: Warn): Sampling {
  const { temperature, topP, topK } = request;
  if (!isAnthropicModel(request.model)) return { temperature, topP, topK };
  return claudeSampling(request, thinking, warn);
}

/** Warns about what of `request` Converse does not take (none of it is sent). */
function warnUnsent(request: ChatRequest, warn: Warn): void {
  warnUnsupported(
    request,
    ['seed', 'presencePenalty', 'frequencyPenalty'],
    warn,
    'Bedrock Converse has no such setting',
  );
  if (!isAnthropicModel(request.model)) {
    const details = 'PAL sends it to Claude models only (in additionalModelRequestFields)';
    warnUnsupported(request, ['topK', 'reasoning'], warn, details);
  }
  warnUnsentNames(request.messages, warn, 'Bedrock Converse');
}

/**
 * Translates a canonical chat request into a Converse / ConverseStream input. `providerOptions[provider]`
 * is validated and merged over the result (e.g. `guardrailConfig`, `performanceConfig`; its
 * `additionalModelRequestFields` over PAL's); it cannot replace what PAL writes (`modelId`,
 * `messages`, `system`, `inferenceConfig`, `toolConfig`, Claude's `thinking` and `top_k`). What
 * Converse does not take (seed, penalties; topK and reasoning outside Claude; sampling Claude
 * refuses: all of it on Claude 4.7+, with thinking on what thinking forbids; a thinking budget on
 * Claude 4.6+, sent as an effort) is reported to `warn`.
 */
export function toConverseInput(
  request: ChatRequest,
  provider = 'bedrock',
  warn: Warn = () => {},
): ConverseCommandInput {
  const options = readProviderOptions(request, provider, converseProviderOptionsSchema, PROTECTED_KEYS);
  warnUnsent(request, warn);
  const system = request.messages.flatMap((m) => (m.role === 'system' ? [{ text: m.content }] : []));
  const messages = toBedrockMessages(request.messages);
  const foldSystem = system.length > 0 && NO_SYSTEM.test(request.model) && messages[0]?.role === 'user';
  if (foldSystem) {
    messages[0]?.content?.unshift(...system);
    warn({
      type: 'other',
      message: `${request.model} takes no system prompt on Converse: the system messages were sent at the start of the first user turn`,
    });
  }
  const { maxTokens, thinking } = converseOutputLimits(request, warn);
  const raised = request.maxOutputTokens !== undefined && maxTokens !== request.maxOutputTokens;
  if (thinking?.type === 'enabled' && raised) {
    warn({
      type: 'changed-setting',
      setting: 'maxOutputTokens',
      details: `sent as maxTokens ${maxTokens}: Claude's maxTokens covers the ${thinking.budgetTokens}-token thinking budget and must exceed it`,
    });
  }
  const sampling = samplingFor(request, thinking !== undefined, warn);
  const fields = claudeFields(request, thinking, sampling.topK);
  const { additionalModelRequestFields: extraFields, ...extra } = options ?? {};
  const at = ['providerOptions', provider] as const;
  const additional = mergeProviderOptions(
    fields as Record<string, unknown>,
    extraFields,
    isAnthropicModel(request.model) ? PROTECTED_CLAUDE_FIELDS : {},
    [...at, 'additionalModelRequestFields'],
  );
  const tools = toolConfig(request, warn);
  const inferenceConfig = {
    ...(maxTokens !== undefined && { maxTokens }),
    ...(sampling.temperature !== undefined && { temperature: sampling.temperature }),
    ...(sampling.topP !== undefined && { topP: sampling.topP }),
    ...(request.stop?.length && { stopSequences: request.stop }),
  };
  const input: ConverseCommandInput = {
    modelId: request.model,
    messages,
    ...(system.length > 0 && !foldSystem && { system }),
    inferenceConfig,
    ...(tools && { toolConfig: tools }),
    ...(Object.keys(additional).length > 0 && { additionalModelRequestFields: additional as Json }),
  };
  return mergeProviderOptions(input, extra as Partial<ConverseCommandInput>, PROTECTED_KEYS, at);
}
