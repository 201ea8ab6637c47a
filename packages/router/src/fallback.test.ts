import type { StreamEvent } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';
import { chatCalls, hello, palErrorOf, recorder, runtimeFor, useTargets } from './targets.test-support.js';

const targets = useTargets();

const rateLimited = {
  fault: { type: 'error', kind: 'rate_limit', headers: { 'retry-after-ms': '1' } },
} as const;
const serverError = { fault: { type: 'error', kind: 'server' } } as const;

describe('fallback chains', () => {
  it('serves 1,000 calls from anthropic while openai fails (429s, then 500s); the open circuit keeps openai idle until its probe', async () => {
    targets.openai.script(
      ...Array.from({ length: 6 }, () => rateLimited),
      ...Array.from({ length: 3000 }, () => serverError),
    );
    // the breaker's clock moves only when the test says, so the batch cannot outlast the cooldown
    const cooldownMs = 30_000;
    let clock = Date.now();
    const runtime = runtimeFor(targets, {
      policies: {
        circuitBreaker: { failureThreshold: 3, cooldownMs, now: () => clock },
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, budget: false },
      },
    });
    const router = createRouter({ runtime, fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'] });
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await router.chat(hello('auto', `call ${i}`)));
    expect(await runtime.state.circuit('openai')).toBe('open');
    const whenOpened = chatCalls(targets.openai);
    // every call that reached openai was tried at most maxAttempts (2) times before moving on
    const reachedOpenai = results.filter((r) =>
      r.routing.passedOver.some((p) => p.target.startsWith('openai/')),
    ).length;
    expect(whenOpened).toBeLessThanOrEqual(reachedOpenai * 2);

    const batch = await Promise.all(
      Array.from({ length: 990 }, (_, i) => router.chat(hello('auto', `batch ${i}`))),
    );
    results.push(...batch);
    expect(results).toHaveLength(1000);
    expect(new Set(results.map((r) => r.routing.served))).toEqual(new Set(['anthropic/claude-haiku-4-5']));
    expect(results.every((r) => r.text.startsWith('Echo: '))).toBe(true);
    // while open, openai saw nothing more
    expect(chatCalls(targets.openai)).toBe(whenOpened);
    expect(chatCalls(targets.anthropic)).toBe(1000);

    clock += cooldownMs + 1;
    expect(await runtime.state.circuit('openai')).toBe('half-open');
    const probed = await router.chat(hello('auto', 'after the cooldown'));
    expect(probed.routing.served).toBe('anthropic/claude-haiku-4-5');
    // the half-open probe: exactly one request (it fails, so the circuit opens again)
    expect(chatCalls(targets.openai)).toBe(whenOpened + 1);
    expect(await runtime.state.circuit('openai')).toBe('open');
    expect(probed.attempts.map((a) => a.provider)).toEqual(['openai', 'anthropic']);
    await router.close();
  }, 120_000); // a thousand real HTTP round trips: slow on a loaded 2-core CI machine

  it('keeps one request id and one attempts list across targets; the result names the target that served', async () => {
    targets.openai.script(serverError, serverError);
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets),
      fallback: ['anthropic/claude-haiku-4-5'],
      telemetry: sink,
    });
    const result = await router.chat(hello('openai/gpt-4o-mini'));
    expect(result.provider).toBe('anthropic');
    expect(result.routing).toMatchObject({
      served: 'anthropic/claude-haiku-4-5',
      candidates: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      passedOver: [{ target: 'openai/gpt-4o-mini', code: 'PROVIDER_API_ERROR' }],
    });
    expect(result.attempts.map((a) => [a.provider, a.attempt, a.error?.code])).toEqual([
      ['openai', 1, 'PROVIDER_API_ERROR'],
      ['openai', 2, 'PROVIDER_API_ERROR'],
      ['anthropic', 3, undefined],
    ]);
    const ids = new Set(events.map((e) => e.requestId));
    expect(ids).toEqual(new Set([result.requestId]));
    expect(events.find((e) => e.type === 'fallback')).toMatchObject({
      from: 'openai/gpt-4o-mini',
      to: 'anthropic/claude-haiku-4-5',
    });
    expect(events.find((e) => e.type === 'route')).toMatchObject({ strategy: 'in_order' });
  });

  it('does not fall back on auth errors or INVALID_REQUEST unless configured', async () => {
    targets.openai.script({ fault: { type: 'error', kind: 'auth' } });
    const router = createRouter({ runtime: runtimeFor(targets), fallback: ['anthropic/claude-haiku-4-5'] });
    const error = await palErrorOf(router.chat(hello('openai/gpt-4o-mini')));
    expect(error.code).toBe('PROVIDER_AUTH_ERROR');
    expect(chatCalls(targets.anthropic)).toBe(0);

    targets.openai.script({ fault: { type: 'error', kind: 'invalid' } });
    const permissive = createRouter({
      runtime: runtimeFor(targets),
      fallback: ['anthropic/claude-haiku-4-5'],
      fallbackOn: ['INVALID_REQUEST'],
    });
    expect((await permissive.chat(hello('openai/gpt-4o-mini'))).provider).toBe('anthropic');
  });

  it('moves a CONTEXT_LENGTH_EXCEEDED call to a model with a larger window, past one that is no larger', async () => {
    targets.openai.script({ fault: { type: 'error', kind: 'context_length' } });
    const runtime = runtimeFor(targets);
    // an 8k model, another 8k one, then a 128k one
    runtime.registry.register(runtime.registry.get('openai'), {
      models: { 'gpt-4o-mini': { contextWindow: 8192 }, 'gpt-4o': { contextWindow: 8192 } },
    });
    const router = createRouter({ runtime, fallback: ['openai/gpt-4o', 'anthropic/claude-haiku-4-5'] });
    const result = await router.chat(hello('openai/gpt-4o-mini'));
    expect(result.routing.served).toBe('anthropic/claude-haiku-4-5');
    expect(result.routing.passedOver).toEqual([
      expect.objectContaining({ target: 'openai/gpt-4o-mini', code: 'CONTEXT_LENGTH_EXCEEDED' }),
    ]);
    expect(chatCalls(targets.openai)).toBe(1); // gpt-4o (8k too) was not tried
  });

  it('asks approveSwitch before moving on; a veto ends the call with the last error', async () => {
    const asked: unknown[] = [];
    targets.openai.script(serverError, serverError);
    const router = createRouter({
      runtime: runtimeFor(targets),
      fallback: ['anthropic/claude-haiku-4-5'],
      approveSwitch: (request) => {
        asked.push(request);
        return false;
      },
    });
    const error = await palErrorOf(router.chat(hello('openai/gpt-4o-mini')));
    expect(error.code).toBe('PROVIDER_API_ERROR');
    expect(error.provider).toBe('openai');
    expect(asked).toEqual([
      expect.objectContaining({
        from: 'openai/gpt-4o-mini',
        to: 'anthropic/claude-haiku-4-5',
        reason: expect.stringMatching(/^PROVIDER_API_ERROR: /),
      }),
    ]);
    expect(chatCalls(targets.anthropic)).toBe(0);
  });

  it('lists every candidate and why when none can serve', async () => {
    targets.openai.script(serverError, serverError);
    const overloaded = {
      fault: { type: 'error', kind: 'overloaded', headers: { 'retry-after-ms': '1' } },
    } as const;
    targets.anthropic.script(overloaded, overloaded);
    const runtime = runtimeFor(targets);
    runtime.registry.disable('ollama');
    const router = createRouter({
      runtime,
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5', 'ollama/llama3.2'],
    });
    const error = await palErrorOf(router.chat(hello('auto')));
    expect(error.message).toMatch(
      /^No target could serve the call: ollama\/llama3.2: the provider is disabled; openai\/gpt-4o-mini: .+; anthropic\/claude-haiku-4-5: .+$/,
    );
    expect((error.details as { candidates: unknown[] }).candidates).toEqual([
      { target: 'ollama/llama3.2', code: 'PROVIDER_NOT_FOUND', reason: 'the provider is disabled' },
      expect.objectContaining({ target: 'openai/gpt-4o-mini', code: 'PROVIDER_API_ERROR' }),
      expect.objectContaining({ target: 'anthropic/claude-haiku-4-5', code: 'OVERLOADED' }),
    ]);
    expect(error.retryable).toBe(true);
  });
});

describe('streams', () => {
  async function drain(stream: AsyncIterable<StreamEvent>) {
    const events: StreamEvent[] = [];
    for await (const event of stream) events.push(event);
    return events;
  }

  it('falls back transparently when a stream fails before its first token', async () => {
    targets.openai.script(serverError, serverError);
    const router = createRouter({ runtime: runtimeFor(targets), fallback: ['anthropic/claude-haiku-4-5'] });
    const stream = router.stream(hello('openai/gpt-4o-mini', 'stream me'));
    const events = await drain(stream);
    expect(events[0]).toMatchObject({ type: 'start', provider: 'anthropic' });
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const result = await stream.result();
    expect(result.text).toBe('Echo: stream me');
    expect(result.routing.served).toBe('anthropic/claude-haiku-4-5');
    expect(result.attempts.map((a) => a.provider)).toEqual(['openai', 'openai', 'anthropic']);
  });

  it('ends with a typed error event and no second upstream request when it fails after its first token', async () => {
    targets.openai.script({ chunks: 6, fault: { type: 'cut', afterChunks: 3 } });
    const router = createRouter({
      runtime: runtimeFor(targets, { policies: { retry: false } }),
      fallback: ['anthropic/claude-haiku-4-5'],
    });
    const stream = router.stream(hello('openai/gpt-4o-mini', 'a long answer please'));
    const events = await drain(stream);
    expect(events.some((e) => e.type === 'text-delta')).toBe(true);
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    // the cut connection, as the kernel maps it for the target that was serving
    expect(last?.type === 'error' && [last.error.code, last.error.provider]).toEqual([
      'NETWORK_ERROR',
      'openai',
    ]);
    await expect(stream.result()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(chatCalls(targets.openai)).toBe(1);
    expect(chatCalls(targets.anthropic)).toBe(0);
  });
});
