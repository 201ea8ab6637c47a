import type Anthropic from '@anthropic-ai/sdk';
import {
  type AssistantMessage,
  type ChatRequest,
  CLAUDE_THINKING_BUDGETS,
  type ConversationMessage,
  forcedJsonTool,
  inlineImageOf,
  type Message,
  reasoningBudget,
  systemText,
  type ToolChoice,
  toAlternatingTurns,
  type UserContentPart,
} from '@pal/core';

type Block = Anthropic.ContentBlockParam;
type Params = Anthropic.MessageCreateParamsNonStreaming;

/** The tool a JSON answer is forced through when the request asks for JSON (Anthropic has no JSON mode). */
export const JSON_TOOL_NAME = 'json_output';

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
 * A canonical `ChatRequest` → Messages API parameters. System messages are joined into
 * `system`; `max_tokens` (required) comes from the request, else `defaultMaxTokens`; `reasoning`
 * becomes `thinking` with a budget (max_tokens raised above it); JSON output is forced through
 * the `json_output` tool (or, with thinking on, which forbids forced tools, `output_config.format`).
 * Sampling knobs the 2026-10-21 API version rejects (temperature, topP, topK) and knobs Anthropic
 * lacks (seed, penalties) are not sent; `providerOptions[<provider id>]` is merged in last.
 */
export function toAnthropicRequest(
  request: ChatRequest,
  defaultMaxTokens: number,
  provider = 'anthropic',
): TranslatedRequest {
  const system = systemText(request.messages);
  let maxTokens = request.maxOutputTokens ?? defaultMaxTokens;
  const params: Params = {
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
  const budget = reasoningBudget(request.reasoning, CLAUDE_THINKING_BUDGETS, 'medium');
  if (budget) {
    maxTokens = Math.max(maxTokens, budget + 1024);
    params.max_tokens = maxTokens;
    params.thinking = { type: 'enabled', budget_tokens: budget };
  }
  const json = forcedJsonTool(request.responseFormat, JSON_TOOL_NAME);
  if (json && request.reasoning)
    params.output_config = { format: { type: 'json_schema', schema: json.schema } };
  else if (json) {
    const { name, description, schema } = json;
    params.tools = [
      ...(params.tools ?? []),
      { name, description, input_schema: schema as Anthropic.Tool.InputSchema },
    ];
    params.tool_choice = { type: 'tool', name };
  }
  Object.assign(params, request.providerOptions?.[provider]);
  return json && !request.reasoning ? { params, jsonTool: json.name } : { params };
}
