import type { AssistantContentPart } from '../contracts/content.js';
import type { ModelInfo } from '../contracts/model-info.js';
import type { Usage } from '../contracts/usage.js';
import { type CostRange, computeCost } from './cost.js';

/** What one call is estimated to cost before it is sent. */
export interface Estimate {
  usd: number;
  tokens: number;
  /** The model has no pricing, so `usd` means nothing. */
  unpriced?: boolean;
}

/** The cost of a call that cost nothing (a cache hit). */
export const NOTHING: Estimate = { usd: 0, tokens: 0 };

/** What a chat is estimated to cost: its dearest case (input + the full output cap). */
export function chatEstimate(range: CostRange): Estimate {
  return {
    usd: range.maxUsd,
    tokens: range.inputTokens + range.maxOutputTokens,
    ...(range.unpriced && { unpriced: true }),
  };
}

/** The actual cost and tokens of a chat: from the usage, or estimated from the output seen. */
export function chatActual(
  usage: Usage | undefined,
  inputTokens: number,
  outputChars: number,
  model: ModelInfo | undefined,
): Estimate {
  const counted = usage ?? {
    inputTokens,
    outputTokens: Math.ceil(outputChars / 4),
    totalTokens: inputTokens + Math.ceil(outputChars / 4),
  };
  return { usd: computeCost(counted, model?.pricing).totalUsd, tokens: counted.totalTokens };
}

/** Characters of a chat's output (text, reasoning, tool-call arguments as JSON), to estimate its tokens. */
export function outputChars(content: AssistantContentPart[]): number {
  let chars = 0;
  for (const part of content) {
    if (part.type === 'tool-call') chars += JSON.stringify(part.arguments ?? {}).length;
    else chars += part.text.length;
  }
  return chars;
}
