import { createRuntime, type Runtime } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anthropic } from './anthropic.js';

/**
 * Anthropic bills 5-minute and 1-hour cache writes at different rates (1.25× and 2× input) and
 * reports them apart in `usage.cache_creation`; thinking tokens come in
 * `usage.output_tokens_details`. Both must reach PAL's usage and be priced at their own rates.
 */
let emu: Emulator;
let runtime: Runtime;

beforeAll(async () => {
  emu = await startEmulator('anthropic');
  runtime = createRuntime({
    providers: [anthropic({ apiKey: 'sk-ant-unit-test-cache', baseURL: emu.url })],
    policies: { retry: false },
  });
});
afterAll(async () => {
  await runtime.close();
  await emu.close();
});
beforeEach(() => emu.reset());

const usage = {
  inputTokens: 20_000,
  cachedInputTokens: 4000,
  cacheWriteTokens: 10_000,
  cacheWrite1hTokens: 6000,
  outputTokens: 1000,
};
// Claude Sonnet 5 (Anthropic's price page, as recorded by @pydantic/genai-prices 0.1.8): input $2,
// cache read $0.20, 5-minute write $2.50, 1-hour write $4, output $10 per 1M tokens.
// 6,000 × 2 + 4,000 × 0.2 + 4,000 × 2.5 + 6,000 × 4 = 46,800 per 1M → $0.0468; output 1,000 × 10 → $0.01
const expectedCost = { inputUsd: 0.0468, outputUsd: 0.01, totalUsd: 0.0568 };

describe('anthropic: cache writes by lifetime and thinking tokens', () => {
  it('chat: reads cache_creation and output_tokens_details, and prices each write at its rate', async () => {
    emu.script({ text: 'cached', reasoning: 'thinking it over', usage: { ...usage, reasoningTokens: 300 } });
    const result = await runtime.chat({
      model: 'anthropic/claude-sonnet-5',
      messages: [{ role: 'user', content: 'hello' }],
      reasoning: { budgetTokens: 2048 },
    });
    expect(result.usage).toMatchObject({ ...usage, reasoningTokens: 300, totalTokens: 21_000 });
    expect(result.cost).toEqual(expectedCost);
  });

  it('stream: the same usage and cost from message_start and message_delta', async () => {
    emu.script({ text: 'cached', reasoning: 'thinking it over', usage: { ...usage, reasoningTokens: 300 } });
    const stream = runtime.stream({
      model: 'anthropic/claude-sonnet-5',
      messages: [{ role: 'user', content: 'hello' }],
      reasoning: { budgetTokens: 2048 },
    });
    const result = await stream.result();
    expect(result.usage).toMatchObject({ ...usage, reasoningTokens: 300 });
    expect(result.cost).toEqual(expectedCost);
  });

  it('prices all writes at the 5-minute rate when the vendor reports no lifetimes', async () => {
    emu.script({ text: 'cached', usage: { ...usage, cacheWrite1hTokens: 0 } });
    const result = await runtime.chat({
      model: 'anthropic/claude-sonnet-5',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(result.usage.cacheWrite1hTokens).toBeUndefined();
    // 6,000 × 2 + 4,000 × 0.2 + 10,000 × 2.5 = 37,800 per 1M
    expect(result.cost?.inputUsd).toBe(0.0378);
  });
});
