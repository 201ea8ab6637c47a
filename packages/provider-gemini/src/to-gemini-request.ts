import {
  type ChatRequest,
  type ConversationMessage,
  contentText,
  type ImagePart,
  inlineImageOf,
  type Message,
  PalError,
  type ReasoningBudgets,
  reasoningBudget,
  systemText,
  type ToolChoice,
  toAlternatingTurns,
  toolResultName,
} from '@pal/core';
import { isEmptyObjectSchema, toGeminiSchema } from './gemini-schema.js';
import type { GeminiGenerationConfig, GeminiPart, GeminiRequest } from './wire-types.js';

/** Thinking budgets (tokens) for the canonical reasoning efforts. */
const THINKING_BUDGET: ReasoningBudgets = { low: 1024, medium: 8192, high: 24_576 };

/** toolChoice → Gemini's functionCallingConfig mode. */
const TOOL_MODES = { auto: 'AUTO', none: 'NONE', required: 'ANY' } as const;

type Path = Array<string | number>;
type Contents = Pick<GeminiRequest, 'contents' | 'systemInstruction'>;

/** Base64 data or a `data:` URL → inline data; http(s) URLs are refused (Gemini cannot fetch them). */
function imagePart(provider: string, part: ImagePart, path: Path): GeminiPart {
  const inline = inlineImageOf(part);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  const message = `${provider}: Gemini takes images inline only; pass base64 \`data\` + \`mediaType\` or a data: URL`;
  throw new PalError({ code: 'UNSUPPORTED_CAPABILITY', provider, path, message });
}

/** A tool result as the `response` object Gemini wants: a JSON object as-is, anything else wrapped. */
function toolResponse(content: string, isError: boolean | undefined): Record<string, unknown> {
  let value: unknown = content;
  try {
    value = JSON.parse(content);
  } catch {}
  if (isError) return { error: value };
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { result: value };
}

/** Message `i` of `messages` (not a system message) → Gemini parts. */
function partsOf(
  provider: string,
  messages: Message[],
  message: ConversationMessage,
  i: number,
): GeminiPart[] {
  if (message.role === 'tool') {
    const name = toolResultName(messages, i);
    if (!name) {
      const text = `${provider}: tool result "${message.toolCallId}" answers no earlier tool call; give its name`;
      throw new PalError({ code: 'INVALID_REQUEST', provider, path: ['messages', i, 'name'], message: text });
    }
    const response = toolResponse(contentText(message.content), message.isError);
    return [{ functionResponse: { name, response } }];
  }
  if (typeof message.content === 'string') return message.content ? [{ text: message.content }] : [];
  return message.content.flatMap((part, j): GeminiPart[] => {
    if (part.type === 'text') return [{ text: part.text }];
    if (part.type === 'image') return [imagePart(provider, part, ['messages', i, 'content', j])];
    if (part.type === 'reasoning') return []; // Gemini regenerates its thoughts
    return [{ functionCall: { name: part.name, args: (part.arguments ?? {}) as Record<string, unknown> } }];
  });
}

/** Messages → `systemInstruction` and `contents` (assistant → model, tool → user; same-role turns merged). */
function toContents(provider: string, messages: Message[]): Contents {
  const contents = toAlternatingTurns(messages, 'model', (m, i) => partsOf(provider, messages, m, i));
  const system = systemText(messages);
  if (contents.length === 0) {
    const message = `${provider}: Gemini needs at least one user or assistant message`;
    throw new PalError({ code: 'INVALID_REQUEST', provider, path: ['messages'], message });
  }
  return {
    contents,
    ...(system && { systemInstruction: { parts: [{ text: system }] } }),
  };
}

function toToolConfig(choice: ToolChoice): NonNullable<GeminiRequest['toolConfig']> {
  const named = typeof choice === 'object';
  const mode = named ? 'ANY' : TOOL_MODES[choice];
  return { functionCallingConfig: { mode, ...(named && { allowedFunctionNames: [choice.name] }) } };
}

function toGenerationConfig(request: ChatRequest): GeminiGenerationConfig {
  const { reasoning, responseFormat: format } = request;
  const budget = reasoningBudget(reasoning, THINKING_BUDGET);
  const { temperature, topP, topK, maxOutputTokens, seed, presencePenalty, frequencyPenalty } = request;
  const sampling = { temperature, topP, topK, maxOutputTokens, seed, presencePenalty, frequencyPenalty };
  const config: GeminiGenerationConfig = {
    ...sampling,
    stopSequences: request.stop,
    ...(format?.type === 'json' && { responseMimeType: 'application/json' }),
    ...(format?.type === 'json' && format.schema && { responseSchema: toGeminiSchema(format.schema) }),
    ...(budget && { thinkingConfig: { thinkingBudget: budget, includeThoughts: true } }),
  };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

/**
 * Translates a canonical chat request into a Gemini `generateContent` body. `providerOptions[provider]`
 * is merged on top (its `generationConfig` field by field), e.g. `{ safetySettings: [...] }`.
 */
export function toGeminiRequest(request: ChatRequest, provider: string): GeminiRequest {
  const extra = (request.providerOptions?.[provider] ?? {}) as Partial<GeminiRequest>;
  const generationConfig = { ...toGenerationConfig(request), ...extra.generationConfig };
  const functionDeclarations = (request.tools ?? []).map((tool) => {
    const parameters = toGeminiSchema(tool.parameters);
    return {
      name: tool.name,
      ...(tool.description && { description: tool.description }),
      ...(!isEmptyObjectSchema(parameters) && { parameters }),
    };
  });
  const hasTools = functionDeclarations.length > 0;
  return {
    ...toContents(provider, request.messages),
    ...(hasTools && { tools: [{ functionDeclarations }] }),
    ...(hasTools && request.toolChoice && { toolConfig: toToolConfig(request.toolChoice) }),
    ...extra,
    ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
  };
}
