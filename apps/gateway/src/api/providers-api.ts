import type { Hono } from 'hono';
import { z } from '@pal/core/provider';
import { readBody } from '../http/read-body.js';
import { providerInputSchema } from '../server/provider-input.js';
import type { ConsoleDeps } from './console-deps.js';

const editSchema = providerInputSchema.omit({ id: true });
const defaultModelSchema = z.strictObject({ model: z.string().min(1) });

/**
 * Providers (seed 003's setup and settings): `GET /api/providers` (credentials masked),
 * `GET /api/providers/:id`, `POST /api/providers` (connect or change one; a key is stored
 * encrypted), `PATCH /api/providers/:id` (its endpoint, key, name…), `POST …/:id/test` (Test
 * Connection), `POST …/:id/enable` and `…/disable`, `POST …/:id/default-model`, `DELETE
 * /api/providers/:id`. Each change is audited and in force from the next call.
 */
export function registerProvidersApi(app: Hono, deps: ConsoleDeps): void {
  const { providers } = deps;
  app.get('/api/providers', (c) => c.json(providers.views()));
  app.get('/api/providers/:id', (c) => c.json(providers.view(c.req.param('id'))));

  app.post('/api/providers', async (c) => {
    const input = await readBody(c, providerInputSchema);
    const existed = deps.store.getProvider(input.id) !== undefined;
    const view = await providers.save(input, c.get('actor'));
    await deps.rebuildRouter();
    return c.json(view, existed ? 200 : 201);
  });

  app.patch('/api/providers/:id', async (c) => {
    const input = await readBody(c, editSchema);
    const id = c.req.param('id');
    providers.view(id); // a 404 for an unknown id, before anything is saved
    const view = await providers.save({ ...input, id }, c.get('actor'));
    await deps.rebuildRouter();
    return c.json(view);
  });

  app.post('/api/providers/:id/test', async (c) => c.json(await providers.test(c.req.param('id'))));

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`/api/providers/:id/${action}`, async (c) => {
      const view = await providers.setEnabled(c.req.param('id'), enabled, c.get('actor'));
      await deps.rebuildRouter();
      return c.json(view);
    });
  }

  app.post('/api/providers/:id/default-model', async (c) => {
    const { model } = await readBody(c, defaultModelSchema);
    const view = await providers.setDefaultModel(c.req.param('id'), model, c.get('actor'));
    await deps.rebuildRouter();
    return c.json(view);
  });

  app.delete('/api/providers/:id', async (c) => {
    await providers.remove(c.req.param('id'), c.get('actor'));
    await deps.rebuildRouter();
    return c.body(null, 204);
  });
}
