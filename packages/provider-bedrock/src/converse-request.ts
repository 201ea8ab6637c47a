import type {
  ContentBlock,
  ConverseCommandInput,
  Message as BedrockMessage,
  Tool,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import {
  type ChatRequest,
  CLAUDE_THINKING_BUDGETS,
  type ConversationMessage,
  contentText,
  forcedJsonTool,
  type ImagePart,
  inlineImageOf,
  type Message,
  PalError,
  reasoningBudget,
  toAlternatingTurns,
} from '@pal/core';

/** Name of the tool PAL forces to get JSON output (`responseFormat: json`), as for Anthropic. */
export const JSON_TOOL_NAME = 'json_response';
type Json = NonNullable<ConverseCommandInput['additionalModelRequestFields']>;

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
/** Families whose Converse API refuses a `system` field: the system text goes into the first user turn. */
const NO_SYSTEM =
  /^(\w+\.)?(mistral\.mistral-7b|mistral\.mixtral|amazon\.titan-text|cohere\.command-(light-)?text)/;

/** True for Claude model ids, inference profiles and ARNs. */
export const isAnthropicModel = (model: string) => /(^|[.:/])anthropic\./.test(model);

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
    : 'Bedrock Converse takes images as bytes only: pass base64 `data` with `mediaType` or a data: URL, not an http(s) `url`';
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
    // reasoning goes back only with its signature (Claude needs it unchanged on tool-use turns)
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
function toolConfig(request: ChatRequest): ToolConfiguration | undefined {
  const { toolChoice: choice } = request;
  const json = forcedJsonTool(request.responseFormat, JSON_TOOL_NAME);
  const keep = choice !== 'none' || json || request.messages.some((m) => m.role === 'tool');
  const tools: Tool[] = (keep ? (request.tools ?? []) : []).map(({ name, description, parameters }) => ({
    toolSpec: { name, description, inputSchema: { json: parameters as Json } },
  }));
  if (json) {
    const { name, description, schema } = json;
    tools.push({ toolSpec: { name, description, inputSchema: { json: schema as Json } } });
    return { tools, toolChoice: { tool: { name } } };
  }
  if (tools.length === 0) return undefined;
  if (choice === undefined || choice === 'none') return { tools };
  const toolChoice =
    choice === 'auto' ? { auto: {} } : choice === 'required' ? { any: {} } : { tool: { name: choice.name } };
  return { tools, toolChoice };
}

/** Thinking (and top_k) for Claude models, sent through `additionalModelRequestFields`. */
function anthropicFields(request: ChatRequest): {
  thinking?: { type: 'enabled'; budget_tokens: number };
  top_k?: number;
} {
  if (!isAnthropicModel(request.model)) return {};
  const budget = reasoningBudget(request.reasoning, CLAUDE_THINKING_BUDGETS);
  return {
    ...(budget && { thinking: { type: 'enabled', budget_tokens: budget } }),
    ...(request.topK !== undefined && { top_k: request.topK }),
  };
}

/**
 * Translates a canonical chat request into a Converse / ConverseStream input. `providerOptions[provider]`
 * is merged over the result (e.g. `guardrailConfig`, `performanceConfig`, `additionalModelRequestFields`).
 */
export function toConverseInput(request: ChatRequest, provider = 'bedrock'): ConverseCommandInput {
  const system = request.messages.flatMap((m) => (m.role === 'system' ? [{ text: m.content }] : []));
  const messages = toBedrockMessages(request.messages);
  const foldSystem = system.length > 0 && NO_SYSTEM.test(request.model) && messages[0]?.role === 'user';
  if (foldSystem) messages[0]?.content?.unshift(...system);
  const fields = anthropicFields(request);
  // thinking needs room beyond its budget
  const maxTokens = request.maxOutputTokens ?? (fields.thinking && fields.thinking.budget_tokens + 4096);
  const bedrockOptions = (request.providerOptions?.[provider] ?? {}) as Partial<ConverseCommandInput>;
  const { additionalModelRequestFields: extraFields, ...extra } = bedrockOptions;
  const additional = { ...fields, ...(extraFields as object) };
  const tools = toolConfig(request);
  const inferenceConfig = {
    ...(maxTokens !== undefined && { maxTokens }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.topP !== undefined && { topP: request.topP }),
    ...(request.stop?.length && { stopSequences: request.stop }),
  };
  return {
    modelId: request.model,
    messages,
    ...(system.length > 0 && !foldSystem && { system }),
    inferenceConfig,
    ...(tools && { toolConfig: tools }),
    ...(Object.keys(additional).length > 0 && { additionalModelRequestFields: additional as Json }),
    ...extra,
  };
}
