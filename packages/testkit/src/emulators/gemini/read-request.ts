import type { NeutralRequest } from '../../emulator/defaults.js';
import { BOTH_THINKING_CONTROLS_MESSAGE, missingThoughtSignatureMessage } from './errors.js';

/** One `Part` of a Gemini `Content` (only the fields the emulator reads). */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
  /** Opaque; Gemini 3 puts it on function-call (and some text) parts and wants it back unchanged. */
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: { name: string; args?: Record<string, unknown> };
  functionResponse?: { name: string; response?: unknown };
}

/** A Gemini `Content`: a role and its parts. */
export interface GeminiContent {
  role?: string;
  parts?: GeminiPart[];
}

/** The `generateContent` request body fields the emulator reads. */
export interface GeminiGenerateRequest {
  contents?: GeminiContent[];
  systemInstruction?: GeminiContent | string;
  tools?: Array<{
    functionDeclarations?: Array<{ name: string; parameters?: unknown; parametersJsonSchema?: unknown }>;
  }>;
  toolConfig?: { functionCallingConfig?: { mode?: string; allowedFunctionNames?: string[] } };
  generationConfig?: {
    maxOutputTokens?: number;
    stopSequences?: string[];
    temperature?: number;
    responseMimeType?: string;
    responseSchema?: unknown;
    responseJsonSchema?: unknown;
    thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean; thinkingLevel?: string };
  };
}

/**
 * Converts Gemini's OpenAPI-subset schema (`type: "OBJECT"`, `nullable`) into the lower-case JSON
 * Schema the shared answer planner understands. Plain JSON Schemas pass through unchanged.
 */
export function openApiToJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiToJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase();
    else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openApiToJsonSchema(v)]));
    } else if (key === 'items' || key === 'anyOf') out[key] = openApiToJsonSchema(value);
    else out[key] = value;
  }
  return out;
}

function textOf(content: GeminiContent | string | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return (content.parts ?? [])
    .map((p) => p.text ?? (p.functionResponse ? JSON.stringify(p.functionResponse.response ?? {}) : ''))
    .join('');
}

/** The parts of every content plus the system instruction, flattened. */
function allParts(body: GeminiGenerateRequest): GeminiPart[] {
  return (body.contents ?? []).flatMap((c) => c.parts ?? []);
}

/** Extracts the vendor-neutral view of a Gemini request for the shared answer planner. */
export function readGeminiRequest(body: GeminiGenerateRequest): NeutralRequest {
  const contents = body.contents ?? [];
  const last = contents[contents.length - 1];
  const lastIsToolResult = (last?.parts ?? []).some((p) => p.functionResponse !== undefined);
  const lastUser = [...contents].reverse().find((c) => c.role === 'user' || c.role === 'function' || !c.role);
  const mode = body.toolConfig?.functionCallingConfig?.mode;
  const allowed = body.toolConfig?.functionCallingConfig?.allowedFunctionNames;
  const declarations = (body.tools ?? [])
    .flatMap((t) => t.functionDeclarations ?? [])
    .filter((d) => mode !== 'NONE' && (!allowed || allowed.includes(d.name)));
  const config = body.generationConfig ?? {};
  const schema = config.responseJsonSchema ?? config.responseSchema;
  const promptText = [textOf(body.systemInstruction), ...contents.map((c) => textOf(c))]
    .filter(Boolean)
    .join('\n');
  return {
    lastUserText: textOf(lastUser),
    promptText,
    toolNames: declarations.map((d) => d.name),
    toolSchemas: Object.fromEntries(
      declarations.map((d) => [d.name, openApiToJsonSchema(d.parametersJsonSchema ?? d.parameters ?? {})]),
    ),
    ...(schema !== undefined && { jsonSchema: openApiToJsonSchema(schema) }),
    wantsJson: config.responseMimeType === 'application/json',
    lastIsToolResult,
    imageCount: allParts(body).filter((p) => p.inlineData?.mimeType.startsWith('image/')).length,
  };
}

/** True for the Gemini 3 family, which signs its function calls and wants the signatures back. */
export function isGemini3(model: string | undefined): boolean {
  return model !== undefined && /^gemini-3/.test(model);
}

/**
 * Gemini 3's check on the current turn (the contents after the last user turn that is not a tool
 * result): the first function call of every model content there must carry its `thoughtSignature`.
 */
function missingThoughtSignature(contents: GeminiContent[]): string | undefined {
  const isPrompt = (c: GeminiContent) =>
    c.role !== 'model' && !(c.parts ?? []).some((p) => p.functionResponse !== undefined);
  let start = 0;
  for (const [i, content] of contents.entries()) if (isPrompt(content)) start = i;
  for (let i = start; i < contents.length; i++) {
    const content = contents[i]!;
    if (content.role !== 'model') continue;
    const call = (content.parts ?? []).find((p) => p.functionCall !== undefined);
    if (call && !call.thoughtSignature) return missingThoughtSignatureMessage(call.functionCall!.name, i + 1);
  }
  return undefined;
}

/**
 * A Gemini request problem, worded as the API words it, or undefined when the body is acceptable.
 * Checks what the real API rejects with 400 INVALID_ARGUMENT before generating; `model` (the
 * route's) turns on the Gemini 3 thought-signature check.
 */
export function validateGeminiRequest(
  body: GeminiGenerateRequest | undefined,
  model?: string,
): string | undefined {
  if (!body || !Array.isArray(body.contents) || body.contents.length === 0) {
    return '* GenerateContentRequest.contents: contents is not specified\n';
  }
  for (const [i, content] of body.contents.entries()) {
    if (content.role !== undefined && !['user', 'model', 'function'].includes(content.role)) {
      return 'Please use a valid role: user, model.';
    }
    if (!Array.isArray(content.parts) || content.parts.length === 0) {
      return `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`;
    }
  }
  const mode = body.toolConfig?.functionCallingConfig?.mode;
  if (mode !== undefined && !['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED'].includes(mode)) {
    return `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${mode}"`;
  }
  const thinking = body.generationConfig?.thinkingConfig;
  if (thinking?.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined) {
    return BOTH_THINKING_CONTROLS_MESSAGE;
  }
  if (isGemini3(model)) return missingThoughtSignature(body.contents);
  return undefined;
}
