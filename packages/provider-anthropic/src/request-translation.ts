import type Anthropic from '@anthropic-ai/sdk';
import type { AssistantMessage, ChatRequest, Message, ToolChoice, UserContentPart } from '@pal/core';
import {
  appendBuiltInTools,
  type ClaudeThinking,
  type ConversationMessage,
  claudeSampling,
  claudeThinking,
  claudeThinkingFields,
  forcedJsonTool,
  inlineImageOf,
  mergeProviderOptions,
  readProviderOptions,
  systemText,
  toAlternatingTurns,
  type Warn,
  warnToolChoiceReplaced,
  warnUnsentFormatLabels,
  warnUnsentNames,
  warnUnsupported,
} from '@pal/core/provider';
import {
  anthropicProviderOptionsSchema,
  isCustomTool,
  PROTECTED_KEYS,
  PROTECTED_OUTPUT_CONFIG_KEYS,
} from './provider-options.js';

type Block = Anthropic.ContentBlockParam;
type Params = Anthropic.MessageCreateParamsNonStreaming;

/** The tool a JSON answer is forced through when the request asks for JSON (Anthropic has no JSON mode). */
export const JSON_TOOL_NAME = 'json_output';

/** What a request asks Claude for: `max_tokens` (thinking included) and Claude's thinking, if any. */
export interface ClaudeOutputLimits {
  maxTokens: number;
  thinking?: ClaudeThinking;
}

/**
 * The output limits of a request: `max_tokens` is `maxOutputTokens` (else `defaultMaxTokens`),
 * and with `reasoning` Claude's thinking from core's `claudeThinking` (shared with the other
 * vendors that serve Claude): extended thinking with a budget and a max_tokens above it on Claude
 * 4.5 and earlier, adaptive thinking at an effort (max_tokens as it is) on 4.6 and later. The
 * translator sends it and the adapter's `maxOutputTokensFor` reports it, so budgets reserve what
 * Claude may really bill. `warn` hears what of `reasoning` could not be sent as given.
 */
export function claudeOutputLimits(
  request: ChatRequest,
  defaultMaxTokens: number,
  warn?: Warn,
): ClaudeOutputLimits {
  const thinking = claudeThinking(request, () => defaultMaxTokens, warn);
  if (!thinking) return { maxTokens: request.maxOutputTokens ?? defaultMaxTokens };
  return { maxTokens: thinking.maxTokens, thinking };
}

/** A translated request, plus the name of the forced JSON tool whose input is the answer (if any). */
export interface TranslatedRequest {
  params: Params;
  jsonTool?: string;
}

/** Text, or an image: base64 (from `data` or a `data:` URL), else the URL for Anthropic to fetch. */
function userBlock(part: UserContentPart): Block {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const inline = inlineImageOf(part);
  if (!inline) return { type: 'image', source: { type: 'url', url: part.url! } };
  const mediaType = inline.mediaType as Anthropic.Base64ImageSource['media_type'];
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data: inline.data } };
}

function assistantBlocks(content: AssistantMessage['content']): Block[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  return content.flatMap((part): Block[] => {
    if (part.type === 'text') return part.text ? [{ type: 'text', text: part.text }] : [];
    if (part.type === 'tool-call') {
      return [{ type: 'tool_use', id: part.id, name: part.name, input: part.arguments ?? {} }];
    }
    if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
    // the API only takes back thinking it signed; unsigned reasoning cannot be replayed
    return part.signature ? [{ type: 'thinking', thinking: part.text, signature: part.signature }] : [];
  });
}

/** One message as Anthropic blocks (system messages are handled apart). */
function blocksOf(message: ConversationMessage): Block[] {
  if (message.role === 'assistant') return assistantBlocks(message.content);
  if (message.role === 'tool') {
    const { content, toolCallId, isError } = message;
    const result: Anthropic.ToolResultBlockParam = { type: 'tool_result', tool_use_id: toolCallId, content };
    if (isError) result.is_error = true;
    return [result];
  }
  return typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : message.content.map(userBlock);
}

/**
 * Canonical messages → Anthropic `messages`: tool results become `tool_result` blocks in a user
 * turn, and consecutive turns of one role (several tool results, tool results then user text)
 * are merged into one, as the API wants alternating turns.
 */
export function toAnthropicMessages(messages: readonly Message[]): Anthropic.MessageParam[] {
  return toAlternatingTurns(messages, 'assistant', blocksOf).map(({ role, parts }) => ({
    role,
    content: parts,
  }));
}

function toolChoiceParam(choice: ToolChoice): Anthropic.ToolChoice {
  if (choice === 'required') return { type: 'any' };
  if (choice === 'auto' || choice === 'none') return { type: choice };
  return { type: 'tool', name: choice.name };
}

/**
 * Warns about what of `request` Anthropic does not take (none of it is sent). Sampling first goes
 * through core's one rule on what Claude refuses (`claudeSampling`: every sampling setting on
 * Claude 4.7+, those thinking forbids); what Claude would take is still not sent, as API version
 * 2026-10-21 removed sampling settings altogether.
 */
function warnUnsent(request: ChatRequest, thinking: boolean, warn: Warn): void {
  const taken = claudeSampling(request, thinking, warn);
  warnUnsupported(
    request,
    (['temperature', 'topP', 'topK'] as const).filter((setting) => taken[setting] !== undefined),
    warn,
    'API version 2026-10-21 (SDK 1.x) rejects sampling settings',
  );
  warnUnsupported(
    request,
    ['seed', 'presencePenalty', 'frequencyPenalty'],
    warn,
    'Anthropic has no such setting',
  );
  warnUnsentNames(request.messages, warn, 'Anthropic');
}

/**
 * A canonical `ChatRequest` → Messages API parameters. System messages are joined into
 * `system`; `max_tokens` (required) and the thinking come from {@link claudeOutputLimits}:
 * `thinking: { type: 'enabled', budget_tokens }` on Claude 4.5 and earlier, `thinking: { type:
 * 'adaptive', display: 'summarized' }` with `output_config.effort` on 4.6 and later. JSON output
 * is forced through the `json_output` tool (or, with thinking on, which forbids forced tools,
 * `output_config.format`). Sampling knobs the 2026-10-21 API version rejects (temperature, topP,
 * topK; Claude 4.7+ refuse them in any case) and knobs Anthropic lacks (seed, penalties) are not
 * sent, and `warn` says so, as it does when `max_tokens` is raised above `maxOutputTokens`, a
 * thinking budget is sent as an effort, or a forced tool replaces `toolChoice`.
 * `providerOptions[<provider id>]` is validated and merged in last; it cannot replace what PAL
 * writes, bar `output_config.effort` (to reach efforts PAL does not name, `xhigh` or `max`).
 */
export function toAnthropicRequest(
  request: ChatRequest,
  defaultMaxTokens: number,
  provider = 'anthropic',
  warn: Warn = () => {},
): TranslatedRequest {
  const options = readProviderOptions(request, provider, anthropicProviderOptionsSchema, PROTECTED_KEYS);
  const { maxTokens, thinking } = claudeOutputLimits(request, defaultMaxTokens, warn);
  warnUnsent(request, thinking !== undefined, warn);
  const system = systemText(request.messages);
  let params: Params = {
    model: request.model,
    max_tokens: maxTokens,
    messages: toAnthropicMessages(request.messages),
  };
  if (system) params.system = system;
  if (request.stop?.length) params.stop_sequences = request.stop;
  if (request.metadata?.user) params.metadata = { user_id: request.metadata.user };
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({
      name: t.name,
      ...(t.description !== undefined && { description: t.description }),
      input_schema: t.parameters as Anthropic.Tool.InputSchema,
    }));
  }
  if (request.toolChoice) params.tool_choice = toolChoiceParam(request.toolChoice);
  if (thinking) {
    const fields = claudeThinkingFields(thinking);
    params.thinking = fields.thinking;
    if (fields.output_config) params.output_config = fields.output_config;
    const raised = request.maxOutputTokens !== undefined && maxTokens > request.maxOutputTokens;
    if (thinking.type === 'enabled' && raised) {
      warn({
        type: 'changed-setting',
        setting: 'maxOutputTokens',
        details: `sent as max_tokens ${maxTokens}: Claude's max_tokens covers the ${thinking.budgetTokens}-token thinking budget and must exceed it`,
      });
    }
  }
  const json = forcedJsonTool(request.responseFormat, JSON_TOOL_NAME);
  if (json && thinking) {
    params.output_config = {
      ...params.output_config,
      format: { type: 'json_schema', schema: json.schema },
    };
    const details = 'with thinking on, JSON goes through output_config.format, which takes a schema only';
    warnUnsentFormatLabels(request, warn, details);
  } else if (json) {
    const { name, description, schema } = json;
    params.tools = [
      ...(params.tools ?? []),
      { name, description, input_schema: schema as Anthropic.Tool.InputSchema },
    ];
    params.tool_choice = { type: 'tool', name };
    warnToolChoiceReplaced(request, warn);
  }
  if (options) {
    const { output_config: outputConfig, tools: serverTools, ...rest } = options;
    const at = ['providerOptions', provider] as const;
    params = mergeProviderOptions(params, rest, PROTECTED_KEYS, at);
    const tools = appendBuiltInTools(params.tools, serverTools, isCustomTool, at);
    if (tools) params.tools = tools as Params['tools'];
    if (outputConfig) {
      const merged = mergeProviderOptions(
        params.output_config ?? {},
        outputConfig,
        PROTECTED_OUTPUT_CONFIG_KEYS,
        [...at, 'output_config'],
      );
      params.output_config = merged as Params['output_config'];
    }
  }
  return json && !thinking ? { params, jsonTool: json.name } : { params };
}
