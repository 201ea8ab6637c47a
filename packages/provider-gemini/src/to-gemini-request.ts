import {
  type ChatRequest,
  type ImagePart,
  type Message,
  type ModelInfo,
  PalError,
  type ToolChoice,
} from '@pal/core';
import {
  appendBuiltInTools,
  type ConversationMessage,
  contentText,
  IMAGE_URL_FETCH_HINT,
  inlineImageOf,
  mergeProviderOptions,
  readProviderOptions,
  systemText,
  toAlternatingTurns,
  toolResultName,
  type Warn,
  warnUnsentFormatLabels,
  warnUnsentNames,
} from '@pal/core/provider';
import { isEmptyObjectSchema, toGeminiSchema } from './gemini-schema.js';
import {
  geminiProviderOptionsSchema,
  isFunctionTool,
  PROTECTED_GENERATION_KEYS,
  PROTECTED_KEYS,
  PROTECTED_THINKING_KEY,
} from './provider-options.js';
import { planGeminiThinking } from './thinking.js';
import type { GeminiGenerationConfig, GeminiPart, GeminiRequest } from './wire-types.js';

/** toolChoice → Gemini's functionCallingConfig mode. */
const TOOL_MODES = { auto: 'AUTO', none: 'NONE', required: 'ANY' } as const;

type Path = Array<string | number>;
type Contents = Pick<GeminiRequest, 'contents' | 'systemInstruction'>;

/** Base64 data or a `data:` URL → inline data; http(s) URLs are refused (Gemini cannot fetch them). */
function imagePart(provider: string, part: ImagePart, path: Path): GeminiPart {
  const inline = inlineImageOf(part);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  const message = `${provider}: Gemini takes images inline only; pass base64 \`data\` + \`mediaType\` or a data: URL, ${IMAGE_URL_FETCH_HINT}`;
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
    const args = (part.arguments ?? {}) as Record<string, unknown>;
    // Gemini 3 refuses a replayed call without the thoughtSignature it came with
    return [
      {
        functionCall: { name: part.name, args },
        ...(part.signature && { thoughtSignature: part.signature }),
      },
    ];
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

/** Warns `changed-setting` at `setting` when converting its schema dropped keywords Gemini lacks. */
function warnDropped(dropped: Set<string>, setting: string, warn: Warn): void {
  if (dropped.size === 0) return;
  const details = `Gemini's schema subset has no ${[...dropped].join(', ')}: removed, so the model is not held to them`;
  warn({ type: 'changed-setting', setting, details });
}

function toGenerationConfig(
  request: ChatRequest,
  warn: Warn,
  model: ModelInfo | undefined,
): GeminiGenerationConfig {
  const { responseFormat: format, maxOutputTokens } = request;
  const thinking = planGeminiThinking(request, model);
  for (const warning of thinking.warnings) warn(warning);
  const { temperature, topP, topK, seed, presencePenalty, frequencyPenalty } = request;
  const sampling = { temperature, topP, topK, maxOutputTokens, seed, presencePenalty, frequencyPenalty };
  const dropped = new Set<string>();
  const responseSchema = format?.type === 'json' && format.schema && toGeminiSchema(format.schema, dropped);
  warnDropped(dropped, 'responseFormat.schema', warn);
  warnUnsentFormatLabels(request, warn, 'Gemini takes a response schema only');
  const config: GeminiGenerationConfig = {
    ...sampling,
    stopSequences: request.stop,
    ...(format?.type === 'json' && { responseMimeType: 'application/json' }),
    ...(responseSchema && { responseSchema }),
    ...(thinking.config && { thinkingConfig: thinking.config }),
  };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

/**
 * Translates a canonical chat request into a Gemini `generateContent` body. `providerOptions[provider]`
 * is validated and merged on top (e.g. `{ safetySettings: [...] }`; its `generationConfig` field
 * by field, its built-in `tools` after PAL's function declarations); it cannot replace what PAL
 * writes. Tool and response schemas lose the keywords Gemini's subset lacks, and `warn` says so.
 * `reasoning` is mapped for the model's family (see `planGeminiThinking`; `model` is its catalog
 * entry, when known).
 */
export function toGeminiRequest(
  request: ChatRequest,
  provider: string,
  warn: Warn = () => {},
  model?: ModelInfo,
): GeminiRequest {
  const options = readProviderOptions(request, provider, geminiProviderOptionsSchema, PROTECTED_KEYS);
  const at = ['providerOptions', provider] as const;
  const { generationConfig: extraConfig, tools: builtIn, ...extra } = options ?? {};
  const translated = toGenerationConfig(request, warn, model);
  const protectedConfig = request.reasoning
    ? { ...PROTECTED_GENERATION_KEYS, ...PROTECTED_THINKING_KEY }
    : PROTECTED_GENERATION_KEYS;
  const generationConfig = mergeProviderOptions(translated, extraConfig, protectedConfig, [
    ...at,
    'generationConfig',
  ]);
  const functionDeclarations = (request.tools ?? []).map((tool, i) => {
    const dropped = new Set<string>();
    const parameters = toGeminiSchema(tool.parameters, dropped);
    warnDropped(dropped, `tools[${i}].parameters`, warn);
    return {
      name: tool.name,
      ...(tool.description && { description: tool.description }),
      ...(!isEmptyObjectSchema(parameters) && { parameters }),
    };
  });
  warnUnsentNames(request.messages, warn, 'Gemini');
  const hasTools = functionDeclarations.length > 0;
  const tools = appendBuiltInTools(
    hasTools ? [{ functionDeclarations }] : undefined,
    builtIn,
    isFunctionTool,
    at,
  );
  const body: GeminiRequest = {
    ...toContents(provider, request.messages),
    ...(tools && { tools: tools as GeminiRequest['tools'] }),
    ...(hasTools && request.toolChoice && { toolConfig: toToolConfig(request.toolChoice) }),
    ...(Object.keys(generationConfig).length > 0 && { generationConfig }),
  };
  return mergeProviderOptions(body, extra, PROTECTED_KEYS, at);
}
