import { createCall } from '../kernel/call-state.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../contracts/adapter.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import { PalError } from '../errors/pal-error.js';
import { CallAbort, lazySignalContext } from '../kernel/call-abort.js';
import {
  callContext,
  chatRequest,
  collect,
  eventsOf,
  fakeNext,
  palError,
  runChat,
  runStream,
  streamEventsFor,
  textResult,
} from './fake-next.test-support.js';
import { timeout } from './timeout.js';

/** Resolves after `ms`, or rejects like an SDK (a non-Pal abort error) when `signal` aborts. */
function sdkDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('Request was aborted.'));
    });
  });
}

const never = () => new Promise<never>(() => {});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('timeout (chat)', () => {
  it('returns a call that finishes in time and leaves no timer behind', async () => {
    const next = fakeNext({
      chat: async (_r, ctx) => {
        await sdkDelay(50, ctx.signal);
        return textResult('ok');
      },
    });
    const call = runChat(timeout({ totalMs: 100 }), chatRequest(), callContext(), next);
    await vi.advanceTimersByTimeAsync(50);
    await expect(call).resolves.toMatchObject({ content: [{ type: 'text', text: 'ok' }] });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts the call at the deadline and throws TIMEOUT instead of what the SDK threw', async () => {
    let seen: CallContext | undefined;
    const next = fakeNext({
      chat: async (_r, ctx) => {
        seen = ctx;
        await sdkDelay(10_000, ctx.signal);
        return textResult('late');
      },
    });
    const now = Date.now();
    const call = runChat(timeout({ totalMs: 100 }), chatRequest(), callContext(), next).catch((e) => e);
    await vi.advanceTimersByTimeAsync(100);
    const error = await call;
    expect(error).toBeInstanceOf(PalError);
    expect(error).toMatchObject({ code: 'TIMEOUT', provider: 'acme', model: 'm1', retryable: true });
    expect(error.details).toEqual({ timeout: 'total', timeoutMs: 100 });
    expect(seen?.signal.aborted).toBe(true);
    expect(seen?.deadline).toBe(now + 100);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('throws TIMEOUT on time even when the layer below ignores the signal', async () => {
    const next = fakeNext({ chat: never });
    const call = runChat(timeout({ totalMs: 100 }), chatRequest(), callContext(), next).catch((e) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(await call).toMatchObject({ code: 'TIMEOUT' });
  });

  it('keeps an earlier deadline set by the caller', async () => {
    const next = fakeNext();
    const deadline = Date.now() + 10;
    await runChat(timeout({ totalMs: 100 }), chatRequest(), callContext({ deadline }), next);
    expect(next.contexts[0]?.deadline).toBe(deadline);
  });

  it('passes on a failure that happens before the timeout', async () => {
    const error = palError('INVALID_REQUEST');
    const next = fakeNext({ chat: () => Promise.reject(error) });
    await expect(runChat(timeout({ totalMs: 100 }), chatRequest(), callContext(), next)).rejects.toBe(error);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('forwards the caller abort to the layers below as ABORTED', async () => {
    const controller = new AbortController();
    const next = fakeNext({
      chat: async (_r, ctx) => {
        await sdkDelay(10_000, ctx.signal);
        return textResult('x');
      },
    });
    const call = runChat(
      timeout({ totalMs: 5000 }),
      chatRequest(),
      callContext({ signal: controller.signal }),
      next,
    ).catch((e) => e);
    controller.abort();
    expect(await call).toMatchObject({ code: 'ABORTED', provider: 'acme' });
    expect(next.contexts[0]?.signal.aborted).toBe(true);
  });

  it("links to a runtime call's lazy signal without creating it, and forwards its abort", async () => {
    const readSignal = vi.spyOn(CallAbort.prototype, 'signal', 'get');
    const abort = new CallAbort();
    const ctx = lazySignalContext(abort, {
      attempt: 1,
      headers: {},
      requestId: 'req-lazy',
      call: createCall('chat', 'req-lazy'),
    });
    const next = fakeNext({
      chat: async (_r, below) => {
        await sdkDelay(10_000, below.signal);
        return textResult('x');
      },
    });
    const call = runChat(timeout({ totalMs: 5000 }), chatRequest(), ctx, next).catch((e) => e);
    const closed = new PalError({ code: 'ABORTED', message: 'closed' });
    abort.abort(closed);
    expect(await call).toBe(closed);
    expect(next.contexts[0]?.signal.aborted).toBe(true);
    expect(next.contexts[0]?.requestId).toBe('req-lazy');
    expect(readSignal).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    readSignal.mockRestore();
  });

  it('fails at once when the caller signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const next = fakeNext({ chat: never });
    await expect(
      runChat(timeout({ totalMs: 5000 }), chatRequest(), callContext({ signal: controller.signal }), next),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('passes through when switched off or unconfigured, and merges a per-call override', async () => {
    const offCtx = callContext({ overrides: { timeout: false } });
    const off = fakeNext();
    await runChat(timeout({ totalMs: 100 }), chatRequest(), offCtx, off);
    expect(off.contexts[0]).toBe(offCtx);

    const none = fakeNext();
    await runChat(timeout(), chatRequest(), callContext(), none);
    expect(none.contexts[0]?.deadline).toBeUndefined();

    const short = fakeNext({ chat: never });
    const call = runChat(
      timeout({ totalMs: 5000 }),
      chatRequest(),
      callContext({ overrides: { timeout: { totalMs: 20 } } }),
      short,
    ).catch((e) => e);
    await vi.advanceTimersByTimeAsync(20);
    expect(await call).toMatchObject({ code: 'TIMEOUT', details: { timeoutMs: 20 } });
  });

  it('bounds embed and generateImage too', async () => {
    const next = fakeNext({ embed: never, generateImage: never });
    const policy = timeout({ totalMs: 30 });
    const embed = policy.embed?.({ model: 'e', input: 'x' }, callContext(), next).catch((e) => e);
    const image = policy
      .generateImage?.({ model: 'i', prompt: 'x', n: 1 }, callContext(), next)
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(30);
    expect(await embed).toMatchObject({ code: 'TIMEOUT', model: 'e' });
    expect(await image).toMatchObject({ code: 'TIMEOUT', model: 'i' });
  });

  it('rejects bad options with CONFIG_ERROR naming the option', () => {
    expect(() => timeout({ totalMs: -1 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', path: ['timeout', 'totalMs'] }),
    );
    expect(() => timeout({ idleMs: Number.NaN })).toThrow(/timeout.idleMs: expected a number, got NaN/);
  });
});

describe('timeout (stream)', () => {
  const events = streamEventsFor(textResult('hello'));

  /** Yields `events`, waiting `gaps[i]` ms (abortably) before event i. */
  async function* paced(gaps: number[], signal: AbortSignal): AsyncGenerator<ProviderStreamEvent> {
    for (const [i, event] of events.entries()) {
      await sdkDelay(gaps[i] ?? 0, signal);
      yield event;
    }
  }

  it('lets a stream run past idleMs in total as long as events keep coming', async () => {
    const next = fakeNext({ stream: (_r, ctx) => paced([50, 50, 50, 50, 50], ctx.signal) });
    const out = collect(runStream(timeout({ idleMs: 80 }), chatRequest(), callContext(), next));
    await vi.advanceTimersByTimeAsync(300);
    expect(await out).toEqual(events);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not count the time the caller holds an event as silence', async () => {
    const next = fakeNext({ stream: (_r, ctx) => paced([0, 0, 0, 0, 0], ctx.signal) });
    const seen: ProviderStreamEvent[] = [];
    const run = (async () => {
      for await (const event of runStream(timeout({ idleMs: 100 }), chatRequest(), callContext(), next)) {
        seen.push(event);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
    await vi.advanceTimersByTimeAsync(1000);
    await run;
    expect(seen).toEqual(events);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fails with an idle TIMEOUT when the stream goes quiet', async () => {
    const next = fakeNext({ stream: (_r, ctx) => paced([0, 10, 500], ctx.signal) });
    const seen: ProviderStreamEvent[] = [];
    const run = (async () => {
      for await (const event of runStream(timeout({ idleMs: 100 }), chatRequest(), callContext(), next))
        seen.push(event);
    })().catch((e) => e);
    await vi.advanceTimersByTimeAsync(200);
    expect(await run).toMatchObject({ code: 'TIMEOUT', details: { timeout: 'idle', timeoutMs: 100 } });
    expect(seen).toEqual(events.slice(0, 2));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fails with a total TIMEOUT even when events keep coming', async () => {
    const next = fakeNext({ stream: (_r, ctx) => paced([40, 40, 40, 40, 40], ctx.signal) });
    const run = collect(
      runStream(timeout({ totalMs: 100, idleMs: 60 }), chatRequest(), callContext(), next),
    ).catch((e) => e);
    await vi.advanceTimersByTimeAsync(200);
    expect(await run).toMatchObject({ code: 'TIMEOUT', details: { timeout: 'total' } });
  });

  it('times out a stream whose upstream ignores the signal', async () => {
    async function* stuck(): AsyncGenerator<ProviderStreamEvent> {
      yield events[0] as ProviderStreamEvent;
      await never();
    }
    const next = fakeNext({ stream: () => stuck() });
    const run = collect(runStream(timeout({ idleMs: 50 }), chatRequest(), callContext(), next)).catch(
      (e) => e,
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(await run).toMatchObject({ code: 'TIMEOUT' });
  });

  it('closes the upstream and its timers when the caller breaks early', async () => {
    let closed = false;
    async function* upstream(): AsyncGenerator<ProviderStreamEvent> {
      try {
        yield* events;
      } finally {
        closed = true;
      }
    }
    const next = fakeNext({ stream: () => upstream() });
    const run = (async () => {
      for await (const event of runStream(
        timeout({ totalMs: 1000, idleMs: 100 }),
        chatRequest(),
        callContext(),
        next,
      )) {
        if (event.type === 'text-delta') break;
      }
    })();
    await run;
    expect(closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes errors of the stream through', async () => {
    const error = palError('STREAM_ERROR');
    const next = fakeNext({ stream: () => eventsOf(events, { failAfter: 1, error }) });
    await expect(
      collect(runStream(timeout({ idleMs: 100 }), chatRequest(), callContext(), next)),
    ).rejects.toBe(error);
  });

  it('passes the stream through when no timeout applies', async () => {
    const ctx = callContext({ overrides: { timeout: false } });
    const next = fakeNext();
    expect(await collect(runStream(timeout({ idleMs: 10 }), chatRequest(), ctx, next))).toHaveLength(
      events.length,
    );
    expect(next.contexts[0]).toBe(ctx);
  });
});
