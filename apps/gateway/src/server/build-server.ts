import { resolve } from 'node:path';
import {
  type BudgetLimits,
  createRegistry,
  createRuntime,
  type Hooks,
  type LoadedConfig,
  type Runtime,
  type TelemetrySink,
} from '@pal/core';
import { parseOptions } from '@pal/core/provider';
import { createRouter } from '@pal/router';
import { openStore, type SqliteStore } from '@pal/store-sqlite';
import { logSink } from '@pal/telemetry/log';
import { type PrometheusSink, prometheusSink } from '@pal/telemetry/prometheus';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { ConsoleDeps } from '../api/console-deps.js';
import { createGateway } from '../gateway.js';
import { adminTokenFor, type AdminToken } from './admin-token.js';
import { callPolicy } from './call-policy.js';
import { contentLogHooks } from './content-log-hooks.js';
import { type DataDir, openDataDir } from './data-dir.js';
import { gatewayLogger } from './gateway-logger.js';
import { LiveBudgets } from './live-budgets.js';
import { LiveRouter } from './live-router.js';
import { GATEWAY_MODULES_DIR, loadGatewayConfig } from './load-gateway-config.js';
import { ProviderCatalog } from './provider-catalog.js';
import { envProviders, type SourcedProvider } from './provider-sources.js';
import { effectiveRouting, ROUTING_SETTING, type RoutingInput, routableChain } from './routing-settings.js';
import { type ServerOptions, serverOptionsSchema } from './server-options.js';

/** A gateway built from its data directory, config file and environment: everything `pal serve` runs. */
export interface PalServer {
  /** The Hono app: `/v1/*` (gateway keys), `/api/*` (admin token), `/metrics`, `/healthz`, `/readyz`. */
  app: Hono;
  runtime: Runtime;
  /** The router the routes call (rebuilt when providers or routing settings change). */
  router: LiveRouter;
  store: SqliteStore;
  providers: ProviderCatalog;
  metrics: PrometheusSink;
  logger: Logger;
  dataDir: DataDir;
  adminToken: AdminToken;
  sandbox: boolean;
  config: LoadedConfig;
  /** Aborts every call in flight: each stream ends with a typed error event, each call is billed for what it used. */
  abortCalls(): Promise<void>;
  /** Closes the router and the runtime, writes the ledger's last rows and closes the store. Idempotent. */
  close(): Promise<void>;
}

/**
 * Builds the gateway: opens the SQLite store in the data directory (`PAL_DATA_DIR`, default
 * `.pal/`), loads the config file, builds a runtime whose budgets count in the store (the saved
 * budgets and each gateway key's applied per call, so a change holds at once), whose telemetry
 * goes to the usage ledger, Prometheus and pino JSON logs (keys redacted; message content only
 * with `logContent`, after your masking `hooks`), registers the providers given, configured,
 * found in the environment and saved in the store, routes with the config's routing under the
 * console's saved settings, and mounts it all on a Hono app. Bad options, a bad config file or an
 * unusable data directory are CONFIG_ERRORs naming what to fix.
 *
 * @example
 * ```ts
 * import { buildServer, listen } from '@pal/gateway';
 *
 * const server = await buildServer({ dataDir: '.pal' });
 * const listening = await listen(server.app, { port: 8787 });
 * console.log(`${listening.url} — admin token in ${server.adminToken.file ?? 'PAL_ADMIN_TOKEN'}`);
 * process.once('SIGTERM', async () => {
 *   await listening.close({ deadlineMs: 10_000, onDeadline: () => void server.abortCalls() });
 *   await server.close();
 * });
 * ```
 */
export async function buildServer(options: ServerOptions = {}): Promise<PalServer> {
  parseOptions('buildServer', serverOptionsSchema, options);
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const sandbox = options.sandbox ?? false;
  const logger = gatewayLogger(options.logger, env.PAL_LOG_LEVEL ?? 'info');
  const dataDir = openDataDir(options.dataDir, env, cwd);
  const adminToken = adminTokenFor(options.adminToken, env, dataDir.adminTokenFile);
  const config = await loadGatewayConfig(options.configFile ?? env.PAL_CONFIG, cwd, env);
  const store = openStore({
    path: dataDir.database,
    cwd: GATEWAY_MODULES_DIR,
    ...(options.env && { env: options.env }),
    ledger: {
      ...(options.ledgerFlushMs && { flushIntervalMs: options.ledgerFlushMs }),
      onError: (error) => logger.error({ pal: 'ledger', code: error.code }, error.message),
    },
  });
  try {
    return await assemble({ options, env, cwd, sandbox, logger, dataDir, adminToken, config, store });
  } catch (error) {
    store.close();
    throw error;
  }
}

interface Parts {
  options: ServerOptions;
  env: Record<string, string | undefined>;
  cwd: string;
  sandbox: boolean;
  logger: Logger;
  dataDir: DataDir;
  adminToken: AdminToken;
  config: LoadedConfig;
  store: SqliteStore;
}

async function assemble(parts: Parts): Promise<PalServer> {
  const { options, env, sandbox, logger, dataDir, adminToken, config, store } = parts;
  const registry = createRegistry();
  const metrics = prometheusSink({ models: registry });
  const sinks: TelemetrySink[] = [store.ledger, metrics, logSink({ logger }), ...(options.telemetry ?? [])];
  const hooks: Hooks[] = [
    ...(options.hooks ?? []),
    ...(options.logContent || env.PAL_LOG_CONTENT === '1' ? [contentLogHooks(logger)] : []),
  ];
  const runtime = createRuntime({
    registry,
    config,
    // the budget guard is always on, counting in the store; its limits come per call (LiveBudgets)
    policies: { ...options.policies, budget: { ...objectOr(options.policies?.budget), store: store.state } },
    providerPolicies: store.budgetPolicies().providerPolicies,
    telemetry: sinks,
    ...(hooks.length > 0 && { hooks }),
  });

  const given: SourcedProvider[] = (options.providers ?? []).map((adapter) => ({
    source: 'given',
    adapter,
    registration: {},
  }));
  if (!sandbox && given.length === 0 && !config.source)
    for (const adapter of envProviders(env)) given.push({ source: 'env', adapter, registration: {} });
  const providers = new ProviderCatalog({
    registry,
    store,
    config,
    given,
    cwd: GATEWAY_MODULES_DIR,
    log: logger,
  });
  await providers.refresh();

  const budgets = new LiveBudgets(store, configBudget(config));
  const consented = new Set<string>();
  let chain: string[] = [];
  let askBeforeSwitching = false;
  const routingConfig = withoutChain(config);
  const router = new LiveRouter(
    () => {
      const routing = effectiveRouting(config, store.getSetting<RoutingInput>(ROUTING_SETTING));
      chain = routing.autoFallback ? routableChain(routing.fallbackChain, registry) : [];
      askBeforeSwitching = routing.askBeforeSwitching;
      return createRouter({
        runtime,
        config: routingConfig,
        closeRuntime: false,
        telemetry: sinks,
        ...(chain.length > 0 && { fallback: chain }),
        ...(routing.strategy && { strategy: routing.strategy }),
        ...(routing.askBeforeSwitching && { approveSwitch: ({ requestId }) => consented.has(requestId) }),
      });
    },
    callPolicy({
      registry,
      budgets,
      chain: () => chain,
      consented,
      askBeforeSwitching: () => askBeforeSwitching,
    }),
  );

  const noKeysHint = `Create one: pal keys create <name> (the admin token is ${adminToken.file ? `in ${adminToken.file}` : 'PAL_ADMIN_TOKEN'})`;
  const consoleDeps: ConsoleDeps = {
    store,
    runtime,
    router,
    providers,
    budgets,
    sandbox,
    config,
    log: logger,
    rebuildRouter: () => router.rebuild(),
  };
  const app = createGateway({
    router,
    runtime,
    sandbox,
    ...(options.maxBodyBytes && { maxBodyBytes: options.maxBodyBytes }),
    logger,
    keys: {
      keys: store,
      state: store.state,
      sandbox,
      isAdminToken: (token) => adminToken.matches(token),
      noKeysHint,
    },
    admin: { isAdminToken: (token) => adminToken.matches(token) },
    console: consoleDeps,
    metrics: () => metrics.metricsHandler(),
  });

  let closed: Promise<void> | undefined;
  return {
    app,
    runtime,
    router,
    store,
    providers,
    metrics,
    logger,
    dataDir,
    adminToken,
    sandbox,
    config,
    abortCalls: () => runtime.close(),
    close() {
      closed ??= (async () => {
        await router.close();
        await runtime.close();
        // let the aborted calls' last events reach the ledger before its final write
        await new Promise((done) => setImmediate(done));
        store.close();
      })();
      return closed;
    },
  };
}

/** A policy setting's options (`true` or `false` hold none). */
function objectOr<T extends object>(setting: T | boolean | undefined): Partial<T> {
  return typeof setting === 'object' ? setting : {};
}

/** The config file's budget limits, which the store's saved budgets lie over. */
function configBudget(config: LoadedConfig): {
  global?: BudgetLimits;
  providers?: Record<string, BudgetLimits>;
} {
  const budget = config.config.policies?.budget;
  if (!budget || typeof budget !== 'object') return {};
  return {
    ...(budget.global && { global: budget.global }),
    ...(budget.providers && { providers: budget.providers }),
  };
}

/** The config with its fallback chain and strategy left to the gateway (which lays the saved settings over them). */
function withoutChain(config: LoadedConfig): LoadedConfig {
  const routing = config.config.routing;
  if (!routing) return config;
  const { fallbackChain: _chain, strategy: _strategy, ...rest } = routing;
  return { ...config, config: { ...config.config, routing: rest } };
}
