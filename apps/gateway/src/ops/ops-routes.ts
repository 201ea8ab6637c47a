import type { Hono } from 'hono';
import type { GatewayDeps } from '../gateway.js';

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (the router has a usable target: 200 with
 * the router's status, 503 while no provider is usable — every circuit open or health check failing).
 */
export function registerOps(app: Hono, deps: GatewayDeps): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const targets = await deps.router.status();
    const usable = targets.filter(
      (t) => t.healthy !== false && t.circuit !== 'open' && deps.runtime.registry.isEnabled(t.provider),
    );
    return c.json({ ready: usable.length > 0, targets }, usable.length > 0 ? 200 : 503);
  });
}
