import type { Hono } from 'hono';

/** What a Prometheus scrape gets (the prometheus sink's `metricsHandler`). */
export type MetricsSource = () => Promise<{ contentType: string; body: string }>;

/** `GET /metrics`: the Prometheus text exposition of the gateway's metrics (calls, latency, tokens, cost, circuits, budgets). */
export function registerMetrics(app: Hono, metrics: MetricsSource): void {
  app.get('/metrics', async (c) => {
    const { contentType, body } = await metrics();
    return c.body(body, 200, { 'content-type': contentType });
  });
}
