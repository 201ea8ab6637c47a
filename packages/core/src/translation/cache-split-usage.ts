import { makeUsage, type Usage } from '../contracts/usage.js';

/** Token counts of vendors that count prompt-cache reads and writes apart from the input (absent counts are 0). */
export interface CacheSplitCounts {
  /** Input tokens neither read from nor written to the prompt cache. */
  input?: number | null;
  output?: number | null;
  /** Input tokens read from the prompt cache. */
  cacheRead?: number | null;
  /** Input tokens written to the prompt cache. */
  cacheWrite?: number | null;
  /** Of `cacheWrite`, those written with a 1-hour lifetime (billed apart from 5-minute writes). */
  cacheWrite1h?: number | null;
  /** Of `output`, the reasoning ("thinking") tokens. */
  reasoning?: number | null;
  /** The vendor's total, when it sends one (else input + output). */
  total?: number | null;
}

/**
 * Usage from counts whose input leaves out prompt-cache reads and writes (Anthropic Messages,
 * Bedrock Converse). PAL's `inputTokens` is the whole prompt, with `cachedInputTokens` (reads) and
 * `cacheWriteTokens` (writes) as parts of it, each set only when non-zero.
 * @example
 * usageFromCacheSplit({ input: 10, output: 5, cacheRead: 90 }); // inputTokens 100, cachedInputTokens 90, totalTokens 105
 */
export function usageFromCacheSplit(counts: CacheSplitCounts): Usage {
  const read = counts.cacheRead ?? 0;
  const write = counts.cacheWrite ?? 0;
  const write1h = Math.min(counts.cacheWrite1h ?? 0, write);
  const reasoning = counts.reasoning ?? 0;
  return makeUsage({
    inputTokens: (counts.input ?? 0) + read + write,
    outputTokens: counts.output ?? 0,
    ...(counts.total != null && { totalTokens: counts.total }),
    ...(read > 0 && { cachedInputTokens: read }),
    ...(write > 0 && { cacheWriteTokens: write }),
    ...(write1h > 0 && { cacheWrite1hTokens: write1h }),
    ...(reasoning > 0 && { reasoningTokens: reasoning }),
  });
}
