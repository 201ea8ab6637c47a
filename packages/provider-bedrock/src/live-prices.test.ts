import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRuntime, type ModelInfo, type Runtime } from '@pal/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from './catalog.generated.js';
import { adapterFor, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const HAIKU_45 = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const TITAN_V2 = 'amazon.titan-embed-text-v2:0';

// price data in @pydantic/genai-prices' published shape: Haiku 4.5 repriced ($1 / $5 bundled), and
// a Titan entry whose match takes V2 for V1 as the real data does (V2 is priced by hand and pinned)
const PRICE_DATA = [
  {
    id: 'aws',
    name: 'AWS Bedrock',
    models: [
      {
        id: 'claude-haiku-4-5',
        match: { contains: 'claude-haiku-4-5' },
        prices: { input_mtok: 2, output_mtok: 8 },
      },
      {
        id: 'amazon.titan-embed-text-v1',
        match: { contains: 'titan-embed-text' },
        prices: { input_mtok: 0.1 },
      },
    ],
  },
];

let server: Server;
let url: string;
const runtimes: Runtime[] = [];
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(PRICE_DATA));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
});
afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.close();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refreshing = (adapter = adapterFor(emulator.current)) => {
  const runtime = createRuntime({
    providers: [adapter],
    policies: { retry: false },
    pricing: { intervalHours: 24, refreshUrl: url },
  });
  runtimes.push(runtime);
  return runtime;
};

describe('bedrock() reports where its prices came from, so a live refresh re-prices it', () => {
  it("the bundled catalog's prices, with the hand-priced Titan V2 pinned", () => {
    expect(adapterFor(emulator.current).prices).toEqual(catalog.prices);
    expect(catalog.prices?.pinned).toEqual([TITAN_V2]);
  });

  it('a model the caller adds or replaces is pinned: its price is the caller’s', () => {
    const own: ModelInfo = {
      ...catalog.models.find((m) => m.id === HAIKU_45)!,
      pricing: { inputPerMTok: 9, outputPerMTok: 9 },
    };
    expect(adapterFor(emulator.current, { models: [own] }).prices?.pinned).toEqual([TITAN_V2, HAIKU_45]);
  });

  it('after a refresh, a chat on a catalog model costs the refreshed price; the pinned Titan V2 keeps its own', async () => {
    const pal = refreshing();
    expect(await pal.pricing.refresh()).toMatchObject({ outcome: 'ok' });
    const chat = await pal.chat({
      model: `bedrock/${HAIKU_45}`,
      messages: [{ role: 'user', content: 'Hi there' }],
    });
    const { inputTokens, outputTokens } = chat.usage;
    expect(chat.cost.totalUsd).toBeCloseTo((inputTokens * 2 + outputTokens * 8) / 1e6, 12);
    const embedded = await pal.embed({ model: `bedrock/${TITAN_V2}`, input: 'hello world' });
    expect(embedded.cost?.totalUsd).toBeCloseTo((embedded.usage!.inputTokens * 0.02) / 1e6, 12);
  });

  it('a model the caller priced keeps that price after a refresh', async () => {
    const own: ModelInfo = {
      ...catalog.models.find((m) => m.id === HAIKU_45)!,
      pricing: { inputPerMTok: 9, outputPerMTok: 9 },
    };
    const pal = refreshing(adapterFor(emulator.current, { models: [own] }));
    await pal.pricing.refresh();
    const chat = await pal.chat({
      model: `bedrock/${HAIKU_45}`,
      messages: [{ role: 'user', content: 'Hi there' }],
    });
    expect(chat.cost.totalUsd).toBeCloseTo((chat.usage.totalTokens * 9) / 1e6, 12);
  });
});
