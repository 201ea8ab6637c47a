/** A provider as `/api/providers` lists it (credentials masked, never in the clear). */
export interface ProviderView {
  id: string;
  displayName?: string;
  enabled: boolean;
  /** Where it comes from: `store` (saved here), `config`, `env`, or `given` in code (the sandbox's). */
  source?: 'store' | 'config' | 'env' | 'given';
  package?: string;
  factory?: string;
  endpoint?: string;
  /** The API key's masked form (`sk-...vX2Q`). */
  maskedKey?: string;
  /** Every credential's masked form, by name. */
  credentials?: Record<string, string>;
  defaultModel?: string;
  lastValidatedAt?: string | number;
  lastValidation?: { ok: boolean; errorCode?: string };
}

/** What a person enters to connect or change a provider. */
export interface ProviderInput {
  id: string;
  displayName?: string;
  package?: string;
  factory?: string;
  baseURL?: string | null;
  apiKey?: string;
  credentials?: Record<string, string>;
  options?: Record<string, unknown>;
  enabled?: boolean;
  defaultModel?: string | null;
  /** A custom host's models with their prices. */
  models?: ModelInput[];
}

/** One model of a custom host, as its form collects it. */
export interface ModelInput {
  id: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  inputPerMTok?: number;
  outputPerMTok?: number;
}

/** The PAL error fields a failed call or test carries. */
export interface ErrorView {
  code?: string;
  message?: string;
  userMessage?: string;
  action?: string;
}

/** What Test Connection answers. */
export interface TestResult {
  ok: boolean;
  latencyMs?: number;
  error?: ErrorView;
}

/** A model of the merged catalog, as the console shows it. */
export interface ModelView {
  /** `provider/model`. */
  ref: string;
  provider: string;
  model: string;
  displayName?: string;
  /** `chat`, `embedding`, `image`…: the picker and the playground show chat models. */
  kind?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  inputPerMTok?: number;
  outputPerMTok?: number;
  capabilities: string[];
  /** The provider's default model. */
  isDefault: boolean;
  /** The provider takes calls now. */
  enabled?: boolean;
}

/** Seed 003's ProviderBudget as saved (no provider: all providers together). */
export interface BudgetView {
  provider?: string;
  dailyUsd?: number;
  monthlyUsd?: number;
  perRunSoftTokens?: number;
  perRunHardTokens?: number;
  alertThreshold?: number;
  /** What is spent now against the limits, USD. */
  spentTodayUsd?: number;
  spentThisMonthUsd?: number;
}

/** A budget to save: a limit left out keeps what is saved, `null` removes it. */
export interface BudgetInput {
  provider?: string;
  dailyUsd?: number | null;
  monthlyUsd?: number | null;
  perRunSoftTokens?: number | null;
  perRunHardTokens?: number | null;
  alertThreshold?: number | null;
}

/** The routing settings of the Fallback screen. */
export interface RoutingView {
  /** `provider` or `provider/model`, in the order calls move along. */
  fallbackChain: string[];
  autoFallback: boolean;
  askBeforeSwitching: boolean;
  strategy?: string;
  /** The strategies the gateway offers. */
  strategies?: string[];
}

/** What saving the routing settings takes (`strategy: null`: none, in the order given). */
export interface RoutingInput {
  fallbackChain: string[];
  autoFallback: boolean;
  askBeforeSwitching: boolean;
  strategy: string | null;
}

/** Spend over a range, as `/api/usage` answers it. */
export interface UsageReport {
  spendThisMonthUsd: number;
  projectedMonthlyUsd: number;
  message?: string;
  byProvider: UsageRow[];
  byModel: Array<UsageRow & { model: string }>;
  timeseries: Array<{ start: number; costUsd: number; calls: number }>;
  topRuns: Array<{ runId: string; costUsd: number; calls: number; lastAt?: number }>;
}

/** What one provider (or model) added up to. */
export interface UsageRow {
  provider: string;
  calls: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** A gateway key (the secret only once, when it is created). */
export interface KeyView {
  id: string;
  name: string;
  masked: string;
  key?: string;
  allowedModels?: string[];
  requestsPerMinute?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
  createdAt?: string | number;
  revokedAt?: string | number;
  lastUsedAt?: number;
  /** What its budget has spent in each period with a limit (`GET /api/keys/:id` only). */
  usage?: Array<{
    scope: string;
    periodKey: string;
    limitUsd: number;
    spentUsd: number;
    remainingUsd: number;
  }>;
}

/** A change to a gateway key's limits: `null` removes one, left out keeps it. */
export interface KeyPatch {
  dailyUsd?: number | null;
  monthlyUsd?: number | null;
}

/** What creating a gateway key takes. */
export interface KeyInput {
  name: string;
  allowedModels?: string[];
  requestsPerMinute?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
}

/** One audit log entry. */
export interface AuditView {
  id: number;
  provider?: string;
  action: string;
  actor?: string;
  metadata?: Record<string, unknown>;
  at: number | string;
}

/** A page of the audit log, oldest first; `next` reads on. */
export interface AuditPageView {
  entries: AuditView[];
  next?: number;
}

/** The filter of the Audit log screen. */
export interface AuditFilter {
  provider?: string;
  action?: string;
  since?: number;
  after?: number;
  limit?: number;
}

/** What a prompt will take and cost before it is sent (the target the router would try first). */
export interface EstimateView {
  provider?: string;
  model?: string;
  inputTokens: number;
  maxOutputTokens: number;
  /** USD if the answer is empty. */
  minCostUsd?: number;
  /** USD if the answer uses its whole allowance; absent when the model is unpriced. */
  maxCostUsd?: number;
  unpriced?: boolean;
}

/** What `/api/status` answers (the parts the console shows). */
export interface StatusView {
  ready: boolean;
  sandbox: boolean;
  providers: { registered: number; enabled: number };
  keys: number;
}
