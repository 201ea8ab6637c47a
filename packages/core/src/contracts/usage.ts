import { z } from 'zod';

/** Token usage of one call. `estimated` is true when the vendor reported none and PAL estimated it. */
export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** Input tokens served from the vendor's prompt cache (a subset of inputTokens). */
  cachedInputTokens: z.number().int().nonnegative().optional(),
  /** Input tokens written to the vendor's prompt cache (Anthropic cache_creation_input_tokens). */
  cacheWriteTokens: z.number().int().nonnegative().optional(),
  /** Of `cacheWriteTokens`, those written with a 1-hour lifetime (Anthropic `ephemeral_1h_input_tokens`). */
  cacheWrite1hTokens: z.number().int().nonnegative().optional(),
  /** Reasoning tokens (a subset of outputTokens). */
  reasoningTokens: z.number().int().nonnegative().optional(),
  estimated: z.boolean().optional(),
});
export type Usage = z.infer<typeof usageSchema>;

/** Cost of one call in US dollars. */
export const costSchema = z.object({
  inputUsd: z.number().nonnegative(),
  outputUsd: z.number().nonnegative(),
  totalUsd: z.number().nonnegative(),
  /** True when the model had no known pricing, so the figures are zero by default. */
  unpriced: z.boolean().optional(),
});
export type Cost = z.infer<typeof costSchema>;

/** Builds a `Usage`, filling `totalTokens` from input + output. */
export function makeUsage(input: Omit<Usage, 'totalTokens'> & { totalTokens?: number }): Usage {
  return { ...input, totalTokens: input.totalTokens ?? input.inputTokens + input.outputTokens };
}
