/**
 * The Gemini REST API's JSON shapes (v1beta), as PAL writes and reads them. They are the same for
 * `@google/generative-ai` and `@google/genai`, so translation code depends on these, not on an SDK.
 */

/** One part of a content: text, inline bytes, a function call or a function result. */
export interface GeminiPart {
  text?: string;
  /** True on thought-summary parts (returned with `thinkingConfig.includeThoughts`). */
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  functionCall?: { name: string; args?: Record<string, unknown> };
  functionResponse?: { name: string; response: Record<string, unknown> };
}

/** A turn: `user` or `model`. */
export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** A function the model may call; `parameters` is in Gemini's OpenAPI schema subset. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** `generationConfig` (including fields the 0.24 SDK typings lack: `seed`, `thinkingConfig`; the SDK sends it as is). */
export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfig;
}

/** `generationConfig.thinkingConfig`: a budget (Gemini 2.5) or a level (Gemini 3), never both. */
export interface GeminiThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: 'low' | 'medium' | 'high';
  includeThoughts?: boolean;
}

/** The body of `generateContent` / `streamGenerateContent`. */
export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: { functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] } };
  generationConfig?: GeminiGenerationConfig;
  [key: string]: unknown;
}

/** `usageMetadata` of a response or stream chunk. */
export interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/** A `GenerateContentResponse` (one whole response, or one stream chunk). */
export interface GeminiResponse {
  candidates?: Array<{ content?: { parts?: GeminiPart[] }; finishReason?: string; finishMessage?: string }>;
  promptFeedback?: { blockReason?: string; blockReasonMessage?: string };
  usageMetadata?: GeminiUsage;
  modelVersion?: string;
  responseId?: string;
  /** Set on the error object Gemini writes into a 200 stream (the 0.24 SDK yields it as a chunk). */
  error?: { code?: number; message?: string; status?: string; details?: unknown[] };
}

/** One entry of `GET /v1beta/models`. */
export interface GeminiModelEntry {
  name: string;
  displayName?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods?: string[];
  thinking?: boolean;
}
