import type { LoadedConfig, Runtime } from '@pal/core';
import type { SqliteStore } from '@pal/store-sqlite';
import type { Logger } from 'pino';
import type { LiveBudgets } from '../server/live-budgets.js';
import type { LiveRouter } from '../server/live-router.js';
import type { ProviderCatalog } from '../server/provider-catalog.js';

/** What the console API (`/api/*`) reads and changes. */
export interface ConsoleDeps {
  store: SqliteStore;
  runtime: Runtime;
  router: LiveRouter;
  providers: ProviderCatalog;
  budgets: LiveBudgets;
  sandbox: boolean;
  config: LoadedConfig;
  log: Logger;
  /** Builds the router again from the settings in force (after a provider or routing change). */
  rebuildRouter(): Promise<void>;
}
