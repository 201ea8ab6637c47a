import {
  type CallContext,
  type CallWarning,
  type ChatRequestInput,
  createCall,
  createRuntime,
} from '@pal/core';
import { chatRequestSchema } from '@pal/core/provider';
import { describe, expect, it } from 'vitest';
import { adapterFor, useGeminiEmulator } from './gemini.test-support.js';

const emulator = useGeminiEmulator();

const adapter = () => adapterFor(emulator.current);
// Gemini 3 and Gemma ids come and go in the catalog: let any id through, as a live model list would
const runtime = () =>
  createRuntime({
    providers: [{ adapter: adapter(), allowUnknownModels: true }],
    policies: { retry: false },
  });
const ask = (model: string, extra: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  model: `gemini/${model}`,
  messages: [{ role: 'user', content: 'Think it over.' }],
  ...extra,
});
/** The generationConfig the SDK put on the wire, as the emulator received it. */
const sentConfig = () =>
  (emulator.current.lastRequest()!.body as { generationConfig?: Record<string, unknown> }).generationConfig;

describe('gemini reasoning → generationConfig.thinkingConfig, per model family', () => {
  it('Gemini 2.5: effort → thinkingBudget, budgetTokens as given, includeThoughts, no warning', async () => {
    const pal = runtime();
    const medium = await pal.chat(ask('gemini-2.5-flash', { reasoning: { effort: 'medium' } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(medium.warnings).toBeUndefined();
    await pal.chat(ask('gemini-2.5-pro', { reasoning: { budgetTokens: 2048 } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingBudget: 2048, includeThoughts: true });
  });

  it('Gemini 3: effort low / high → thinkingLevel low / high (no budget), includeThoughts, no warning', async () => {
    const pal = runtime();
    for (const effort of ['low', 'high'] as const) {
      const result = await pal.chat(ask('gemini-3-pro-preview', { reasoning: { effort } }));
      expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: effort, includeThoughts: true });
      expect(result.warnings).toBeUndefined();
    }
  });

  it('Gemini 3: effort medium is sent as thinkingLevel high, with a changed-setting warning', async () => {
    const result = await runtime().chat(ask('gemini-3-pro-preview', { reasoning: { effort: 'medium' } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: 'high', includeThoughts: true });
    expect(result.warnings).toEqual<CallWarning[]>([
      {
        type: 'changed-setting',
        setting: 'reasoning.effort',
        details: expect.stringContaining('medium was sent as thinkingLevel "high"'),
      },
    ]);
  });

  it('later Gemini 3.x models take medium as is; a mid-size budget becomes medium', async () => {
    const pal = runtime();
    const medium = await pal.chat(ask('gemini-3.5-flash', { reasoning: { effort: 'medium' } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: 'medium', includeThoughts: true });
    expect(medium.warnings).toBeUndefined();
    const budget = await pal.chat(ask('gemini-3.1-pro-preview', { reasoning: { budgetTokens: 4096 } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: 'medium', includeThoughts: true });
    expect(budget.warnings).toEqual([
      expect.objectContaining({
        setting: 'reasoning.budgetTokens',
        details: expect.stringContaining('4096 tokens was sent as thinkingLevel "medium"'),
      }),
    ]);
  });

  it('Gemini 3 Pro: a mid-size budget is medium, which it lacks, so high (both changes warned)', async () => {
    const result = await runtime().chat(ask('gemini-3-pro-preview', { reasoning: { budgetTokens: 4096 } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: 'high', includeThoughts: true });
    expect(result.warnings).toEqual([
      expect.objectContaining({ details: expect.stringContaining('was sent as thinkingLevel "medium"') }),
      expect.objectContaining({
        details: expect.stringContaining('medium was sent as thinkingLevel "high"'),
      }),
    ]);
  });

  it('Gemini 3: budgetTokens becomes a thinking level (never both, which the API refuses), with a changed-setting warning', async () => {
    const pal = runtime();
    const small = await pal.chat(ask('gemini-3-pro-preview', { reasoning: { budgetTokens: 512 } }));
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: 'low', includeThoughts: true });
    expect(small.warnings).toEqual([
      expect.objectContaining({
        type: 'changed-setting',
        setting: 'reasoning.budgetTokens',
        details: expect.stringContaining('512 tokens was sent as thinkingLevel "low"'),
      }),
    ]);
    const large = await pal
      .stream(ask('gemini-3-pro-preview', { reasoning: { budgetTokens: 16_000 } }))
      .result();
    expect(sentConfig()?.thinkingConfig).toEqual({ thinkingLevel: 'high', includeThoughts: true });
    expect(large.warnings).toEqual([expect.objectContaining({ setting: 'reasoning.budgetTokens' })]);
  });

  it('thought parts come back as reasoning parts (includeThoughts), chat and stream', async () => {
    const pal = runtime();
    emulator.current.script(
      { text: 'It is 4.', reasoning: 'Two and two.' },
      { text: 'It is 4.', reasoning: 'Two and two.' },
    );
    const chat = await pal.chat(ask('gemini-3-pro-preview', { reasoning: { effort: 'high' } }));
    expect(chat.content[0]).toEqual({ type: 'reasoning', text: 'Two and two.' });
    expect(chat.reasoning).toBe('Two and two.');
    const streamed = await pal
      .stream(ask('gemini-3-pro-preview', { reasoning: { effort: 'high' } }))
      .result();
    expect(streamed.reasoning).toBe('Two and two.');
    expect(streamed.text).toBe('It is 4.');
  });

  it.each(['gemma-3-27b-it', 'gemini-2.0-flash-lite', 'gemini-1.5-flash'])(
    '%s does not think: no thinkingConfig, an unsupported-setting warning',
    async (model) => {
      const result = await runtime().chat(ask(model, { reasoning: { effort: 'high' } }));
      expect(sentConfig()?.thinkingConfig).toBeUndefined();
      expect(result.warnings).toEqual([
        expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
      ]);
    },
  );

  it('a non-thinking model called on the adapter directly (no catalog target) also warns', async () => {
    const ctx: CallContext = {
      signal: new AbortController().signal,
      attempt: 1,
      headers: {},
      requestId: 'test',
      call: createCall('chat', 'test'),
    };
    const request = chatRequestSchema.parse({
      model: 'gemini-2.0-flash',
      messages: [{ role: 'user', content: 'Hi' }],
      reasoning: { effort: 'low' },
    });
    await adapter().chat(request, ctx);
    expect(sentConfig()?.thinkingConfig).toBeUndefined();
    expect(ctx.call.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoning' }),
    ]);
  });
});

describe('gemini output cap follows the thinking settings actually sent', () => {
  const cap = (model: string, extra: Partial<ChatRequestInput>) =>
    adapter().maxOutputTokensFor?.(
      chatRequestSchema.parse({ model, messages: [{ role: 'user', content: 'Hi' }], ...extra }),
    );

  it('Gemini 2.5 adds the thinking budget it sends to maxOutputTokens', () => {
    expect(cap('gemini-2.5-flash', { maxOutputTokens: 256, reasoning: { effort: 'high' } })).toBe(
      256 + 24_576,
    );
  });

  it('Gemini 3 sends a level, no budget: the cap is maxOutputTokens (which bounds thoughts too)', () => {
    expect(cap('gemini-3-pro-preview', { maxOutputTokens: 256, reasoning: { effort: 'high' } })).toBe(256);
    expect(cap('gemini-3-pro-preview', { maxOutputTokens: 256, reasoning: { budgetTokens: 8000 } })).toBe(
      256,
    );
  });

  it('a model that does not think gets no budget, so none is added', () => {
    expect(cap('gemini-2.0-flash', { maxOutputTokens: 256, reasoning: { effort: 'low' } })).toBe(256);
    expect(cap('gemma-3-27b-it', { maxOutputTokens: 256, reasoning: { budgetTokens: 4096 } })).toBe(256);
  });

  it("the kernel's estimate uses the same cap", async () => {
    const estimate = await runtime().estimate(
      ask('gemini-3-pro-preview', { maxOutputTokens: 300, reasoning: { effort: 'high' } }),
    );
    expect(estimate.maxOutputTokens).toBe(300);
  });
});
