/**
 * Runs every recipe in docs/recipes against the testkit's OpenAI and Anthropic emulators and checks
 * what it claims: the answers, what was sent upstream, and what came back.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createRuntime, isPalError } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as budget from '../recipes/budget.js';
import * as jsonOutput from '../recipes/json-output.js';
import * as readingAnError from '../recipes/reading-an-error.js';
import * as retryWithoutFallback from '../recipes/retry-without-fallback.js';
import * as streaming from '../recipes/streaming.js';
import * as toolRoundTrip from '../recipes/tool-round-trip.js';
import * as twoProviders from '../recipes/two-providers.js';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

let oai: Emulator;
let ant: Emulator;
let printed: string[];
const print = (line: string) => void printed.push(line);

beforeAll(async () => {
  [oai, ant] = await Promise.all([startEmulator('openai'), startEmulator('anthropic')]);
});
afterAll(async () => {
  await Promise.all([oai?.close(), ant?.close()]);
});
beforeEach(() => {
  oai.reset();
  ant.reset();
  printed = [];
});

const bodyOf = (emulator: Emulator, call: number) =>
  emulator.requests.find((r) => r.call === call)?.body as Record<string, any>;

describe('two-providers.ts', () => {
  it('gets an answer from each provider, OpenAI under /v1/chat/completions and Anthropic under /v1/messages', async () => {
    const answers = await twoProviders.main({ openaiURL: oai.url, anthropicURL: ant.url, print });

    expect(answers.map((a) => [a.provider, a.model, a.text])).toEqual([
      ['openai', 'gpt-5.4-mini', 'Echo: Name one planet.'],
      ['anthropic', 'claude-haiku-4-5', 'Echo: Name one planet.'],
    ]);
    for (const answer of answers) {
      expect(answer.totalTokens).toBeGreaterThan(0);
      expect(answer.costUsd).toBeGreaterThan(0);
    }
    expect(oai.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions']);
    expect(ant.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/messages']);
    expect(printed[0]).toMatch(/^openai\/gpt-5.4-mini: Echo: Name one planet\. \(\d+ tokens, \$0\.\d{6}\)$/);
    expect(printed[1]).toMatch(/^anthropic\/claude-haiku-4-5: Echo: Name one planet\./);
  });

  it('is right about the base URL rule: OpenAI without /v1, or Anthropic with it, misses the API', async () => {
    const pal = createRuntime({
      providers: [
        openai({ apiKey: 'sk-local', baseURL: oai.url }),
        anthropic({ apiKey: 'sk-ant-local', baseURL: `${ant.url}/v1` }),
      ],
    });
    try {
      const hints = {
        'openai/gpt-5.4-mini':
          "openai has no such endpoint (404): check the provider's baseURL (for the OpenAI SDK it ends in /v1, e.g. https://api.openai.com/v1).",
        'anthropic/claude-haiku-4-5':
          "anthropic has no such endpoint (404): check the provider's baseURL (the Anthropic SDK adds /v1 itself: leave it out, e.g. https://api.anthropic.com).",
      };
      for (const [model, userMessage] of Object.entries(hints)) {
        const error = await pal.chat({ model, messages: [{ role: 'user', content: 'Hi' }] }).catch((e) => e);
        expect(isPalError(error)).toBe(true);
        expect([error.code, error.status, error.userMessage]).toEqual([
          'PROVIDER_API_ERROR',
          404,
          userMessage,
        ]);
      }
    } finally {
      await pal.close();
    }
    expect(oai.requests.map((r) => r.path)).toEqual(['/chat/completions']);
    expect(ant.requests.map((r) => r.path)).toEqual(['/v1/v1/messages']);
  });
});

describe('streaming.ts', () => {
  it('prints the deltas as they arrive, then usage and cost from the finish event', async () => {
    let written = '';
    const { deltas, finish, result } = await streaming.main({
      openaiURL: oai.url,
      write: (text) => {
        written += text;
      },
    });

    const answer = 'Echo: Tell me a short story about a lighthouse.';
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(answer);
    expect(finish.finishReason).toBe('stop');
    expect(finish.usage.outputTokens).toBeGreaterThan(0);
    expect(finish.usage.estimated).toBeUndefined(); // the vendor's own count (stream_options.include_usage)
    expect(finish.cost.totalUsd).toBeGreaterThan(0);
    expect(result.text).toBe(answer);
    expect(result.usage).toEqual(finish.usage);
    expect(result.cost).toEqual(finish.cost);
    expect(result.attempts).toHaveLength(1);
    expect(written.startsWith(`${answer}\n[stop] `)).toBe(true);
    expect(written).toContain(`$${finish.cost.totalUsd.toFixed(6)}`);
    expect(oai.requests).toHaveLength(1); // stream.result() sent nothing more
    expect(bodyOf(oai, 1).stream).toBe(true);
  });
});

describe('tool-round-trip.ts', () => {
  it('runs the tool the model asked for and gets a final answer built from its result', async () => {
    const { answer, rounds, calls } = await toolRoundTrip.main({ anthropicURL: ant.url, print });

    expect(rounds).toBe(2);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    // the emulator fills the schema with plausible values; `unit` is the zod default when it left it out
    expect(call!.arguments).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(call!.output).toEqual({ city: 'Paris', unit: 'celsius', temperature: 18, sky: 'clear' });
    expect(answer).toContain(JSON.stringify(call!.output));

    // the second request carried the assistant's tool_use and the app's tool_result, matched by id
    expect(ant.requests).toHaveLength(2);
    const second = bodyOf(ant, 2);
    const blocks = second.messages.flatMap((m: any) => (Array.isArray(m.content) ? m.content : []));
    expect(blocks.find((b: any) => b.type === 'tool_use')).toMatchObject({
      id: call!.id,
      name: 'get_weather',
    });
    const result = blocks.find((b: any) => b.type === 'tool_result');
    expect(result.tool_use_id).toBe(call!.id);
    expect(JSON.stringify(result.content)).toContain('temperature');
    expect(bodyOf(ant, 1).tools[0].input_schema.properties.city.type).toBe('string');
  });
});

describe('json-output.ts', () => {
  it('gets an object that matches the zod schema from both providers', async () => {
    const cities = await jsonOutput.main({ openaiURL: oai.url, anthropicURL: ant.url, print });

    expect(cities.map((c) => c.model)).toEqual(['openai/gpt-5.4-mini', 'anthropic/claude-haiku-4-5']);
    for (const { city } of cities) {
      expect(jsonOutput.CitySchema.safeParse(city).success).toBe(true);
      expect(Object.keys(city).sort()).toEqual(['city', 'country', 'landmarks', 'population']);
      expect(Number.isInteger(city.population) && city.population > 0).toBe(true);
      expect(city.landmarks.length).toBeGreaterThan(0);
    }
    // the schema went to each vendor in its own form
    const format = bodyOf(oai, 1).response_format;
    expect(format.type).toBe('json_schema');
    expect(Object.keys(format.json_schema.schema.properties).sort()).toEqual([
      'city',
      'country',
      'landmarks',
      'population',
    ]);
    const anthropicBody = bodyOf(ant, 1);
    expect(anthropicBody.tool_choice.type).toBe('tool');
    const forced = anthropicBody.tools.find((t: any) => t.name === anthropicBody.tool_choice.name);
    expect(Object.keys(forced.input_schema.properties).sort()).toEqual([
      'city',
      'country',
      'landmarks',
      'population',
    ]);
  });
});

describe('budget.ts', () => {
  it('settles a call that fits, refuses one that could overshoot before sending it, and reports headroom', async () => {
    const { small, day, refused, afterRefusal } = await budget.main({ openaiURL: oai.url, print });

    expect(small.cost.totalUsd).toBeGreaterThan(0);
    expect(day.limitUsd).toBe(0.001);
    expect(day.spentUsd).toBeCloseTo(small.cost.totalUsd, 9); // settled to the actual cost
    expect(day.remainingUsd).toBeCloseTo(0.001 - small.cost.totalUsd, 9);
    expect(refused.code).toBe('BUDGET_EXCEEDED');
    expect(refused.retryable).toBe(false);
    expect(refused.message).toContain('global:day');
    expect(oai.requests).toHaveLength(1); // the refused call never reached the vendor
    const after = afterRefusal?.scopes.find((s) => s.scope === 'global:day');
    expect(after?.spentUsd).toBeCloseTo(day.spentUsd, 9); // and nothing stayed reserved for it
    expect(printed.at(-1)).toMatch(/^refused \(BUDGET_EXCEEDED, not sent\): /);
  });
});

describe('retry-without-fallback.ts', () => {
  it('retries the 429 once on the same provider, after waiting the retry-after second', async () => {
    const { result, retries, elapsedMs } = await retryWithoutFallback.main({ emulator: oai, print });

    expect(result.text).toBe('Echo: Hello after a rate limit');
    expect(result.attempts).toHaveLength(2);
    const [first, second] = result.attempts;
    expect(first!.error?.code).toBe('PROVIDER_RATE_LIMIT_ERROR');
    expect(first!.error?.retryAfterMs).toBe(1000);
    expect(second!.error).toBeUndefined();
    expect(result.attempts.every((a) => a.provider === 'openai')).toBe(true); // no fallback
    expect(retries).toEqual([{ attempt: 1, delayMs: 1000, code: 'PROVIDER_RATE_LIMIT_ERROR' }]);
    expect(elapsedMs).toBeGreaterThanOrEqual(990); // the back-off alone is at most 50 ms
    expect(oai.requests).toHaveLength(2);
    expect(printed).toContain('attempt 2: ok');
  });
});

describe('reading-an-error.ts', () => {
  it("reads each mistake's code, userMessage, action, retryable and path", async () => {
    const { typo, unknownField, badKey } = await readingAnError.main({ openaiURL: oai.url, print });

    expect(typo).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      userMessage: 'There is no model "openai/gpt-5.4-mnii" at openai. Did you mean "openai/gpt-5.4-mini"?',
      action: 'pick-another-model',
      retryable: false,
      path: ['model'],
    });
    expect(unknownField).toMatchObject({
      code: 'INVALID_REQUEST',
      action: 'fix-request',
      retryable: false,
      path: ['temprature'],
    });
    expect(unknownField.userMessage).toContain('did you mean "temperature"?');
    expect(badKey).toMatchObject({
      code: 'PROVIDER_AUTH_ERROR',
      userMessage: 'Your OpenAI API key is invalid. Please check and try again.',
      action: 're-enter-key',
      retryable: false,
      status: 401,
    });
    expect(badKey.path).toBeUndefined();
    // only the wrong key reached the vendor: the other two were caught before sending
    expect(oai.requests).toHaveLength(1);
    expect(printed).toContain('  code        MODEL_NOT_FOUND');
    expect(printed).toContain('  status      401');
  });
});

describe('each recipe on its own', () => {
  const tsx = join(docsDir, 'node_modules', '.bin', 'tsx');
  const expected: Record<string, RegExp> = {
    'budget.ts': /^refused \(BUDGET_EXCEEDED, not sent\)/m,
    'json-output.ts': /^anthropic\/claude-haiku-4-5: Paris, France/m,
    'reading-an-error.ts': /^ {2}code {8}PROVIDER_AUTH_ERROR$/m,
    'retry-without-fallback.ts': /^answer after 2 attempts/m,
    'streaming.ts': /^Echo: Tell me a short story about a lighthouse\.\n\[stop\]/m,
    'tool-round-trip.ts': /^answer: Tool result received: \{"city":"Paris"/m,
    'two-providers.ts': /^anthropic\/claude-haiku-4-5: Echo: Name one planet\./m,
  };

  it('covers every recipe file', () => {
    const files = readdirSync(join(docsDir, 'recipes')).filter((f) => f.endsWith('.ts'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.concurrent.each(Object.entries(expected))(
    '%s runs with tsx against emulators it starts itself',
    async (file, output) => {
      const { stdout } = await run(tsx, [join('recipes', file)], { cwd: docsDir, timeout: 50_000 });
      expect(stdout).toMatch(output);
    },
    60_000, // a process each, started together: slow on a busy machine
  );
});
