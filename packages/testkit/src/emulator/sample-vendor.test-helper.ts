import type { VendorEmulator } from './types.js';

/**
 * A tiny vendor for the framework's own tests: `POST /v1/echo` answers JSON, `POST /v1/stream`
 * streams `data: <n>` frames, `GET /v1/items/:id` echoes its decoded parameter; key `bad-key` is refused.
 */
export const sampleVendor: VendorEmulator = {
  vendor: 'openai',
  routes: [
    {
      method: 'POST',
      pattern: '/v1/echo',
      handle: (ctx) => ({
        kind: 'json',
        status: 200,
        body: { echo: ctx.body, text: ctx.step.text ?? 'default' },
      }),
    },
    {
      method: 'POST',
      pattern: '/v1/stream',
      handle: () => ({
        kind: 'stream',
        contentType: 'text/event-stream',
        headers: { connection: 'keep-alive', 'cache-control': 'no-cache' },
        frames: ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n', 'data: 4\n\n'],
      }),
    },
    {
      method: 'GET',
      pattern: '/v1/items/:id',
      handle: (ctx) => ({
        kind: 'json',
        status: 200,
        body: { id: ctx.params.id, query: ctx.query.get('q') },
      }),
    },
    {
      method: 'POST',
      pattern: '/v1/broken',
      handle: () => {
        throw new Error('handler bug');
      },
    },
    {
      method: 'POST',
      pattern: '/v1/models/:model:act',
      handle: (ctx) => ({ kind: 'json', status: 200, body: { model: ctx.params.model } }),
    },
  ],
  authenticate: (ctx) =>
    ctx.headers.authorization === 'Bearer bad-key'
      ? { kind: 'json', status: 401, body: { error: { message: 'bad key' } } }
      : undefined,
  errorReply: (fault) => ({
    kind: 'json',
    status: 500,
    headers: { 'x-error-kind': fault.kind },
    body: { error: { kind: fault.kind, message: fault.message ?? 'sample error' } },
  }),
  streamErrorFrame: (fault) => `event: error\ndata: ${fault.kind}\n\n`,
  malformedFrame: () => 'data: {not json\n\n',
  replay: (fixture) => ({
    kind: 'json',
    status: 200,
    body: { replayed: fixture.format, length: fixture.text.length },
  }),
};
