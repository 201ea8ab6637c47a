import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import type { ErrorKind } from '../../emulator/types.js';

let emu: Emulator;
let client: OpenAI;

beforeAll(async () => {
  emu = await startEmulator('openai');
  client = new OpenAI({ apiKey: 'sk-test-faults-0000', baseURL: `${emu.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
});

const ask = (c: OpenAI = client) =>
  c.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
const askStream = () =>
  client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'hello' }],
    stream: true,
  });

describe('OpenAI error faults through the SDK', () => {
  it('a 429 with retry-after: 2 and x-should-retry: false is a RateLimitError after exactly one request, even with SDK retries on', async () => {
    const defaultRetries = new OpenAI({ apiKey: 'sk-test-faults-0000', baseURL: `${emu.url}/v1` });
    emu.script({
      fault: {
        type: 'error',
        kind: 'rate_limit',
        headers: { 'retry-after': '2', 'x-should-retry': 'false' },
      },
    });
    const error = await ask(defaultRetries).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.headers.get('retry-after')).toBe('2');
    expect(rateLimit.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(emu.requests).toHaveLength(1);
  });

  const cases: Array<[ErrorKind, number, string | null, unknown]> = [
    ['auth', 401, 'invalid_api_key', OpenAI.AuthenticationError],
    ['permission', 403, 'unsupported_country_region_territory', OpenAI.PermissionDeniedError],
    ['not_found', 404, 'model_not_found', OpenAI.NotFoundError],
    ['invalid', 400, 'empty_array', OpenAI.BadRequestError],
    ['context_length', 400, 'context_length_exceeded', OpenAI.BadRequestError],
    ['rate_limit', 429, 'rate_limit_exceeded', OpenAI.RateLimitError],
    ['quota', 429, 'insufficient_quota', OpenAI.RateLimitError],
    ['server', 500, null, OpenAI.InternalServerError],
    ['unavailable', 503, null, OpenAI.InternalServerError],
    ['overloaded', 503, null, OpenAI.InternalServerError],
    ['content_filter', 400, 'content_filter', OpenAI.BadRequestError],
  ];
  it.each(cases)('kind %s → %i with code %s', async (kind, status, code, errorClass) => {
    emu.script({ fault: { type: 'error', kind } });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass as typeof OpenAI.APIError);
    expect(error).toMatchObject({ status, code });
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: expect.any(String) });
  });

  it('names the requested model in the not_found message and uses a scripted message', async () => {
    emu.script(
      { fault: { type: 'error', kind: 'not_found' } },
      { fault: { type: 'error', kind: 'server', message: 'scripted boom' } },
    );
    await expect(
      client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow('The model `gpt-9` does not exist');
    await expect(ask()).rejects.toThrow('500 scripted boom');
  });

  it('puts step headers on a normal answer', async () => {
    emu.script({ headers: { 'x-ratelimit-remaining-requests': '3' } });
    const { response } = await ask().withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('3');
  });
});

describe('OpenAI transport faults through the SDK', () => {
  it('a cut stream surfaces as an SDK error mid-iteration', async () => {
    emu.script({ text: 'one two three four', chunks: 4, fault: { type: 'cut', afterChunks: 3 } });
    const stream = await askStream();
    const seen: string[] = [];
    const iterate = async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    };
    await expect(iterate()).rejects.toThrow();
    expect(seen.join('')).toBe('one two th');
  });

  it('a malformed chunk makes the SDK throw while parsing', async () => {
    emu.script({ fault: { type: 'malformed', afterChunks: 2 } });
    const stream = await askStream();
    await expect(
      (async () => {
        for await (const _ of stream) {
          // consume
        }
      })(),
    ).rejects.toThrow(SyntaxError);
  });

  it('a stream-error frame becomes an APIError with the vendor message mid-stream', async () => {
    emu.script({ fault: { type: 'stream-error', kind: 'server', afterChunks: 2 } });
    const stream = await askStream();
    let count = 0;
    const error = await (async () => {
      for await (const _ of stream) count++;
    })().catch((e: unknown) => e);
    expect(count).toBe(2);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('The server had an error while processing your request');
  });

  it('a reset becomes an APIConnectionError', async () => {
    emu.script({ fault: { type: 'reset' } });
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('a stall beyond the SDK timeout becomes an APIConnectionTimeoutError', async () => {
    emu.script({ fault: { type: 'stall', ms: 5_000 } });
    const quick = new OpenAI({
      apiKey: 'sk-test-faults-0000',
      baseURL: `${emu.url}/v1`,
      maxRetries: 0,
      timeout: 100,
    });
    const error = await ask(quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await vi.waitFor(() => expect(emu.lastRequest()!.clientClosedEarly).toBe(true));
  });

  it('aborting mid-stream marks the request clientClosedEarly', async () => {
    emu.script({ text: 'a b c d e f', chunks: 6, chunkDelayMs: 30 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true },
      { signal: controller.signal },
    );
    let count = 0;
    // the SDK ends iteration quietly on abort; the emulator must still see the client leave
    for await (const _ of stream) {
      count++;
      if (count === 2) controller.abort();
    }
    expect(count).toBe(2);
    await vi.waitFor(() => expect(emu.lastRequest()!.clientClosedEarly).toBe(true));
  });

  it('breaking out of the loop closes the connection too', async () => {
    emu.script({ text: 'a b c d e f', chunks: 6, chunkDelayMs: 30 });
    const stream = await askStream();
    for await (const _ of stream) break;
    await vi.waitFor(() => expect(emu.lastRequest()!.clientClosedEarly).toBe(true));
  });
});

describe('OpenAI fault presets', () => {
  it('flaky answers every third call with 429 and retry-after: 1', async () => {
    const flaky = await startEmulator('openai', { faults: 'flaky' });
    try {
      const c = new OpenAI({ apiKey: 'sk-test-faults-0000', baseURL: `${flaky.url}/v1`, maxRetries: 0 });
      const outcomes = [];
      for (let i = 0; i < 3; i++)
        outcomes.push(
          await ask(c).then(
            () => 'ok',
            (e: { status?: number; headers?: Headers }) => `${e.status}:${e.headers?.get('retry-after')}`,
          ),
        );
      expect(outcomes).toEqual(['ok', 'ok', '429:1']);
    } finally {
      await flaky.close();
    }
  });
});
