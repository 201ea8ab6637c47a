/**
 * @pal/core: what an application uses: the runtime, the contracts' types, errors, the provider
 * registry, configuration, the policies and the state store. Adapter authors find their toolkit
 * in `@pal/core/provider`, the HTTP client in `@pal/core/http`, and test doubles in `@pal/testkit`.
 * @packageDocumentation
 */
export {
  type AppliedRates,
  computeCost,
  computeImageCost,
  type CostRange,
  estimateCostRange,
  ratesFor,
} from './accounting/cost.js';
export {
  DEFAULT_PRICE_DATA_URL,
  type PriceRefreshOptions,
  priceRefreshOptionsSchema,
} from './accounting/price-refresh/price-refresh-options.js';
export type {
  PriceRefresh,
  PriceRefreshOutcome,
  PriceRefreshStatus,
} from './accounting/price-refresh/price-refresher.js';
export { configJsonSchema } from './config/config-json-schema.js';
export { type AddressRange, addressRange } from './images/address-range.js';
export { type FetchedImage, type FetchImageContext, fetchImage } from './images/fetch-image.js';
export {
  FETCHABLE_IMAGE_TYPES,
  type ImageFetchOptions,
  imageFetchOptionsSchema,
  type ResolvedImageFetchOptions,
  resolveImageFetchOptions,
} from './images/image-fetch-options.js';
export { type ImageUrlRef, imageUrlsOf, inlineImageUrls } from './images/inline-image-urls.js';
export { redactUrl } from './images/redact-url.js';
export {
  configSchema,
  defineConfig,
  type EnvironmentProfile,
  environmentProfileSchema,
  type EnvReference,
  envReferenceSchema,
  modelOverrideSchema,
  type PalConfig,
  type PalConfigInput,
  type ProviderConfig,
  providerConfigSchema,
  ROUTING_STRATEGIES,
  type RoutingConfig,
  routingSchema,
} from './config/config-schema.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './config/load-config.js';
export type { ProviderFactory, ProviderFactoryOptions } from './config/load-providers.js';
export {
  budgetConfigSchema,
  cacheConfigSchema,
  circuitBreakerConfigSchema,
  concurrencyConfigSchema,
  type PoliciesConfig,
  policiesSchema,
  rateLimitConfigSchema,
  retryConfigSchema,
  timeoutConfigSchema,
} from './config/policy-schemas.js';
export type { ResolvedConfig, ResolvedProviderConfig } from './config/resolve-env-references.js';
export { isSecret, revealSecret, Secret } from './config/secret.js';
export type {
  AdapterChatResult,
  AdapterEmbedResult,
  AdapterImageResult,
  CallContext,
  ProviderAdapter,
  ProviderCapabilities,
  RateLimitInfo,
} from './contracts/adapter.js';
export type { Call, CallOperation, CallTarget } from './contracts/call.js';
export type {
  ChatRequest,
  ChatRequestInput,
  EmbedRequest,
  EmbedRequestInput,
  ImageRequest,
  ImageRequestInput,
  ModelRef,
  RequestMetadata,
} from './contracts/chat-request.js';
export type {
  Attempt,
  ChatResult,
  EmbedResult,
  FinishReason,
  GeneratedImage,
  ImageResult,
} from './contracts/chat-result.js';
export type {
  AssistantContentPart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCall,
  ToolCallPart,
  UserContentPart,
} from './contracts/content.js';
export type { JsonSchema } from './contracts/json-schema.js';
export type {
  AssistantMessage,
  Message,
  SystemMessage,
  ToolMessage,
  UserMessage,
} from './contracts/message.js';
export type {
  Capabilities,
  Capability,
  CatalogPrices,
  ModelCatalog,
  ModelInfo,
  ModelInfoInput,
  PeriodPricing,
  Pricing,
  PricingTier,
  TokenRates,
} from './contracts/model-info.js';
export type { ResponseFormat, ResponseFormatInput } from './contracts/response-format.js';
export type {
  ErrorEvent,
  FinishEvent,
  ProviderStreamEvent,
  ReasoningDeltaEvent,
  StartEvent,
  StreamEvent,
  TextDeltaEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
  UsageEvent,
} from './contracts/stream-event.js';
export type { ToolChoice, ToolDefinition, ToolDefinitionInput } from './contracts/tools.js';
export type { ObjectOf, ToolCallOf, TypedChatResult } from './contracts/typed-result.js';
export type { Cost, Usage } from './contracts/usage.js';
export type { CallWarning } from './contracts/warning.js';
export { ERROR_CODES, type ErrorCode, RETRYABLE_CODES, type SuggestedAction } from './errors/error-code.js';
export { maskSecret } from './errors/mask-secret.js';
export { isPalError, PalError, type PalErrorOptions } from './errors/pal-error.js';
export { createCall, endCall } from './kernel/call-state.js';
export { type HookInfo, type Hooks, refuse } from './kernel/hooks.js';
export { type Middleware, type Next, overrideFor } from './kernel/middleware.js';
export {
  collectStream,
  PalStream,
  type PalStreamOptions,
  type StreamCallbacks,
} from './kernel/pal-stream.js';
export {
  DEFAULT_POLICIES,
  POLICY_ORDER,
  type PolicyName,
  type PolicyOptionsByName,
  type PolicySettings,
} from './kernel/policy-set.js';
export type { BudgetState, PolicyState } from './kernel/policy-state.js';
export {
  type CallOptions,
  createRuntime,
  type Estimate,
  type PalClient,
  type PolicyOverrides,
  type Runtime,
  type RuntimeOptions,
  type StreamOptions,
} from './kernel/runtime.js';
export { stack, type StackBuilder, wrapProvider } from './kernel/stack.js';
export type { StreamResultExtras } from './kernel/stream-collector.js';
export type { Sleep } from './policies/abortable-sleep.js';
export type {
  BudgetAlert,
  BudgetLimits,
  BudgetOptions,
  BudgetScopeLimits,
  RunBudget,
} from './policies/budget-options.js';
export {
  budget,
  type BudgetGuard,
  type BudgetScopeSnapshot,
  type BudgetSnapshot,
} from './policies/budget.js';
export { type BudgetUsageQuery, readBudgetUsage } from './policies/budget-usage.js';
export type { CacheOptions } from './policies/cache-options.js';
export { cache, type ResponseCache } from './policies/cache.js';
export type { CircuitBreakerOptions } from './policies/circuit-breaker-options.js';
export { CIRCUIT_FAILURE_CODES, circuitBreaker, type CircuitBreaker } from './policies/circuit-breaker.js';
export type { ConcurrencyOptions } from './policies/concurrency-options.js';
export { concurrency } from './policies/concurrency.js';
export {
  definePolicy,
  type PolicyCall,
  type PolicyDefinition,
  type PolicyEnd,
  type PolicyHandle,
  type PolicyOperation,
  type PolicyResult,
} from './policies/define-policy.js';
export { createMemoryStore, type MemoryStore, type MemoryStoreOptions } from './policies/memory-store.js';
export type { RateLimitHeadroom } from './policies/provider-rate-limits.js';
export type { RateLimitOptions } from './policies/rate-limit-options.js';
export { rateLimit, type RateLimiter } from './policies/rate-limit.js';
export type { RetryBudgetOptions, RetryOptions } from './policies/retry-options.js';
export { retry } from './policies/retry.js';
export type { StateStore } from './policies/state-store.js';
export type { CircuitState } from './policies/stored-circuit.js';
export type { TimeoutOptions } from './policies/timeout-options.js';
export { timeout } from './policies/timeout.js';
export { createRegistry } from './registry/registry.js';
export type {
  CatalogPricer,
  ModelListing,
  ModelOverride,
  ModelQuery,
  ModelRecommendation,
  ProviderRegistration,
  ProviderRegistry,
  RecommendationTask,
  RecommendOptions,
  RegistryChange,
  RegistryOptions,
  ResolvedModel,
  ValidationResult,
} from './registry/types.js';
export {
  type CombinedSink,
  combineSinks,
  type RequestParams,
  type ResponseInfo,
  type ServerAddress,
  type TelemetryEvent,
  type TelemetrySink,
  type TraceContext,
} from './telemetry/telemetry-sink.js';
