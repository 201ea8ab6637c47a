/**
 * PAL's accounting: token estimates (text and images) and costs from a model's pricing, as the
 * kernel prices results and `estimate()`, and as the budget and rate limiter reserve.
 * @module
 */
export { type CostRange, computeCost, estimateCostRange } from './cost.js';
export {
  DEFAULT_MAX_OUTPUT_TOKENS,
  estimateTextTokens,
  estimateTokens,
  type TokenEstimate,
} from './estimate-tokens.js';
export { estimateImageTokens } from './image-tokens.js';
