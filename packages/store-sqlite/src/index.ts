/**
 * @pal/store-sqlite: PAL's embedded store, one SQLite file. The providers a person connected
 * (credentials encrypted) and their model overrides, loaded into a runtime at start-up; a usage
 * ledger fed by telemetry; an audit log; budgets and policy state that survive restarts and are
 * shared by the processes on the file; a gateway's keys (hashed) and settings; and the cost
 * analytics built on the ledger.
 * @packageDocumentation
 */
export type {
  ModelCost,
  MonthlyProjection,
  ProviderCost,
  RunCost,
  TimeRange,
  UsageBucket,
  UsageTotals,
} from './analytics/cost-analytics.js';
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
} from './audit/audit-log.js';
export {
  type BudgetPolicies,
  type BudgetSetting,
  type SetBudgetInput,
  setBudgetSchema,
} from './budgets/budget-settings.js';
export type { MasterKeyInput, MasterKeySource } from './crypto/keyring.js';
export {
  type CreatedKey,
  type CreateKeyInput,
  createKeySchema,
  type GatewayKeyRecord,
  type UpdateKeyInput,
  updateKeySchema,
} from './keys/gateway-key-input.js';
export { GATEWAY_KEY_PREFIX, hashGatewayKey } from './keys/gateway-keys.js';
export type { RotationResult } from './crypto/rotate-master-key.js';
export type { CallOutcome, LedgerEntry } from './ledger/ledger-entry.js';
export type { LedgerPage, LedgerQuery, LedgerRow } from './ledger/ledger-query.js';
export type { LedgerStats, UsageLedger } from './ledger/usage-ledger.js';
export { openStore, type SqliteStore } from './open-store.js';
export type { LoadIntoOptions, LoadIntoResult } from './registry/load-into.js';
export {
  type ModelOverrideRecord,
  type SaveModelInput,
  saveModelSchema,
} from './registry/model-overrides.js';
export type { ValidationRecord } from './registry/provider-records.js';
export {
  type ChangeOptions,
  type SavedProvider,
  type SaveProviderInput,
  saveProviderSchema,
} from './registry/saved-provider.js';
export { SCHEMA_VERSION } from './schema/migrations.js';
export { type SettingChange, settingNameSchema } from './settings/app-settings.js';
export { type StoreProblem, storeProblemOf } from './store-error.js';
export { type StoreOptions, storeOptionsSchema } from './store-options.js';
