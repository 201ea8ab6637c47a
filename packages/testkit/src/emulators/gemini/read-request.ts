import type { NeutralRequest } from '../../emulator/defaults.js';

/** One `Part` of a Gemini `Content` (only the fields the emulator reads). */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
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
    thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean };
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

/**
 * A Gemini request problem, worded as the API words it, or undefined when the body is acceptable.
 * Checks what the real API rejects with 400 INVALID_ARGUMENT before generating.
 */
export function validateGeminiRequest(body: GeminiGenerateRequest | undefined): string | undefined {
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
  return undefined;
}
