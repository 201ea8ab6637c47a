import { type ProtectedKeys, z } from '@pal/core/provider';

/**
 * `request.providerOptions[<provider id>]` for Ollama's `/api/chat`: `keep_alive` and runner
 * `options` PAL does not translate. Strict at the top: Ollama ignores a field it does not know
 * without a word, so a typo fails fast here. `options` is open (runners take many knobs, and new
 * ones appear); the common ones are typed, and it is merged over the sampling options PAL sets.
 */
export const ollamaProviderOptionsSchema = z.strictObject({
  keep_alive: z.union([z.string(), z.number()]).optional(),
  options: z
    .looseObject({
      num_ctx: z.number().int().positive().optional(),
      num_batch: z.number().int().positive().optional(),
      num_gpu: z.number().int().optional(),
      num_thread: z.number().int().positive().optional(),
      num_keep: z.number().int().optional(),
      repeat_penalty: z.number().optional(),
      repeat_last_n: z.number().int().optional(),
      min_p: z.number().min(0).max(1).optional(),
      typical_p: z.number().optional(),
      mirostat: z.number().int().min(0).max(2).optional(),
      mirostat_eta: z.number().optional(),
      mirostat_tau: z.number().optional(),
      use_mmap: z.boolean().optional(),
    })
    .optional(),
});
export type OllamaProviderOptions = z.output<typeof ollamaProviderOptionsSchema>;

/** Body fields PAL writes from the request (Ollama would otherwise take them), and what to set instead. */
export const PROTECTED_KEYS: ProtectedKeys = {
  model: 'model',
  messages: 'messages',
  tools: 'tools',
  stream: 'runtime.stream()',
  format: 'responseFormat',
  think: 'reasoning',
};

/** Runner `options` PAL writes from the request's sampling fields. */
export const PROTECTED_OPTION_KEYS: ProtectedKeys = {
  temperature: 'temperature',
  top_p: 'topP',
  top_k: 'topK',
  num_predict: 'maxOutputTokens',
  stop: 'stop',
  seed: 'seed',
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
};

/** `/api/embed` fields PAL writes; the rest (`keep_alive`, `truncate`, `options`) is passed on. */
export const PROTECTED_EMBED_KEYS: ProtectedKeys = {
  model: 'model',
  input: 'input',
  dimensions: 'dimensions',
};
export const embedProviderOptionsSchema = z.record(z.string(), z.unknown());
