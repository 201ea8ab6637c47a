import { type ProtectedKeys, z } from '@pal/core/provider';

/**
 * `request.providerOptions[<provider id>]` for the OpenAI protocol: body fields PAL does not
 * translate. Open-ended: OpenAI adds body fields often and compatible hosts take their own (vLLM's
 * `top_k` and `guided_json`, OpenRouter's `provider`, Groq's `reasoning_format`…), so unknown keys
 * pass through; the fields OpenAI documents are typed, so a wrongly typed one fails fast.
 */
export const openaiProviderOptionsSchema = z.looseObject({
  store: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  service_tier: z.string().optional(),
  parallel_tool_calls: z.boolean().optional(),
  logit_bias: z.record(z.string(), z.number()).optional(),
  logprobs: z.boolean().optional(),
  top_logprobs: z.number().int().min(0).max(20).optional(),
  n: z.number().int().positive().optional(),
  prediction: z.looseObject({}).optional(),
  modalities: z.array(z.string()).optional(),
  audio: z.looseObject({}).optional(),
  prompt_cache_key: z.string().optional(),
  verbosity: z.enum(['low', 'medium', 'high']).optional(),
  web_search_options: z.looseObject({}).optional(),
  // Responses API
  instructions: z.string().optional(),
  previous_response_id: z.string().optional(),
  include: z.array(z.string()).optional(),
  truncation: z.enum(['auto', 'disabled']).optional(),
  background: z.boolean().optional(),
  max_tool_calls: z.number().int().positive().optional(),
  reasoning: z.looseObject({ summary: z.string().nullable().optional() }).optional(),
  text: z.looseObject({ verbosity: z.enum(['low', 'medium', 'high']).optional() }).optional(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
});
export type OpenAIProviderOptions = z.output<typeof openaiProviderOptionsSchema>;

/** Keys both APIs' bodies get from PAL. */
const COMMON: ProtectedKeys = {
  model: 'model',
  stream: 'runtime.stream()',
  temperature: 'temperature',
  top_p: 'topP',
  tool_choice: 'toolChoice',
};

/** Chat Completions fields PAL writes from the request, and the request field to set instead. */
export const PROTECTED_CHAT_KEYS: ProtectedKeys = {
  ...COMMON,
  messages: 'messages',
  stream_options: 'nothing (PAL asks for stream usage itself)',
  max_completion_tokens: 'maxOutputTokens',
  max_tokens: 'maxOutputTokens',
  stop: 'stop',
  seed: 'seed',
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
  reasoning_effort: 'reasoning.effort',
  user: 'metadata.user',
  tools: 'tools',
  functions: 'tools',
  function_call: 'toolChoice',
  response_format: 'responseFormat',
};

/** Responses API fields PAL writes (`reasoning` and `text` are merged field by field). */
export const PROTECTED_RESPONSES_KEYS: ProtectedKeys = {
  ...COMMON,
  input: 'messages',
  max_output_tokens: 'maxOutputTokens',
  safety_identifier: 'metadata.user',
};
export const PROTECTED_REASONING_KEYS: ProtectedKeys = { effort: 'reasoning.effort' };
export const PROTECTED_TEXT_KEYS: ProtectedKeys = { format: 'responseFormat' };

/** A function tool belongs in `request.tools`; the Responses API's built-in tools (web search…) may be added. */
export const isFunctionTool = (tool: object) => (tool as { type?: unknown }).type === 'function';

/** Embeddings and image bodies: what PAL writes there. */
export const PROTECTED_EMBED_KEYS: ProtectedKeys = {
  model: 'model',
  input: 'input',
  dimensions: 'dimensions',
};
export const PROTECTED_IMAGE_KEYS: ProtectedKeys = { model: 'model', prompt: 'prompt', n: 'n', size: 'size' };
