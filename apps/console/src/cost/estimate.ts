import type { Prices } from './typical-run.js';

/** A chat's cost before it is sent: its input tokens (estimated) and the most its output can cost. */
export interface PromptEstimate {
  inputTokens: number;
  maxOutputTokens: number;
  /** USD if the answer uses its whole allowance; undefined when the model is unpriced. */
  maxCostUsd?: number;
}

/**
 * Estimates a one-message prompt as PAL's kernel does for models without a tokenizer: about four
 * characters a token plus a few for the message's framing; the output at its full allowance, so
 * the figure is an upper bound.
 */
export function estimatePrompt(
  prompt: string,
  maxOutputTokens: number,
  prices: Prices | undefined,
): PromptEstimate {
  const inputTokens = Math.ceil(prompt.length / 4) + 4;
  const priced = prices?.inputPerMTok !== undefined && prices.outputPerMTok !== undefined;
  return {
    inputTokens,
    maxOutputTokens,
    ...(priced && {
      maxCostUsd:
        (inputTokens * (prices.inputPerMTok ?? 0) + maxOutputTokens * (prices.outputPerMTok ?? 0)) / 1e6,
    }),
  };
}
