import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createScriptedAdapter, type ScriptedModel } from '@pal/testkit/scripted';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatRequestInput } from '../../contracts/chat-request.js';
import type { CatalogPrices } from '../../contracts/model-info.js';
import { loadConfig } from '../../config/load-config.js';
import {
  type LocalServer,
  type ReceivedRequest,
  startLocalServer,
} from '../../http/local-server.test-support.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../kernel/runtime.js';
import { createMemoryStore } from '../../policies/memory-store.js';
import type { TelemetryEvent } from '../../telemetry/telemetry-sink.js';
import type { PriceData } from '../price-data/price-data-schema.js';
import { storedPricesKey } from './stored-prices.js';

// a few real genai-prices entries, with claude-sonnet-5 at $3 / $12 instead of $2 / $10 (see __fixtures__/README.md)
const FIXTURE = readFileSync(
  new URL('../price-data/__fixtures__/genai-prices-data.json', import.meta.url),
  'utf8',
);
const fixture = (): PriceData => JSON.parse(FIXTURE);

const PRICES: CatalogPrices = {
  source: '@pydantic/genai-prices',
  version: '0.1.8',
  dataDate: '2026-09-23',
  provider: 'anthropic',
};
// the bundled prices: what the catalog was generated with (the published $2 / $10 for Sonnet 5)
const BUNDLED: ScriptedModel[] = [
  { id: 'claude-sonnet-5', pricing: { inputPerMTok: 2, outputPerMTok: 10 } },
  { id: 'claude-haiku-4-5', pricing: { inputPerMTok: 1, outputPerMTok: 5 } },
  // not in the price data: keeps its bundled price
  { id: 'claude-house', pricing: { inputPerMTok: 7, outputPerMTok: 7 } },
];
const usage = { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 };
const ask = (model = 'anthropic/claude-sonnet-5'): ChatRequestInput => ({
  model,
  messages: [{ role: 'user', content: 'hello there' }],
  maxOutputTokens: 1000,
});

/** An Anthropic-like scripted adapter whose catalog was priced under `prices.provider` (null: no `prices`). */
function anthropicLike(models: ScriptedModel[] = BUNDLED, prices: CatalogPrices | null = PRICES) {
  const adapter = createScriptedAdapter({
    id: 'anthropic',
    models,
    script: () => ({ type: 'result', text: 'ok', result: { usage } }),
  });
  return prices ? Object.assign(adapter, { prices }) : adapter;
}

function recorder() {
  const events: TelemetryEvent[] = [];
  return {
    sink: { emit: (event: TelemetryEvent) => events.push(event) },
    refreshes: () => events.filter((e) => e.type === 'pricing-refresh'),
    /** What the budget reserved before each call, in USD. */
    reserved: () =>
      events.flatMap((e) => (e.type === 'budget' && e.action === 'reserve' ? [e.amountUsd] : [])),
  };
}

type Handler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;
const sendData = (res: ServerResponse, body: string | PriceData, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

let server: LocalServer;
let handler: Handler;
const runtimes: Runtime[] = [];
async function serve(first: Handler): Promise<string> {
  handler = first;
  server = await startLocalServer((req, res) => handler(req, res));
  return `${server.url}/prices/data.json`;
}
function runtime(options: RuntimeOptions): Runtime {
  const created = createRuntime(options);
  runtimes.push(created);
  return created;
}
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
  await server?.close();
});

/** What a call and its estimate cost on a runtime whose catalog already has `sonnet5` prices. */
async function pricedAt(sonnet5: [number, number]) {
  const sink = recorder();
  const reference = runtime({
    providers: [
      anthropicLike(
        [{ id: 'claude-sonnet-5', pricing: { inputPerMTok: sonnet5[0], outputPerMTok: sonnet5[1] } }],
        null,
      ),
    ],
    policies: { budget: { global: { dailyUsd: 100 } } },
    telemetry: sink.sink,
  });
  const estimate = await reference.estimate(ask());
  const cost = (await reference.chat(ask())).cost.totalUsd;
  return { estimate, cost, reserved: sink.reserved()[0] };
}

describe('live price refresh', () => {
  it('prices calls from the bundled catalog until the first refresh lands, then from the refreshed data', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = await serve(async (_req, res) => {
      await gate;
      sendData(res, FIXTURE, { etag: '"v1"', 'last-modified': 'Wed, 23 Sep 2026 08:00:00 GMT' });
    });
    const sink = recorder();
    const pal = runtime({
      providers: [anthropicLike()],
      policies: { budget: { global: { dailyUsd: 100 } } },
      telemetry: sink.sink,
      pricing: { refreshUrl: url, intervalHours: 24 },
    });

    // the fetch is held by the server: the call is not, and is priced at the bundled $2 / $10
    await until(() => server.received.length === 1);
    const before = await pal.chat(ask());
    expect(before.cost.totalUsd).toBe(0.007); // 1000 × $2 + 500 × $10, per 1M
    const bundledEstimate = await pal.estimate(ask());
    expect(pal.pricing.status()).toMatchObject({ enabled: true, origin: 'bundled', models: 0 });

    release();
    const status = await pal.pricing.ready();
    expect(status).toMatchObject({
      enabled: true,
      origin: 'fetched',
      source: url,
      version: '"v1"',
      dataDate: '2026-09-23T08:00:00.000Z',
      models: 2, // claude-sonnet-5 and claude-haiku-4-5; claude-house is not in the data
      intervalHours: 24,
    });
    expect(status.lastSuccessAt).toBeGreaterThan(0);
    expect(status.nextRefreshAt).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    const after = await pal.chat(ask());
    expect(after.cost.totalUsd).toBe(0.009); // 1000 × $3 + 500 × $12, per 1M
    const expected = await pricedAt([3, 12]);
    const bundled = await pricedAt([2, 10]);
    const estimate = await pal.estimate(ask());
    expect(estimate).toEqual(expected.estimate);
    expect(estimate.maxUsd).toBeGreaterThan(bundledEstimate.maxUsd);
    expect(bundledEstimate).toEqual(bundled.estimate);
    // the budget reserved the refreshed worst case for the second call, the bundled one for the first
    const reserved = sink.reserved();
    expect(reserved).toEqual([bundled.reserved, expected.reserved]);
    expect(expected.reserved).toBeGreaterThan(bundled.reserved as number);
    // the registry lists the new prices; a model the data does not know keeps its own
    expect(pal.registry.getModelInfo('anthropic/claude-sonnet-5')?.pricing).toMatchObject({
      inputPerMTok: 3,
      outputPerMTok: 12,
      cachedInputPerMTok: 0.2,
    });
    expect((await pal.chat(ask('anthropic/claude-house'))).cost.totalUsd).toBe(0.0105);

    expect(sink.refreshes()).toEqual([
      expect.objectContaining({
        type: 'pricing-refresh',
        outcome: 'ok',
        source: url,
        models: 2,
        version: '"v1"',
        requestId: '',
      }),
    ]);
    expect(sink.refreshes()[0]).not.toHaveProperty('error');
  });

  it('keeps explicit price overrides, from registration and from the config, over refreshed data', async () => {
    const url = await serve((_req, res) => sendData(res, FIXTURE));
    const loaded = await loadConfig(
      {
        providers: {
          anthropic: { models: { 'claude-sonnet-5': { pricing: { inputPerMTok: 5, outputPerMTok: 5 } } } },
        },
        pricing: { refreshUrl: url, intervalHours: 12 },
      },
      { skipProviders: true },
    );
    const fromConfig = runtime({ config: { ...loaded, providers: [anthropicLike()] } });
    const registered = runtime({
      providers: [
        {
          adapter: anthropicLike(),
          models: { 'claude-haiku-4-5': { pricing: { outputPerMTok: 50 } } },
        },
      ],
      pricing: { refreshUrl: url, intervalHours: 12 },
    });
    expect((await fromConfig.pricing.ready()).origin).toBe('fetched');
    expect((await registered.pricing.ready()).origin).toBe('fetched');

    // config: $5 / $5 wins over the data's $3 / $12
    expect((await fromConfig.chat(ask())).cost.totalUsd).toBe(0.0075);
    expect(fromConfig.pricing.status().intervalHours).toBe(12);
    // registration: the overridden output rate ($50) wins over the data's $5; the input rate is the data's $1,
    // and the model without an override has the refreshed price
    expect((await registered.chat(ask('anthropic/claude-haiku-4-5'))).cost.totalUsd).toBe(0.026);
    expect(registered.registry.getModelInfo('anthropic/claude-haiku-4-5')?.pricing?.outputPerMTok).toBe(50);
    expect((await registered.chat(ask())).cost.totalUsd).toBe(0.009);
  });

  const failures: Array<[string, Handler, RegExp]> = [
    [
      'an HTTP 500',
      (_req, res) => {
        res.writeHead(500);
        res.end('upstream broke');
      },
      /HTTP 500/,
    ],
    ['a body that is not JSON', (_req, res) => sendData(res, '<html>rate limited</html>'), /not JSON/],
    [
      'a body that is not price data',
      (_req, res) => sendData(res, JSON.stringify([{ id: 'anthropic', models: 'none' }])),
      /does not match the genai-prices format: 0\.name: .*; 0\.models: /,
    ],
    ['an empty list', (_req, res) => sendData(res, '[]'), /lists no provider/],
    [
      'providers without models',
      (_req, res) => sendData(res, JSON.stringify([{ id: 'anthropic', name: 'Anthropic', models: [] }])),
      /lists no model/,
    ],
    ['no answer in time', () => undefined, /no complete answer within 300 ms/],
  ];
  it.each(failures)(
    'keeps the last good prices after %s, and reports the failure',
    async (_what, fail, error) => {
      const url = await serve((_req, res) => sendData(res, FIXTURE));
      const sink = recorder();
      const pal = runtime({
        providers: [anthropicLike()],
        telemetry: sink.sink,
        pricing: { refreshUrl: url, intervalHours: 24, timeoutMs: 300 },
      });
      const good = await pal.pricing.ready();
      expect(good.origin).toBe('fetched');

      handler = fail;
      const outcome = await pal.pricing.refresh();
      expect(outcome).toMatchObject({
        outcome: 'failed',
        source: url,
        models: 2,
        error: expect.stringMatching(error),
      });
      expect((await pal.chat(ask())).cost.totalUsd).toBe(0.009);
      const status = pal.pricing.status();
      expect(status).toMatchObject({ origin: 'fetched', lastSuccessAt: good.lastSuccessAt, models: 2 });
      expect(status.lastError).toEqual({ message: outcome.error, at: outcome.at });
      expect(sink.refreshes().map((e) => e.type === 'pricing-refresh' && e.outcome)).toEqual([
        'ok',
        'failed',
      ]);
      expect(sink.refreshes()[1]).toMatchObject({ error: outcome.error, source: url, models: 2 });
    },
  );

  it('falls back to the bundled catalog when no refresh has succeeded yet', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const sink = recorder();
    const pal = runtime({
      providers: [anthropicLike()],
      telemetry: sink.sink,
      pricing: { refreshUrl: url, intervalHours: 1 },
    });
    const status = await pal.pricing.ready();
    expect(status).toMatchObject({
      origin: 'bundled',
      models: 0,
      lastError: { message: expect.stringMatching(/HTTP 503/) },
    });
    expect(status).not.toHaveProperty('lastSuccessAt');
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.007);
    expect(sink.refreshes()).toEqual([expect.objectContaining({ outcome: 'failed', models: 0 })]);
  });

  it('reports an unreachable server, and never shows the URL query (a token) in the source', async () => {
    const url = await serve((_req, res) => sendData(res, FIXTURE));
    await server.close();
    const sink = recorder();
    const pal = runtime({
      providers: [anthropicLike()],
      telemetry: sink.sink,
      pricing: { refreshUrl: `${url}?token=s3cret`, intervalHours: 1 },
    });
    const status = await pal.pricing.ready();
    expect(status.source).toBe(url);
    expect(status.lastError?.message).toMatch(/could not be fetched/);
    expect(JSON.stringify(sink.refreshes())).not.toContain('s3cret');
    expect(sink.refreshes()[0]).toMatchObject({ outcome: 'failed', source: url });
  });

  it('asks with the held version and keeps its copy when the server says it has not changed (304)', async () => {
    const url = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
      } else sendData(res, FIXTURE, { etag: '"v1"' });
    });
    const pal = runtime({ providers: [anthropicLike()], pricing: { refreshUrl: url, intervalHours: 24 } });
    const first = await pal.pricing.ready();
    const outcome = await pal.pricing.refresh();
    expect(outcome).toMatchObject({ outcome: 'ok', notModified: true, version: '"v1"', models: 2 });
    expect(server.received.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(pal.pricing.status().lastSuccessAt).toBeGreaterThanOrEqual(first.lastSuccessAt as number);
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.009);
  });

  it('keeps the last good copy in the store, where a new runtime starts from it', async () => {
    const url = await serve((_req, res) => sendData(res, FIXTURE, { etag: '"v1"' }));
    const store = createMemoryStore();
    const first = runtime({
      providers: [anthropicLike()],
      store,
      pricing: { refreshUrl: url, intervalHours: 24 },
    });
    await first.pricing.ready();
    await first.close();
    expect(await store.get(storedPricesKey(url))).toMatchObject({ source: url, version: '"v1"' });

    // a restart (or another instance) within the interval: the stored copy, no fetch
    handler = (_req, res) => {
      res.writeHead(500);
      res.end();
    };
    const sink = recorder();
    const second = runtime({
      providers: [anthropicLike()],
      store,
      telemetry: sink.sink,
      pricing: { refreshUrl: url, intervalHours: 24 },
    });
    const status = await second.pricing.ready();
    expect(status).toMatchObject({ origin: 'store', models: 2, version: '"v1"' });
    expect((await second.chat(ask())).cost.totalUsd).toBe(0.009);
    expect(server.received).toHaveLength(1);
    expect(sink.refreshes()).toEqual([]);
    // its own refresh fails: the stored copy stays
    expect(await second.pricing.refresh()).toMatchObject({ outcome: 'failed', models: 2 });
    expect((await second.chat(ask())).cost.totalUsd).toBe(0.009);
  });

  it('fetches at start when the stored copy is older than the interval, keeping it when that fails', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const store = createMemoryStore();
    const old = Date.now() - 2 * 3_600_000;
    await store.set(storedPricesKey(url), { source: url, fetchedAt: old, data: fixture() });
    const sink = recorder();
    const pal = runtime({
      providers: [anthropicLike()],
      store,
      telemetry: sink.sink,
      pricing: { refreshUrl: url, intervalHours: 1 },
    });
    const status = await pal.pricing.ready();
    expect(server.received).toHaveLength(1);
    expect(status).toMatchObject({ origin: 'store', lastSuccessAt: old, models: 2 });
    expect(sink.refreshes()).toEqual([expect.objectContaining({ outcome: 'failed', models: 2 })]);
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.009);
  });

  it('ignores a stored copy that is not valid price data', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const store = createMemoryStore();
    await store.set(storedPricesKey(url), { source: url, fetchedAt: Date.now(), data: [{ id: 'x' }] });
    const pal = runtime({
      providers: [anthropicLike()],
      store,
      pricing: { refreshUrl: url, intervalHours: 1 },
    });
    expect(await pal.pricing.ready()).toMatchObject({ origin: 'bundled', models: 0 });
    expect(server.received).toHaveLength(1);
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.007);
  });

  it('refreshes again every interval, and close() stops the timer', async () => {
    let served = 0;
    const url = await serve((_req, res) => {
      served++;
      const data = fixture();
      // the second answer raises Sonnet 5's input price again, to $4
      const sonnet = data[0]?.models.find((m) => m.id === 'claude-sonnet-5');
      if (served >= 2 && sonnet && !Array.isArray(sonnet.prices)) sonnet.prices.input_mtok = 4;
      sendData(res, data);
    });
    const sink = recorder();
    const pal = runtime({
      providers: [anthropicLike()],
      telemetry: sink.sink,
      pricing: { refreshUrl: url, intervalHours: 150 / 3_600_000 }, // 150 ms
    });
    await pal.pricing.ready();
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.009);
    await until(() => served >= 2);
    await until(() => sink.refreshes().length >= 2);
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.01); // 1000 × $4 + 500 × $12, per 1M

    await pal.close();
    const stoppedAt = served;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(served).toBe(stoppedAt);
    expect(pal.pricing.status()).not.toHaveProperty('nextRefreshAt');
    await expect(pal.pricing.refresh()).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('aborts a fetch in flight on close() without reporting it', async () => {
    const url = await serve(() => undefined); // never answers
    const sink = recorder();
    const pal = runtime({
      providers: [anthropicLike()],
      telemetry: sink.sink,
      pricing: { refreshUrl: url, intervalHours: 1 },
    });
    const pending = pal.pricing.refresh();
    await until(() => server.received.length === 1);
    await pal.close();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await pal.pricing.ready()).toMatchObject({ origin: 'bundled' });
    expect(sink.refreshes()).toEqual([]);
  });

  it('re-prices providers registered after the refresh, and leaves adapters without catalog prices alone', async () => {
    const url = await serve((_req, res) => sendData(res, FIXTURE));
    const pal = runtime({
      providers: [anthropicLike(BUNDLED, null)],
      pricing: { refreshUrl: url, intervalHours: 24 },
    });
    expect(await pal.pricing.ready()).toMatchObject({ origin: 'fetched', models: 0 });
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.007);

    pal.registry.register(anthropicLike());
    expect(pal.pricing.status().models).toBe(2);
    expect((await pal.chat(ask())).cost.totalUsd).toBe(0.009);
  });
});

describe('price refresh settings', () => {
  it('is off by default: the status says so and refresh() is a CONFIG_ERROR', async () => {
    const pal = runtime({ providers: [anthropicLike()] });
    expect(pal.pricing.status()).toEqual({ enabled: false, origin: 'bundled', models: 0 });
    expect(await pal.pricing.ready()).toEqual({ enabled: false, origin: 'bundled', models: 0 });
    await expect(pal.pricing.refresh()).rejects.toMatchObject({ code: 'CONFIG_ERROR', path: ['pricing'] });
  });

  it.each([
    [{ refreshUrl: 'prices.json', intervalHours: 1 }, 'pricing.refreshUrl', /must be an http\(s\) URL/],
    [
      { refreshUrl: 'ftp://prices.example/data.json', intervalHours: 1 },
      'pricing.refreshUrl',
      /http\(s\) URL/,
    ],
    [{ intervalHours: 0 }, 'pricing.intervalHours', /> 0|positive|greater/],
    [{ intervalHours: -2 }, 'pricing.intervalHours', /> 0|positive|greater/],
    [{}, 'pricing.intervalHours', /./],
  ])('refuses %j in createRuntime with a CONFIG_ERROR naming %s', (pricing, path, message) => {
    let thrown: unknown;
    try {
      createRuntime({ providers: [anthropicLike()], pricing: pricing as never });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'CONFIG_ERROR', path: path.split('.') });
    expect((thrown as Error).message).toContain(path);
    expect((thrown as Error).message).toMatch(message);
  });

  it('refuses the same in a config file, naming the field', async () => {
    await expect(
      loadConfig({ pricing: { intervalHours: 0 } }, { skipProviders: true }),
    ).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      path: ['pricing', 'intervalHours'],
    });
    await expect(
      loadConfig({ pricing: { refreshUrl: 'not a url', intervalHours: 1 } }, { skipProviders: true }),
    ).rejects.toMatchObject({ code: 'CONFIG_ERROR', path: ['pricing', 'refreshUrl'] });
  });

  it('lays the runtime option over the config key by key, and a profile may turn refresh on', async () => {
    const url = await serve((_req, res) => sendData(res, FIXTURE));
    const loaded = await loadConfig(
      { environments: { production: { pricing: { refreshUrl: url, intervalHours: 6 } } } },
      { skipProviders: true, environment: 'production' },
    );
    expect(loaded.config.pricing).toEqual({ refreshUrl: url, intervalHours: 6 });
    const pal = runtime({
      config: { ...loaded, providers: [anthropicLike()] },
      pricing: { intervalHours: 2 },
    });
    expect(await pal.pricing.ready()).toMatchObject({ origin: 'fetched', source: url, intervalHours: 2 });
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
