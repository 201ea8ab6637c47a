import { createRuntime, type Runtime, type StreamEvent } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureOpenAI } from './azure-openai.js';
import { openai } from './openai.js';
import { TEST_KEY } from './openai.test-support.js';

/** The OpenAI provider through PAL's runtime: what a caller sees. */

let emu: Emulator;
let runtime: Runtime;

beforeAll(async () => {
  emu = await startEmulator('openai');
  runtime = createRuntime({
    providers: [
      openai({ apiKey: TEST_KEY, baseURL: `${emu.url}/v1`, maxEmbeddingsPerCall: 2 }),
      azureOpenAI({ endpoint: emu.url, apiKey: TEST_KEY, deployments: { 'prod-4o': 'gpt-4o' } }),
    ],
    policies: { retry: false, circuitBreaker: false },
  });
});
afterAll(async () => {
  await runtime.close();
  await emu.close();
});
beforeEach(() => emu.reset());

const hi = [{ role: 'user' as const, content: 'Hi' }];

describe('through createRuntime', () => {
  it('an o-series answer reports reasoning tokens in usage, priced from the catalog', async () => {
    emu.script({ text: '42', usage: { inputTokens: 1000, outputTokens: 1000, reasoningTokens: 800 } });
    const result = await runtime.chat({
      model: 'openai/o3-mini',
      messages: hi,
      reasoning: { effort: 'low' },
    });
    expect(result.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 1000,
      totalTokens: 2000,
      reasoningTokens: 800,
    });
    // o3-mini: $1.10 in, $4.40 out per 1M tokens
    expect(result.cost).toEqual({ inputUsd: 0.0011, outputUsd: 0.0044, totalUsd: 0.0055 });
  });

  it('streamed tool-call deltas become complete tool-call events with parsed arguments', async () => {
    const toolCalls = [{ id: 'call_x', name: 'lookup', arguments: { q: 'pal', limit: 3 } }];
    emu.script({ toolCalls, chunks: 4 });
    const events: StreamEvent[] = [];
    const tools = [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
    for await (const event of runtime.stream({ model: 'openai/gpt-4o-mini', messages: hi, tools })) {
      events.push(event);
    }
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([{ type: 'tool-call', ...toolCalls[0] }]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
  });

  it('embeds many inputs in batches of maxEmbeddingsPerCall, one vector per input, priced', async () => {
    const input = ['one', 'two', 'three', 'four', 'five'];
    const result = await runtime.embed({ model: 'openai/text-embedding-3-small', input, dimensions: 4 });
    expect(emu.requests).toHaveLength(3);
    expect(result.embeddings).toHaveLength(5);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.cost.inputUsd).toBeGreaterThan(0);
  });

  it('generates an image, priced per image from the catalog', async () => {
    const result = await runtime.generateImage({ model: 'openai/dall-e-3', prompt: 'a lighthouse', n: 1 });
    expect(emu.lastRequest()?.path).toBe('/v1/images/generations');
    expect(result.images).toHaveLength(1);
    expect(result.images[0]?.data?.length).toBeGreaterThan(100);
    expect(result.cost.totalUsd).toBe(0.04);
  });

  it('an Azure deployment is priced as the model it serves (deployments map)', async () => {
    emu.script({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 500 } });
    const result = await runtime.chat({ model: 'azure/prod-4o', messages: hi });
    expect(emu.lastRequest()?.path).toBe('/openai/deployments/prod-4o/chat/completions');
    expect(result.provider).toBe('azure');
    expect(result.cost.totalUsd).toBe(0.0075);
  });

  it('a streamed answer always carries usage and cost (stream_options.include_usage)', async () => {
    emu.script({ text: 'streamed', usage: { inputTokens: 1000, outputTokens: 500 } });
    const result = await runtime.stream({ model: 'openai/gpt-4o', messages: hi }).result();
    expect(result.text).toBe('streamed');
    expect(result.usage).toEqual({ inputTokens: 1000, outputTokens: 500, totalTokens: 1500 });
    expect(result.cost.totalUsd).toBe(0.0075);
  });
});
