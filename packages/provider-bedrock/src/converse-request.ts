import type {
  ContentBlock,
  ConverseCommandInput,
  Message as BedrockMessage,
  Tool,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { type ChatRequest, type ImagePart, type Message, PalError } from '@pal/core';
import {
  type ConversationMessage,
  claudeThinking,
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

/** `maxTokens` with thinking on and no `maxOutputTokens`: the budget plus this much for the answer. */
const DEFAULT_ANSWER_TOKENS = 4096;

/** What a Converse request asks for: `inferenceConfig.maxTokens` and Claude's thinking budget, if any. */
export interface ConverseOutputLimits {
  maxTokens?: number;
  thinkingBudget?: number;
}

/**
 * The output limits of a request: `maxOutputTokens` as it is, except for Claude with `reasoning`
 * (`reasoning: {}` included: the default effort), where core's `claudeThinking` gives the budget
 * and a `maxTokens` that covers it (Claude counts thinking in it and wants it above the budget):
 * at least budget + 1024, and budget + 4096 when the request sets no cap. The one place of this
 * arithmetic on Bedrock: the translator sends it and the adapter's `maxOutputTokensFor` reports it.
 */
export function converseOutputLimits(request: ChatRequest): ConverseOutputLimits {
  const requested = request.maxOutputTokens;
  const thinking = isAnthropicModel(request.model)
    ? claudeThinking(request, (budget) => budget + DEFAULT_ANSWER_TOKENS)
    : undefined;
  if (!thinking) return requested === undefined ? {} : { maxTokens: requested };
  return { maxTokens: thinking.maxTokens, thinkingBudget: thinking.budgetTokens };
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

/** Thinking (and top_k) for Claude models, sent through `additionalModelRequestFields`. */
function claudeFields(
  request: ChatRequest,
  thinkingBudget: number | undefined,
  topK: number | undefined,
): { thinking?: { type: 'enabled'; budget_tokens: number }; top_k?: number } {
  if (!isAnthropicModel(request.model)) return {};
  return {
    ...(thinkingBudget && { thinking: { type: 'enabled', budget_tokens: thinkingBudget } }),
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
 * The sampling settings to send: the request's, except with Claude's thinking on, which takes no
 * sampling changes: a temperature other than 1, a topP below 0.95 and any topK are not sent
 * (Claude would refuse the call), and `warn` says so.
 */
function samplingFor(request: ChatRequest, thinking: boolean, warn: Warn): Sampling {
  const { temperature, topP, topK } = request;
  if (!thinking) return { temperature, topP, topK };
  const refused = (setting: 'temperature' | 'topK' | 'topP', allowed: string) =>
    warn({
      type: 'unsupported-setting',
      setting,
      details: `Claude on Bedrock takes ${allowed} with thinking on; it was not sent`,
    });
  const sampling: Sampling = {};
  if (temperature === 1) sampling.temperature = 1;
  else if (temperature !== undefined) refused('temperature', 'no temperature other than 1');
  if (topK !== undefined) refused('topK', 'no topK');
  if (topP !== undefined && topP >= 0.95) sampling.topP = topP;
  else if (topP !== undefined) refused('topP', 'no topP below 0.95');
  return sampling;
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
 * Converse does not take (seed, penalties; topK and reasoning outside Claude; with Claude's thinking
 * on, sampling changes Claude refuses) is reported to `warn`.
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
  const { maxTokens, thinkingBudget } = converseOutputLimits(request);
  if (thinkingBudget && request.maxOutputTokens !== undefined && maxTokens !== request.maxOutputTokens) {
    warn({
      type: 'changed-setting',
      setting: 'maxOutputTokens',
      details: `sent as maxTokens ${maxTokens}: Claude's maxTokens covers the ${thinkingBudget}-token thinking budget and must exceed it`,
    });
  }
  const sampling = samplingFor(request, thinkingBudget !== undefined, warn);
  const fields = claudeFields(request, thinkingBudget, sampling.topK);
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
