import { type ProtectedKeys, z } from '@pal/core/provider';

/**
 * `request.providerOptions[<provider id>]` for Gemini: `generateContent` body fields PAL does not
 * translate. Strict at the top (the body has a fixed set of fields, and Gemini answers an unknown
 * one with a 400 anyway); `generationConfig` is open (new generation settings appear often) and
 * merged field by field over PAL's; `tools` holds built-in tools only (`googleSearch`,
 * `codeExecution`, `urlContext`…), appended after the function declarations PAL translates.
 */
export const geminiProviderOptionsSchema = z.strictObject({
  safetySettings: z
    .array(z.looseObject({ category: z.string(), threshold: z.string(), method: z.string().optional() }))
    .optional(),
  cachedContent: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  tools: z.array(z.looseObject({})).optional(),
  generationConfig: z
    .looseObject({
      candidateCount: z.number().int().positive().optional(),
      responseModalities: z.array(z.string()).optional(),
      responseLogprobs: z.boolean().optional(),
      logprobs: z.number().int().nonnegative().optional(),
      mediaResolution: z.string().optional(),
      speechConfig: z.looseObject({}).optional(),
      responseJsonSchema: z.unknown().optional(),
      thinkingConfig: z
        .looseObject({
          thinkingBudget: z.number().int().optional(),
          includeThoughts: z.boolean().optional(),
          thinkingLevel: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type GeminiProviderOptions = z.output<typeof geminiProviderOptionsSchema>;

/** Body fields PAL writes from the request, and the request fields to set instead. */
export const PROTECTED_KEYS: ProtectedKeys = {
  model: 'model',
  contents: 'messages',
  systemInstruction: 'system messages',
  toolConfig: 'toolChoice',
};

/** `generationConfig` fields PAL writes (`thinkingConfig` only when the request has `reasoning`). */
export const PROTECTED_GENERATION_KEYS: ProtectedKeys = {
  temperature: 'temperature',
  topP: 'topP',
  topK: 'topK',
  maxOutputTokens: 'maxOutputTokens',
  stopSequences: 'stop',
  seed: 'seed',
  presencePenalty: 'presencePenalty',
  frequencyPenalty: 'frequencyPenalty',
  responseMimeType: 'responseFormat',
  responseSchema: 'responseFormat',
};
export const PROTECTED_THINKING_KEY: ProtectedKeys = { thinkingConfig: 'reasoning' };

/** True for a function-declarations tool, which belongs in `request.tools`. */
export const isFunctionTool = (tool: object) => 'functionDeclarations' in tool;
