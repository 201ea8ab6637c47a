import { type ChatRequest, type Message, PalError, type ToolChoice } from '@pal/core';
import { isEmptyObjectSchema, toGeminiSchema } from './gemini-schema.js';
import type { GeminiContent, GeminiGenerationConfig, GeminiPart, GeminiRequest } from './wire-types.js';

/** Thinking budgets (tokens) for the canonical reasoning efforts. */
const THINKING_BUDGET = { low: 1024, medium: 8192, high: 24_576 } as const;

/** Gemini has no tool-call ids: calls are named `call_<n>` by their position in the response. */
export function toolCallId(index: number): string {
  return `call_${index}`;
}

function invalid(provider: string, message: string, path: Array<string | number>): PalError {
  return new PalError({ code: 'INVALID_REQUEST', provider, message, path });
}

/** `data:<mime>;base64,<data>` → inline data, anything else (http URLs) is refused. */
function imagePart(
  provider: string,
  part: { url?: string; data?: string; mediaType?: string },
  path: Array<string | number>,
): GeminiPart {
  if (part.data !== undefined) return { inlineData: { mimeType: part.mediaType!, data: part.data } };
  const match = /^data:([^;,]+);base64,(.+)$/s.exec(part.url ?? '');
  if (match) return { inlineData: { mimeType: match[1]!, data: match[2]! } };
  throw new PalError({
    code: 'UNSUPPORTED_CAPABILITY',
    provider,
    path,
    message: `${provider}: Gemini takes images inline only; pass base64 \`data\` + \`mediaType\` or a data: URL, not ${part.url?.slice(0, 40)}`,
  });
}

/** A tool result as the `response` object Gemini wants (JSON objects as-is, anything else wrapped). */
function toolResponse(content: string, isError: boolean | undefined): Record<string, unknown> {
  let value: unknown = content;
  try {
    value = JSON.parse(content);
  } catch {
    // plain text result
  }
  if (isError) return { error: value };
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { result: value };
}

/** Message → Gemini parts (system messages are handled apart). */
function partsOf(
  provider: string,
  message: Message,
  i: number,
  callNames: Map<string, string>,
): GeminiPart[] {
  if (message.role === 'tool') {
    const name = message.name ?? callNames.get(message.toolCallId);
    if (!name)
      throw invalid(
        provider,
        `${provider}: tool result "${message.toolCallId}" answers no earlier tool call; give its name`,
        ['messages', i, 'name'],
      );
    const text =
      typeof message.content === 'string' ? message.content : message.content.map((p) => p.text).join('');
    return [{ functionResponse: { name, response: toolResponse(text, message.isError) } }];
  }
  if (typeof message.content === 'string') return message.content ? [{ text: message.content }] : [];
  const parts: GeminiPart[] = [];
  for (const [j, part] of message.content.entries()) {
    if (part.type === 'text') parts.push({ text: part.text });
    else if (part.type === 'image') parts.push(imagePart(provider, part, ['messages', i, 'content', j]));
    else if (part.type === 'tool-call') {
      callNames.set(part.id, part.name);
      parts.push({
        functionCall: { name: part.name, args: (part.arguments ?? {}) as Record<string, unknown> },
      });
    }
    // reasoning parts are not sent back: Gemini regenerates its thoughts
  }
  return parts;
}

/** Messages → `contents` (roles user/model; consecutive same-role turns merged) and `systemInstruction`. */
function toContents(
  provider: string,
  messages: Message[],
): Pick<GeminiRequest, 'contents' | 'systemInstruction'> {
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  const callNames = new Map<string, string>();
  for (const [i, message] of messages.entries()) {
    if (message.role === 'system') {
      system.push(message.content);
      continue;
    }
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = partsOf(provider, message, i, callNames);
    if (parts.length === 0) continue;
    const last = contents[contents.length - 1];
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  }
  if (contents.length === 0)
    throw invalid(provider, `${provider}: Gemini needs at least one user or assistant message`, ['messages']);
  return {
    contents,
    ...(system.length > 0 && { systemInstruction: { parts: [{ text: system.join('\n\n') }] } }),
  };
}

function toToolConfig(choice: ToolChoice): NonNullable<GeminiRequest['toolConfig']> {
  if (typeof choice === 'object')
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  const mode = choice === 'required' ? 'ANY' : choice === 'none' ? 'NONE' : 'AUTO';
  return { functionCallingConfig: { mode } };
}

function toGenerationConfig(request: ChatRequest): GeminiGenerationConfig {
  const { reasoning, responseFormat } = request;
  const budget =
    reasoning?.budgetTokens ?? (reasoning?.effort ? THINKING_BUDGET[reasoning.effort] : undefined);
  const config: GeminiGenerationConfig = {
    temperature: request.temperature,
    topP: request.topP,
    topK: request.topK,
    maxOutputTokens: request.maxOutputTokens,
    stopSequences: request.stop,
    seed: request.seed,
    presencePenalty: request.presencePenalty,
    frequencyPenalty: request.frequencyPenalty,
    ...(responseFormat?.type === 'json' && {
      responseMimeType: 'application/json',
      ...(responseFormat.schema && { responseSchema: toGeminiSchema(responseFormat.schema) }),
    }),
    ...(budget !== undefined && { thinkingConfig: { thinkingBudget: budget, includeThoughts: true } }),
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
  const tools = request.tools ?? [];
  return {
    ...toContents(provider, request.messages),
    ...(tools.length > 0 && {
      tools: [
        {
          functionDeclarations: tools.map((t) => {
            const parameters = toGeminiSchema(t.parameters);
            return {
              name: t.name,
              ...(t.description && { description: t.description }),
              ...(!isEmptyObjectSchema(parameters) && { parameters }),
            };
          }),
        },
      ],
    }),
    ...(request.toolChoice && tools.length > 0 && { toolConfig: toToolConfig(request.toolChoice) }),
    ...extra,
    ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
  };
}
