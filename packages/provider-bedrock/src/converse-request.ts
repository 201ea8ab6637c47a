import type {
  ContentBlock,
  ConverseCommandInput,
  Message as BedrockMessage,
  ImageFormat,
  ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import { type ChatRequest, type Message, PalError } from '@pal/core';

/** Name of the tool PAL forces to get JSON output (`responseFormat: json`), as Anthropic's structured output does. */
export const JSON_TOOL_NAME = 'json_response';
type Json = NonNullable<ConverseCommandInput['additionalModelRequestFields']>;

const IMAGE_FORMATS: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};
/** Thinking budgets for `reasoning.effort` on Anthropic models. */
const EFFORT_BUDGET = { low: 1024, medium: 4096, high: 16384 } as const;
/** Families whose Converse API refuses a `system` field: the system text goes into the first user turn. */
const NO_SYSTEM =
  /^(\w+\.)?(mistral\.mistral-7b|mistral\.mixtral|amazon\.titan-text|cohere\.command-(light-)?text)/;

/** True for Claude model ids, inference profiles and ARNs. */
export const isAnthropicModel = (model: string) => /(^|[.:/])anthropic\./.test(model);

function unsupported(message: string, path: Array<string | number>): PalError {
  return new PalError({ code: 'UNSUPPORTED_CAPABILITY', message, provider: 'bedrock', path });
}

function userBlocks(message: Extract<Message, { role: 'user' }>, index: number): ContentBlock[] {
  if (typeof message.content === 'string') return [{ text: message.content }];
  return message.content.map((part, p): ContentBlock => {
    if (part.type === 'text') return { text: part.text };
    const path = ['messages', index, 'content', p];
    if (part.data === undefined) {
      throw unsupported(
        'Bedrock Converse takes images as bytes only: pass base64 `data` with `mediaType`, not `url`',
        path,
      );
    }
    const format = IMAGE_FORMATS[part.mediaType ?? ''];
    if (!format)
      throw unsupported(`Bedrock Converse takes png, jpeg, gif or webp images, not ${part.mediaType}`, path);
    return { image: { format, source: { bytes: Buffer.from(part.data, 'base64') } } };
  });
}

function assistantBlocks(message: Extract<Message, { role: 'assistant' }>): ContentBlock[] {
  if (typeof message.content === 'string') return message.content ? [{ text: message.content }] : [];
  return message.content.flatMap((part): ContentBlock[] => {
    if (part.type === 'text') return part.text ? [{ text: part.text }] : [];
    if (part.type === 'tool-call') {
      return [{ toolUse: { toolUseId: part.id, name: part.name, input: (part.arguments ?? {}) as Json } }];
    }
    // reasoning goes back only with its signature (Claude needs it unchanged on tool-use turns)
    if (!part.signature) return [];
    return [{ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } }];
  });
}

function toolResultBlock(message: Extract<Message, { role: 'tool' }>): ContentBlock {
  const text =
    typeof message.content === 'string' ? message.content : message.content.map((p) => p.text).join('');
  return {
    toolResult: {
      toolUseId: message.toolCallId,
      content: [{ text }],
      status: message.isError ? 'error' : 'success',
    },
  };
}

/** Converse messages; consecutive turns of one role (e.g. several tool results) are merged, as Bedrock requires. */
function toBedrockMessages(messages: Message[]): BedrockMessage[] {
  const out: BedrockMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system') return;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const content =
      message.role === 'user'
        ? userBlocks(message, index)
        : message.role === 'tool'
          ? [toolResultBlock(message)]
          : assistantBlocks(message);
    const previous = out.at(-1);
    if (previous?.role === role) previous.content?.push(...content);
    else out.push({ role, content });
  });
  return out;
}

function toolConfig(request: ChatRequest): ToolConfiguration | undefined {
  const format = request.responseFormat;
  if (format?.type === 'json') {
    const schema = format.schema ?? { type: 'object', additionalProperties: true };
    const name = format.name ?? JSON_TOOL_NAME;
    const description = format.description ?? 'Respond with JSON that matches this schema.';
    return {
      tools: [{ toolSpec: { name, description, inputSchema: { json: schema as Json } } }],
      toolChoice: { tool: { name } },
    };
  }
  const hasToolHistory = request.messages.some((m) => m.role === 'tool');
  if (!request.tools?.length || (request.toolChoice === 'none' && !hasToolHistory)) return undefined;
  const tools = request.tools.map((t) => ({
    toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.parameters as Json } },
  }));
  const choice = request.toolChoice;
  if (choice === undefined || choice === 'none' || choice === 'auto')
    return { tools, ...(choice === 'auto' && { toolChoice: { auto: {} } }) };
  return { tools, toolChoice: choice === 'required' ? { any: {} } : { tool: { name: choice.name } } };
}

/** Thinking (and top_k) for Claude models; Bedrock passes them through `additionalModelRequestFields`. */
function anthropicFields(request: ChatRequest): Record<string, Json> {
  if (!isAnthropicModel(request.model)) return {};
  const budget =
    request.reasoning?.budgetTokens ?? (request.reasoning?.effort && EFFORT_BUDGET[request.reasoning.effort]);
  return {
    ...(budget && { thinking: { type: 'enabled', budget_tokens: budget } }),
    ...(request.topK !== undefined && { top_k: request.topK }),
  };
}

/** The model's name for the JSON-output tool, when the request asked for JSON. */
export function jsonToolName(request: ChatRequest): string | undefined {
  return request.responseFormat?.type === 'json'
    ? (request.responseFormat.name ?? JSON_TOOL_NAME)
    : undefined;
}

/** Translates a canonical chat request into a Converse / ConverseStream input. */
export function toConverseInput(request: ChatRequest): ConverseCommandInput {
  const system = request.messages.flatMap((m) => (m.role === 'system' ? [{ text: m.content }] : []));
  const messages = toBedrockMessages(request.messages);
  const foldSystem = system.length > 0 && NO_SYSTEM.test(request.model) && messages[0]?.role === 'user';
  if (foldSystem) messages[0]?.content?.unshift(...system);
  const fields = anthropicFields(request);
  const thinkingBudget = (fields.thinking as { budget_tokens?: number } | undefined)?.budget_tokens;
  const maxTokens = request.maxOutputTokens ?? (thinkingBudget ? thinkingBudget + 4096 : undefined);
  const { additionalModelRequestFields: extraFields, ...extra } = (request.providerOptions?.bedrock ??
    {}) as Partial<ConverseCommandInput>;
  const additional = { ...fields, ...(extraFields as Record<string, Json> | undefined) };
  const tools = toolConfig(request);
  return {
    modelId: request.model,
    messages,
    ...(system.length > 0 && !foldSystem && { system }),
    inferenceConfig: {
      ...(maxTokens !== undefined && { maxTokens }),
      ...(request.temperature !== undefined && { temperature: request.temperature }),
      ...(request.topP !== undefined && { topP: request.topP }),
      ...(request.stop?.length && { stopSequences: request.stop }),
    },
    ...(tools && { toolConfig: tools }),
    ...(Object.keys(additional).length > 0 && { additionalModelRequestFields: additional }),
    ...extra,
  };
}
