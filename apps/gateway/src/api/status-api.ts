import type { Hono } from 'hono';
import type { ConsoleDeps } from './console-deps.js';

/**
 * `GET /api/status`: the router's view of each target (health, circuit, latency, calls in flight,
 * last error, budget headroom), whether any is usable, how many providers and keys there are,
 * the ledger's write counters, and whether this is the sandbox.
 */
export function registerStatusApi(app: Hono, deps: ConsoleDeps): void {
  const started = Date.now();
  app.get('/api/status', async (c) => {
    const targets = await deps.router.status();
    const registry = deps.runtime.registry;
    const usable = targets.filter(
      (t) => t.healthy !== false && t.circuit !== 'open' && registry.isEnabled(t.provider),
    );
    return c.json({
      ready: usable.length > 0,
      sandbox: deps.sandbox,
      uptimeMs: Date.now() - started,
      providers: { registered: registry.list().length, enabled: registry.listEnabled().length },
      keys: deps.store.countKeys(),
      ledger: deps.store.ledger.stats(),
      targets,
    });
  });
}
