export { type Middleware, type Next, overrideFor } from './middleware.js';
export { type StackBuilder, stack, wrapProvider } from './stack.js';
export { createCall } from './call-state.js';
export type { PolicyState, BudgetState } from './policy-state.js';
export { type HookInfo, type Hooks, hooksMiddleware, refuse } from './hooks.js';
export { collectStream, PalStream, type PalStreamOptions, type StreamCallbacks } from './pal-stream.js';
export type { StreamResultExtras } from './stream-collector.js';
export {
  type CallOptions,
  createRuntime,
  type Estimate,
  type PalClient,
  type PolicyOverrides,
  type Runtime,
  type RuntimeOptions,
  type StreamOptions,
} from './runtime.js';
export {
  DEFAULT_POLICIES,
  POLICY_ORDER,
  type PolicyName,
  type PolicyOptionsByName,
  type PolicySettings,
} from './policy-set.js';
export { type RequestIssue, validateRequest } from './validate-request.js';
