import { resolve } from 'node:path';
import type { BudgetAlert, ProviderRegistry, StateStore } from '@pal/core';
import { parseOptions } from '@pal/core/provider';
import {
  type MonthlyProjection,
  type ModelCost,
  type ProviderCost,
  type RunCost,
  type TimeRange,
  type UsageBucket,
  CostAnalytics,
} from './analytics/cost-analytics.js';
import { AuditLog, type AuditPage, type AuditQuery } from './audit/audit-log.js';
import {
  type BudgetPolicies,
  type BudgetSetting,
  BudgetSettings,
  type SetBudgetInput,
} from './budgets/budget-settings.js';
import { Keyring, type MasterKeyInput } from './crypto/keyring.js';
import type {
  CreatedKey,
  CreateKeyInput,
  GatewayKeyRecord,
  UpdateKeyInput,
} from './keys/gateway-key-input.js';
import { GatewayKeys } from './keys/gateway-keys.js';
import { countUsageEntries, type LedgerPage, type LedgerQuery, usageEntries } from './ledger/ledger-query.js';
import { type RotationResult, rotateMasterKey } from './crypto/rotate-master-key.js';
import { UsageLedger } from './ledger/usage-ledger.js';
import { type LoadIntoOptions, type LoadIntoResult, loadInto } from './registry/load-into.js';
import { type ModelOverrideRecord, ModelOverrides, type SaveModelInput } from './registry/model-overrides.js';
import { META_KEY_CHECK, ProviderRecords, type ValidationRecord } from './registry/provider-records.js';
import type { ChangeOptions, SavedProvider, SaveProviderInput } from './registry/saved-provider.js';
import { rememberDatabase } from './schema/database-of.js';
import { isMemoryPath, openDatabase } from './schema/open-database.js';
import { AppSettings, type SettingChange } from './settings/app-settings.js';
import { createSqliteStateStore } from './state/sqlite-state-store.js';
import { contextRunners, type StoreContext } from './store-context.js';
import { type StoreOptions, storeOptionsSchema } from './store-options.js';

/** An open PAL store: one SQLite file. */
export interface SqliteStore {
  /** The database file (absolute), or `:memory:`. */
  readonly path: string;
  /**
   * The `StateStore` on the same file, for `createRuntime({ store })`: budget spend and alert
   * marks (and any other policy's state) survive restarts and are shared by processes on the file.
   */
  readonly state: StateStore;
  /** The usage ledger, a `TelemetrySink`: `createRuntime({ telemetry: store.ledger })`. */
  readonly ledger: UsageLedger;

  /** Adds or updates a provider (credentials encrypted, the change audited); returns it masked. */
  saveProvider(input: SaveProviderInput, change?: ChangeOptions): SavedProvider;
  /** Removes a provider and its model overrides; false when it was not saved. */
  removeProvider(id: string, change?: ChangeOptions): boolean;
  /** Enables a saved provider; false when it is not saved. */
  enable(id: string, change?: ChangeOptions): boolean;
  /** Disables a saved provider (`loadInto` skips it); false when it is not saved. */
  disable(id: string, change?: ChangeOptions): boolean;
  /** Keeps a credentials check's outcome (`registry.validate(id)`'s result); false when not saved. */
  recordValidation(id: string, result: ValidationRecord): boolean;
  /** Every saved provider, credentials masked (last four characters). */
  listProviders(): SavedProvider[];
  /** One saved provider, credentials masked. */
  getProvider(id: string): SavedProvider | undefined;
  /** Saves a model catalog override (a price, a context window…) for a saved provider. */
  saveModel(input: SaveModelInput, change?: ChangeOptions): ModelOverrideRecord;
  /** Drops a model override; false when there was none. */
  removeModel(provider: string, model: string, change?: ChangeOptions): boolean;
  /** The saved model overrides, all or one provider's. */
  listModels(provider?: string): ModelOverrideRecord[];
  /** Registers every saved, enabled provider in a runtime's (or a bare) registry, overrides merged. */
  loadInto(
    target: { registry: ProviderRegistry } | ProviderRegistry,
    options?: LoadIntoOptions,
  ): Promise<LoadIntoResult>;
  /** Re-encrypts every credential under a new master key (default: a random one) in one transaction. */
  rotateMasterKey(newKey?: MasterKeyInput, change?: ChangeOptions): RotationResult;

  /** Saves budget limits for a provider, or (no `provider`) for all together. */
  setBudget(input: SetBudgetInput, change?: ChangeOptions): BudgetSetting;
  /** The saved budgets. */
  listBudgets(): BudgetSetting[];
  /**
   * The runtime settings that apply the saved budgets, counting in {@link SqliteStore.state}:
   * `createRuntime({ ...store.budgetPolicies(), store: store.state, telemetry: store.ledger })`.
   */
  budgetPolicies(options?: { onAlert?: (alert: BudgetAlert) => void; now?: () => number }): BudgetPolicies;

  /** Pages through the audit log, oldest first. */
  auditLog(query?: AuditQuery): AuditPage;

  /** Creates a gateway key with its limits; the key is in the result only (the store keeps its hash). */
  createKey(input: CreateKeyInput, change?: ChangeOptions): CreatedKey;
  /** Changes a key's name or limits; undefined when there is no such key. */
  updateKey(id: string, input: UpdateKeyInput, change?: ChangeOptions): GatewayKeyRecord | undefined;
  /** Revokes a key at once; false when there is no such live key. */
  revokeKey(id: string, change?: ChangeOptions): boolean;
  /** The live key a presented key is, or undefined (wrong, unknown or revoked). */
  verifyKey(key: string): GatewayKeyRecord | undefined;
  /** Notes a key's use (written at most once a minute per key). */
  touchKey(id: string): void;
  /** Every live key (and revoked ones when asked), masked. */
  listKeys(options?: { includeRevoked?: boolean }): GatewayKeyRecord[];
  /** One key by id, masked. */
  getKey(id: string): GatewayKeyRecord | undefined;
  /** How many live keys there are. */
  countKeys(): number;

  /** An application setting saved under `name` (JSON), or undefined. */
  getSetting<T>(name: string): T | undefined;
  /** Saves (or, with `undefined`, deletes) an application setting, audited as `change.action` (default `settings_changed`). */
  setSetting(name: string, value: unknown, change?: SettingChange): void;

  /** Pages through the usage ledger's rows, oldest first (pending rows written first). */
  usageEntries(query?: LedgerQuery): LedgerPage;
  /** How many ledger rows there are (pending rows written first). */
  countUsageEntries(options?: { since?: number }): number;

  /** Cost per provider over a range, dearest first. */
  costByProvider(range?: TimeRange): ProviderCost[];
  /** Cost per provider and model over a range, dearest first. */
  costByModel(range?: TimeRange): ModelCost[];
  /** USD spent this UTC month, up to `now`. */
  spendThisMonth(options?: { now?: number }): number;
  /** This month's spend projected to its end at the month-to-date pace (see the method's TSDoc). */
  projectedMonthlySpend(options?: { now?: number }): MonthlyProjection;
  /** Cost, calls and tokens per UTC hour or day, for charts. */
  usageTimeseries(options: {
    bucket: 'hour' | 'day';
    since: number;
    until?: number;
    provider?: string;
  }): UsageBucket[];
  /** The runs that cost most. */
  topRuns(options?: { limit?: number; since?: number }): RunCost[];

  /** Writes the ledger's pending rows and closes the file. Idempotent. */
  close(): void;
}

/**
 * Opens (or creates) PAL's SQLite store: one file, WAL mode, a busy timeout for other processes on
 * it, versioned migrations. It keeps the providers a person connected (credentials AES-256-GCM
 * encrypted under the master key), model overrides, a usage ledger fed by telemetry, an audit log,
 * budgets and the policies' state, a gateway's keys (hashed) and applications' settings, and
 * answers the seed's cost analytics. Throws a `CONFIG_ERROR`
 * naming the file (and `details.problem`) for a file that is not PAL's, is damaged, is newer than
 * this code, cannot be written, or whose master key is wrong.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pal/core';
 * import { openStore } from '@pal/store-sqlite';
 *
 * const store = openStore({ path: './pal.db' }); // key from PAL_MASTER_KEY, or ./pal.db.key (0600)
 * store.saveProvider({ id: 'openai', package: '@pal/provider-openai', apiKey: process.env.OPENAI_API_KEY });
 * store.setBudget({ dailyUsd: 5, monthlyUsd: 100 });
 *
 * const pal = createRuntime({ ...store.budgetPolicies(), store: store.state, telemetry: store.ledger });
 * await store.loadInto(pal); // every saved, enabled provider, as it was set up
 * await pal.chat({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(store.projectedMonthlySpend().message); // "You're on track for $0.00 this month"
 * store.close();
 * ```
 */
export function openStore(options: StoreOptions): SqliteStore {
  parseOptions('openStore', storeOptionsSchema, options);
  const memory = isMemoryPath(options.path);
  const file = memory ? ':memory:' : resolve(options.path);
  const now = options.clock ?? Date.now;
  const db = openDatabase(file, options.busyTimeoutMs ?? 5000);
  let closed = false;
  const keyring = new Keyring({
    file,
    keyFile: memory ? undefined : resolve(options.keyFile ?? `${file}.key`),
    masterKey: options.masterKey,
    env: options.env ?? process.env,
  });
  try {
    // a key that is there but wrong fails now, not at the first call that needs a credential
    const check = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY_CHECK) as
      | string
      | undefined;
    if (check !== undefined && keyring.key(false)) keyring.verify(check);
  } catch (error) {
    db.close();
    throw error;
  }

  const ctx: StoreContext = {
    db,
    file,
    now,
    keyring,
    audit: new AuditLog(db, now),
    cwd: options.cwd ?? process.cwd(),
    ...contextRunners(db, file, () => closed),
  };
  const providers = new ProviderRecords(ctx);
  const models = new ModelOverrides(ctx);
  const budgets = new BudgetSettings(ctx);
  const keys = new GatewayKeys(ctx);
  const settings = new AppSettings(ctx);
  const state = createSqliteStateStore(ctx);
  const ledger = new UsageLedger(ctx, {
    flushIntervalMs: options.ledger?.flushIntervalMs ?? 250,
    maxBatchRows: options.ledger?.maxBatchRows ?? 1000,
    maxPendingRows: options.ledger?.maxPendingRows ?? 100_000,
    ...(options.ledger?.onError && { onError: options.ledger.onError }),
    ...(options.ledger?.telemetry && { telemetry: options.ledger.telemetry }),
  });
  const analytics = new CostAnalytics(ctx, () => {
    if (!closed) ledger.flush();
  });
  // a process that ends without close() still writes what its ledger holds
  const flushOnExit = () => ledger.flush();
  process.on('beforeExit', flushOnExit);

  const store: SqliteStore = {
    path: file,
    state,
    ledger,
    saveProvider: (input, change) => providers.save(input, change),
    removeProvider: (id, change) => providers.remove(id, change),
    enable: (id, change) => providers.setEnabled(id, true, change),
    disable: (id, change) => providers.setEnabled(id, false, change),
    recordValidation: (id, result) => providers.recordValidation(id, result),
    listProviders: () => providers.list(),
    getProvider: (id) => providers.get(id),
    saveModel: (input, change) => models.save(input, change),
    removeModel: (provider, model, change) => models.remove(provider, model, change),
    listModels: (provider) => models.list(provider),
    loadInto: (target, loadOptions) => loadInto(ctx, providers, models, target, loadOptions),
    rotateMasterKey: (newKey, change) => rotateMasterKey(ctx, providers, newKey, change),
    setBudget: (input, change) => budgets.set(input, change),
    listBudgets: () => budgets.list(),
    budgetPolicies: (extra) => budgets.policies(state, extra),
    auditLog: (query) => {
      if (!closed) ledger.flush(); // fallbacks and alerts queued with the ledger's rows
      return ctx.run('reading the audit log', () => ctx.audit.page(query));
    },
    createKey: (input, change) => keys.create(input, change),
    updateKey: (id, input, change) => keys.update(id, input, change),
    revokeKey: (id, change) => keys.revoke(id, change),
    verifyKey: (key) => keys.verify(key),
    touchKey: (id) => keys.touch(id),
    listKeys: (listOptions) => keys.list(listOptions),
    getKey: (id) => keys.get(id),
    countKeys: () => keys.count(),
    getSetting: (name) => settings.get(name),
    setSetting: (name, value, change) => settings.set(name, value, change),
    usageEntries: (query) => {
      if (!closed) ledger.flush();
      return usageEntries(ctx, query);
    },
    countUsageEntries: (countOptions) => {
      if (!closed) ledger.flush();
      return countUsageEntries(ctx, countOptions?.since);
    },
    costByProvider: (range) => analytics.costByProvider(range),
    costByModel: (range) => analytics.costByModel(range),
    spendThisMonth: (o) => analytics.spendThisMonth(o),
    projectedMonthlySpend: (o) => analytics.projectedMonthlySpend(o),
    usageTimeseries: (o) => analytics.usageTimeseries(o),
    topRuns: (o) => analytics.topRuns(o),
    close() {
      if (closed) return;
      process.off('beforeExit', flushOnExit);
      ledger.close();
      closed = true;
      db.close();
    },
  };
  rememberDatabase(store, db);
  return store;
}
