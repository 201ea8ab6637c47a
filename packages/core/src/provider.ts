/**
 * `@pal/core/provider`: the toolkit for writing a provider adapter: the contracts' zod schemas,
 * translation helpers (turns, tool arguments, images, forced-JSON tools, reasoning budgets,
 * warnings, provider options), the vendor error mapper, settings, usage and token accounting, and
 * the stream helpers the kernel itself uses. Applications need only `@pal/core`.
 * @module
 */
export {
  DEFAULT_MAX_OUTPUT_TOKENS,
  estimateTextTokens,
  estimateTokens,
  type TokenEstimate,
} from './accounting/estimate-tokens.js';
export { abortErrorFor } from './policies/abort-error.js';
export { abortableSleep } from './policies/abortable-sleep.js';
export {
  answerFromForcedJsonTool,
  forcedJsonTool,
  type ForcedJsonTool,
  streamAnswerFromForcedJsonTool,
  warnToolChoiceReplaced,
} from './translation/forced-json-tool.js';
export {
  appendBuiltInTools,
  mergeProviderOptions,
  type ProtectedKeys,
  type ProviderOptionsPath,
  readProviderOptions,
} from './translation/provider-options.js';
export {
  assistantContentPartSchema,
  imagePartSchema,
  reasoningPartSchema,
  textPartSchema,
  toolCallPartSchema,
  userContentPartSchema,
} from './contracts/content.js';
export {
  assistantMessageSchema,
  messageSchema,
  systemMessageSchema,
  toolMessageSchema,
  userMessageSchema,
} from './contracts/message.js';
export {
  capabilitiesSchema,
  catalogPricesSchema,
  modelCatalogSchema,
  modelInfoSchema,
  pricingSchema,
} from './contracts/model-info.js';
export {
  chatRequestSchema,
  embedRequestSchema,
  imageRequestSchema,
  modelRefSchema,
  requestMetadataSchema,
} from './contracts/chat-request.js';
export {
  CLAUDE_THINKING_BUDGETS,
  type ClaudeSampling,
  type ClaudeThinking,
  type ClaudeThinkingFields,
  type ClaudeThinkingMode,
  claudeSampling,
  claudeThinking,
  claudeThinkingFields,
  claudeThinkingMode,
} from './translation/claude-thinking.js';
export { closestMatch } from './registry/closest-match.js';
export { configError } from './config/config-error.js';
export { type DescribedIssue, describeIssues } from './config/issue-message.js';
export { loadProviderPackage, type ProviderPackageEntry } from './config/load-providers.js';
export { parseOptions } from './policies/option-schema.js';
export { contentText, type ContentWithText } from './translation/content-text.js';
export { costSchema, makeUsage, usageSchema } from './contracts/usage.js';
export {
  createErrorMapper,
  type ErrorMapper,
  type ErrorMapperContext,
  type ErrorMapperOptions,
  type ExtractedHttpError,
} from './errors/error-mapper.js';
export { describeWarning } from './contracts/warning.js';
export { embedInBatches, type EmbedInBatchesOptions } from './batching/embed-in-batches.js';
export { estimateImageTokens } from './accounting/image-tokens.js';
export { IMAGE_URL_FETCH_HINT } from './images/image-fetch-options.js';
export { findPriceModel, matches as priceModelMatches } from './accounting/price-data/match-model.js';
export {
  type ConditionalPrice,
  type MatchLogic,
  type ModelPrice,
  type PriceData,
  type PriceDataModel,
  type PriceDataProvider,
  priceDataSchema,
} from './accounting/price-data/price-data-schema.js';
export { pricingFromPriceData } from './accounting/price-data/to-pricing.js';
export { catalogPricesFor } from './accounting/price-refresh/catalog-prices-for.js';
export { finishReasonSchema } from './contracts/chat-result.js';
export {
  isLocalPolicyError,
  localPolicyError,
  type LocalPolicyErrorDetails,
} from './policies/local-policy-error.js';
export { isSecretName, redactHeaders, redactSecrets } from './errors/mask-secret.js';
export { isZodSchema, jsonSchemaInputSchema } from './contracts/json-schema.js';
export {
  modelDisplayName,
  providerDisplayName,
  suggestedActionFor,
  userMessageFor,
  type UserMessageInput,
} from './errors/user-message.js';
export {
  optionalSetting,
  type RequiredSetting,
  requireSetting,
  type SettingKind,
} from './config/require-setting.js';
export {
  parseDurationMs,
  parseRateLimitHeaders,
  reportRateLimitHeaders,
} from './translation/rate-limit-headers.js';
export { parseErrorBody, readVendorError, type VendorErrorInfo } from './errors/vendor-error-info.js';
export { parseProtoDurationMs, parseRetryAfter, retryDelayFromBody } from './errors/retry-after.js';
export { parseToolArguments, stringifyToolArguments } from './translation/tool-arguments-json.js';
export {
  effortForBudget,
  reasoningBudget,
  type ReasoningBudgets,
  type ReasoningEffort,
} from './translation/reasoning-budget.js';
export { replayEvents } from './policies/cache-replay.js';
export { StreamAssembler } from './kernel/stream-assembler.js';
export { responseCacheKey } from './policies/cache-key.js';
export { responseFormatSchema } from './contracts/response-format.js';
export { systemText } from './translation/system-text.js';
export {
  bucketStateOf,
  takeFromBucket,
  type TakeTokensRequest,
  type TakeTokensResult,
  type TokenBucketState,
  type TokenBucketStep,
} from './policies/token-bucket.js';
export { toolChoiceSchema, toolDefinitionSchema } from './contracts/tools.js';
export { toolResultName } from './translation/tool-result-name.js';
export { type CacheSplitCounts, usageFromCacheSplit } from './translation/cache-split-usage.js';
export {
  type ConversationMessage,
  toAlternatingTurns,
  type VendorTurn,
} from './translation/alternating-turns.js';
export { type HeadersLike, readHeader } from './errors/headers-like.js';
export { type HttpErrorInput, palErrorFromHttp } from './errors/http-error.js';
export { type InlineImage, inlineImageOf } from './translation/inline-image.js';
export { type NetworkErrorContext, palErrorFromNetwork } from './errors/network-error.js';
export { type RequestIssue, validateRequest } from './kernel/validate-request.js';
export {
  type RequestSetting,
  targetModelOf,
  type Warn,
  warnerFor,
  warnUnsentFormatLabels,
  warnUnsentNames,
  warnUnsentToolErrors,
  warnUnsupported,
  withoutUnsupportedReasoning,
} from './translation/call-warnings.js';
export { type TruncatedStreamContext, truncatedStreamError } from './translation/truncated-stream-error.js';
export { z } from 'zod';
