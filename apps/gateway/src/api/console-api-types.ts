/**
 * The shapes of the console API (`/api/*`) as the web console reads and sends them, in one place:
 * what each route answers and takes. Types only (the console imports them with `import type`, so
 * nothing of the gateway reaches the browser).
 * @packageDocumentation
 */
import type {
  AuditEntry,
  CreateKeyInput,
  ModelCost,
  ProviderCost,
  RunCost,
  SetBudgetInput,
  UpdateKeyInput,
  UsageBucket,
} from '@pal/store-sqlite';

export type { ProviderView, TestResult } from '../server/provider-catalog.js';
export type { ModelInput, ProviderInput } from '../server/provider-input.js';
export type { RoutingInput } from '../server/routing-settings.js';
export type { BudgetView } from './budgets-api.js';
export type { KeyView } from './keys-api.js';
export type { ModelView } from './models-api.js';
export type { RoutingView } from './routing-api.js';

/** What `PUT /api/budgets` takes: a limit left out keeps what is saved, `null` removes it. */
export type BudgetInput = SetBudgetInput;

/** What `POST /api/keys` takes. */
export type KeyInput = CreateKeyInput;

/** What `PATCH /api/keys/:id` takes (`null` removes a limit). */
export type KeyPatch = UpdateKeyInput;

/** What `GET /api/usage` answers. */
export interface UsageReport {
  since: number;
  until?: number;
  bucket: 'hour' | 'day';
  spendThisMonthUsd: number;
  projectedMonthlyUsd: number;
  /** "You're on track for $X this month". */
  message: string;
  byProvider: ProviderCost[];
  byModel: ModelCost[];
  /** One bucket per hour or day of the range, empty ones as zeros; `bucket` is its start in ISO 8601. */
  timeseries: Array<UsageBucket & { bucket: string }>;
  topRuns: RunCost[];
}

/** One entry of `GET /api/audit` (its time as `at`, epoch ms). */
export type AuditView = Omit<AuditEntry, 'timestamp'> & { at: number };

/** What `GET /api/audit` answers: a page oldest first; `next` reads on. */
export interface AuditPage {
  entries: AuditView[];
  next?: number;
}

/** What `POST /api/playground/estimate` answers (and the playground stream's first event). */
export interface PlaygroundEstimate {
  provider: string;
  model: string;
  inputTokens: number;
  maxOutputTokens: number;
  minCostUsd: number;
  /** Absent when the model has no prices. */
  maxCostUsd?: number;
  unpriced?: true;
}

/** The parts of `GET /api/status` the console shows. */
export interface ConsoleStatus {
  ready: boolean;
  sandbox: boolean;
  providers: { registered: number; enabled: number };
  keys: number;
}
