import type { Hono } from 'hono';
import { type AdminAuthOptions, adminAuth } from './admin-auth.js';
import { registerAuditApi } from './audit-api.js';
import { registerBudgetsApi } from './budgets-api.js';
import type { ConsoleDeps } from './console-deps.js';
import { registerKeysApi } from './keys-api.js';
import { registerModelsApi } from './models-api.js';
import { registerPlaygroundApi } from './playground-api.js';
import { registerProvidersApi } from './providers-api.js';
import { registerRoutingApi } from './routing-api.js';
import { registerStatusApi } from './status-api.js';
import { registerUsageApi } from './usage-api.js';

/**
 * The console API under `/api/*`, behind the admin token: providers, models with prices, budgets,
 * routing, gateway keys, usage analytics, the audit log, router status and the playground. Errors
 * are PAL's JSON (`{ error: PalError }`); every change is audited with its actor.
 */
export function registerConsoleApi(app: Hono, deps: ConsoleDeps, auth: AdminAuthOptions): void {
  app.use('/api/*', adminAuth(auth));
  registerProvidersApi(app, deps);
  registerModelsApi(app, deps);
  registerBudgetsApi(app, deps);
  registerRoutingApi(app, deps);
  registerKeysApi(app, deps);
  registerUsageApi(app, deps);
  registerAuditApi(app, deps);
  registerStatusApi(app, deps);
  registerPlaygroundApi(app, deps);
}
