import { describe, expect, it } from 'vitest';
import type { CallWarning } from '../contracts/warning.js';
import {
  CLAUDE_THINKING_BUDGETS,
  claudeSampling,
  claudeThinking,
  claudeThinkingFields,
  claudeThinkingMode,
} from './claude-thinking.js';

const fixed = () => 64_000;
const HAIKU = 'claude-haiku-4-5';

describe('claudeThinkingMode', () => {
  it.each([
    ['claude-opus-4-7', 'adaptive-only'],
    ['claude-opus-4-8', 'adaptive-only'],
    ['claude-sonnet-5', 'adaptive-only'],
    ['claude-opus-5-5', 'adaptive-only'],
    ['claude-opus-5-20270101', 'adaptive-only'],
    ['claude-fable-9-1', 'adaptive-only'],
    ['us.anthropic.claude-sonnet-5-v1:0', 'adaptive-only'],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-7-v1',
      'adaptive-only',
    ],
    ['claude-opus-4-6', 'adaptive'],
    ['claude-opus-4-6-20260205', 'adaptive'],
    ['us.anthropic.claude-sonnet-4-6', 'adaptive'],
    ['anthropic.claude-opus-4-6-v1', 'adaptive'],
    ['us.anthropic.claude-opus-4-6-v1', 'adaptive'],
    ['claude-haiku-4-5', 'budget'],
    ['claude-haiku-4-5-20251001', 'budget'],
    ['claude-sonnet-4-5', 'budget'],
    ['claude-opus-4-5-20251101', 'budget'],
    ['claude-opus-4-1-20250805', 'budget'],
    ['claude-sonnet-4-20250514', 'budget'],
    ['claude-3-7-sonnet-20250219', 'budget'],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'budget'],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'budget'],
    ['claude-mythos-preview', 'budget'],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', 'budget'],
  ] as const)('%s thinks in mode %s', (model, mode) => {
    expect(claudeThinkingMode(model)).toBe(mode);
  });
});

describe('claudeThinking on Claude 4.5 and earlier (extended thinking)', () => {
  it('is undefined without reasoning', () => {
    expect(claudeThinking({ model: HAIKU }, fixed)).toBeUndefined();
    expect(claudeThinking({ model: HAIKU, maxOutputTokens: 100 }, fixed)).toBeUndefined();
  });

  it('thinks at the medium budget for reasoning: {}', () => {
    expect(claudeThinking({ model: HAIKU, reasoning: {} }, fixed)).toEqual({
      type: 'enabled',
      budgetTokens: CLAUDE_THINKING_BUDGETS.medium,
      maxTokens: 64_000,
    });
  });

  it("takes the effort's budget, or the request's own", () => {
    const thinking = claudeThinking({ model: HAIKU, reasoning: { effort: 'high' } }, fixed);
    expect(thinking).toMatchObject({ type: 'enabled', budgetTokens: 16_384 });
    expect(
      claudeThinking({ model: HAIKU, reasoning: { effort: 'low', budgetTokens: 3000 } }, fixed),
    ).toMatchObject({ budgetTokens: 3000 });
  });

  it('keeps max_tokens above the budget, and asks the default for it only without maxOutputTokens', () => {
    const at = (reasoning: object, extra: object, defaults: (budget: number) => number = fixed) =>
      claudeThinking({ model: HAIKU, reasoning, ...extra }, defaults)?.maxTokens;
    expect(
      claudeThinking({ model: HAIKU, reasoning: { budgetTokens: 2048 }, maxOutputTokens: 256 }, fixed),
    ).toEqual({ type: 'enabled', budgetTokens: 2048, maxTokens: 3072 });
    expect(at({ budgetTokens: 2048 }, { maxOutputTokens: 9000 })).toBe(9000);
    expect(at({ effort: 'low' }, {}, (budget) => budget + 4096)).toBe(5120);
    expect(at({ effort: 'low' }, {}, () => 10)).toBe(2048);
  });
});

describe('claudeThinking on Claude 4.6 and later (adaptive thinking)', () => {
  const warnings: CallWarning[] = [];
  const warn = (w: CallWarning) => warnings.push(w);

  it.each(['claude-opus-4-7', 'claude-sonnet-5', 'claude-opus-4-6', 'us.anthropic.claude-sonnet-4-6'])(
    'sends the effort as it is on %s, and no effort for reasoning: {}',
    (model) => {
      warnings.length = 0;
      expect(claudeThinking({ model, reasoning: { effort: 'high' } }, fixed, warn)).toEqual({
        type: 'adaptive',
        effort: 'high',
        maxTokens: 64_000,
      });
      expect(claudeThinking({ model, reasoning: {} }, fixed, warn)).toEqual({
        type: 'adaptive',
        maxTokens: 64_000,
      });
      expect(warnings).toEqual([]);
    },
  );

  it('maps a budget to the nearest effort, and says so', () => {
    warnings.length = 0;
    const effort = (budgetTokens: number) =>
      claudeThinking({ model: 'claude-opus-4-7', reasoning: { budgetTokens } }, fixed, warn);
    expect(effort(1024)).toEqual({ type: 'adaptive', effort: 'low', maxTokens: 64_000 });
    expect(effort(1025)).toMatchObject({ effort: 'medium' });
    expect(effort(4096)).toMatchObject({ effort: 'medium' });
    expect(effort(4097)).toMatchObject({ effort: 'high' });
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toEqual({
      type: 'changed-setting',
      setting: 'reasoning.budgetTokens',
      details: expect.stringMatching(/budgetTokens 1024 was sent as output_config\.effort "low"/),
    });
  });

  it('keeps the effort beside a budget, and warns the budget was not sent', () => {
    warnings.length = 0;
    const thinking = claudeThinking(
      { model: 'claude-sonnet-5', reasoning: { effort: 'low', budgetTokens: 20_000 } },
      fixed,
      warn,
    );
    expect(thinking).toMatchObject({ type: 'adaptive', effort: 'low' });
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'reasoning.budgetTokens', details: expect.any(String) },
    ]);
  });

  it("does not raise max_tokens (there is no budget); the default gets the effort's nominal budget", () => {
    const max = (reasoning: object, maxOutputTokens?: number) =>
      claudeThinking({ model: 'claude-opus-4-7', reasoning, maxOutputTokens }, (budget) => budget + 4096)
        ?.maxTokens;
    expect(max({ effort: 'low' }, 256)).toBe(256);
    expect(max({ effort: 'low' })).toBe(1024 + 4096);
    expect(max({})).toBe(16_384 + 4096);
  });
});

describe('claudeThinkingFields', () => {
  it('sends a budget as extended thinking, an effort as adaptive thinking with the summary on', () => {
    expect(claudeThinkingFields({ type: 'enabled', budgetTokens: 2048, maxTokens: 4096 })).toEqual({
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(claudeThinkingFields({ type: 'adaptive', effort: 'medium', maxTokens: 4096 })).toEqual({
      thinking: { type: 'adaptive', display: 'summarized' },
      output_config: { effort: 'medium' },
    });
    expect(claudeThinkingFields({ type: 'adaptive', maxTokens: 4096 })).toEqual({
      thinking: { type: 'adaptive', display: 'summarized' },
    });
  });
});

describe('claudeSampling', () => {
  it('sends no sampling to Claude 4.7+, with or without thinking, and warns each setting', () => {
    const warnings: CallWarning[] = [];
    const request = { model: 'claude-opus-4-7', temperature: 0.2, topP: 0.9, topK: 5 };
    expect(claudeSampling(request, false, (w) => warnings.push(w))).toEqual({});
    expect(claudeSampling(request, true, (w) => warnings.push(w))).toEqual({});
    expect(warnings.map((w) => w.type === 'unsupported-setting' && w.setting)).toEqual([
      'temperature',
      'topK',
      'topP',
      'temperature',
      'topK',
      'topP',
    ]);
    expect(warnings[0]).toMatchObject({ details: expect.stringContaining('refuses sampling parameters') });
  });

  it('keeps sampling for earlier Claude without thinking, and only what thinking allows with it', () => {
    const warnings: CallWarning[] = [];
    const warn = (w: CallWarning) => warnings.push(w);
    expect(claudeSampling({ model: HAIKU, temperature: 0.2, topP: 0.9, topK: 5 }, false, warn)).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 5,
    });
    expect(warnings).toEqual([]);
    expect(
      claudeSampling({ model: 'claude-opus-4-6', temperature: 0.2, topP: 0.9, topK: 5 }, true, warn),
    ).toEqual({});
    expect(warnings).toHaveLength(3);
    expect(claudeSampling({ model: HAIKU, temperature: 1, topP: 0.95 }, true, warn)).toEqual({
      temperature: 1,
      topP: 0.95,
    });
  });
});
