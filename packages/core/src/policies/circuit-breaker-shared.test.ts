import { describe, expect, it } from 'vitest';
import { circuitBreaker } from './circuit-breaker.js';
import {
  callContext,
  chatRequest,
  deferred,
  eventsOfType,
  fakeClock,
  fakeNext,
  palError,
  runChat,
  textResult,
} from './fake-next.test-support.js';
import { createMemoryStore } from './memory-store.js';
import type { StateStore } from './state-store.js';

/** Two breakers (two gateways) over one store, with a provider that fails while `failing.on`. */
function fleet(options: { failureThreshold?: number; successThreshold?: number } = {}) {
  const clock = fakeClock();
  const store = createMemoryStore({ now: clock.now });
  const settings = { failureThreshold: 2, cooldownMs: 1000, now: clock.now, store, ...options };
  const failing = { on: true };
  const gate = { wait: Promise.resolve() };
  const provider = () =>
    fakeNext({
      chat: async () => {
        await gate.wait;
        if (failing.on) throw palError('OVERLOADED');
        return textResult('ok');
      },
    });
  return {
    clock,
    store,
    failing,
    gate,
    a: { breaker: circuitBreaker(settings), next: provider() },
    b: { breaker: circuitBreaker(settings), next: provider() },
  };
}

const call = (
  gateway: { breaker: ReturnType<typeof circuitBreaker>; next: ReturnType<typeof fakeNext> },
  ctx = callContext(),
) => runChat(gateway.breaker, chatRequest(), ctx, gateway.next);

describe('circuitBreaker over a shared store', () => {
  it('opens the circuit for every breaker when failures seen by one reach the threshold', async () => {
    const { a, b } = fleet();
    await call(a).catch(() => {});
    await call(a).catch(() => {});
    expect(await b.breaker.stateOf('acme')).toBe('open');
    await expect(call(b)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 1000 });
    expect(b.next.calls.chat).toBe(0);
  });

  it('counts consecutive failures across breakers, and a success on any resets them', async () => {
    const { a, b, failing } = fleet({ failureThreshold: 3 });
    await call(a).catch(() => {});
    await call(b).catch(() => {});
    failing.on = false;
    await call(a);
    failing.on = true;
    await call(b).catch(() => {});
    await call(a).catch(() => {});
    expect(await a.breaker.stateOf('acme')).toBe('closed');
    await call(b).catch(() => {});
    expect(await a.breaker.stateOf('acme')).toBe('open');
  });

  it('lets a single probe through the whole fleet, and its success closes the circuit for all', async () => {
    const { a, b, clock, failing, gate } = fleet();
    await call(a).catch(() => {});
    await call(b).catch(() => {});
    clock.advance(1000);
    failing.on = false;
    const release = deferred();
    gate.wait = release.promise;
    const ctxA = callContext();
    const ctxB = callContext();
    const probe = call(a, ctxA);
    await expect(call(b, ctxB)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    expect(await b.breaker.stateOf('acme')).toBe('half-open');
    release.resolve();
    await probe;
    expect(await b.breaker.stateOf('acme')).toBe('closed');
    await call(b);
    expect(eventsOfType(ctxA, 'circuit').map((e) => [e.previous, e.state])).toEqual([
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
    expect(eventsOfType(ctxB, 'circuit')).toEqual([]);
  });

  it('emits one open event when concurrent failures pass the threshold, and ignores late ones', async () => {
    const { a, b, gate } = fleet();
    const release = deferred();
    gate.wait = release.promise;
    const contexts = Array.from({ length: 6 }, () => callContext());
    const calls = contexts.map((ctx, i) => call(i % 2 ? a : b, ctx).catch(() => {}));
    release.resolve();
    await Promise.all(calls);
    const opened = contexts.flatMap((ctx) => eventsOfType(ctx, 'circuit'));
    expect(opened).toEqual([expect.objectContaining({ state: 'open', previous: 'closed' })]);
    expect(await a.breaker.stateOf('acme')).toBe('open');
  });

  it('does not reopen an open circuit when calls let through before it opened fail late', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const breaker = circuitBreaker({ failureThreshold: 2, cooldownMs: 1000, now: clock.now, store });
    const [early, late] = [deferred(), deferred()];
    const next = fakeNext({
      chat: async (_request, _ctx, n) => {
        await (n <= 2 ? early.promise : late.promise);
        throw palError('OVERLOADED');
      },
    });
    const ctx = callContext();
    const calls = Array.from({ length: 4 }, () => runChat(breaker, chatRequest(), ctx, next).catch(() => {}));
    early.resolve();
    await Promise.all(calls.slice(0, 2));
    clock.advance(400);
    late.resolve();
    await Promise.all(calls);
    expect(eventsOfType(ctx, 'circuit')).toHaveLength(1);
    await expect(runChat(breaker, chatRequest(), ctx, next)).rejects.toMatchObject({
      code: 'CIRCUIT_OPEN',
      retryAfterMs: 600,
    });
  });

  it('needs successThreshold probes in a row, from any breaker', async () => {
    const { a, b, clock, failing } = fleet({ successThreshold: 2 });
    await call(a).catch(() => {});
    await call(a).catch(() => {});
    clock.advance(1000);
    failing.on = false;
    await call(a);
    expect(await b.breaker.stateOf('acme')).toBe('half-open');
    await call(b);
    expect(await a.breaker.stateOf('acme')).toBe('closed');
  });

  it('lets another probe through once the lease of a gateway that never finished expires', async () => {
    const { a, b, clock, store } = fleet();
    await call(a).catch(() => {});
    await call(a).catch(() => {});
    clock.advance(1000);
    // a gateway took the probe lease and died before recording the outcome
    await store.setIfAbsent('pal:circuit:acme:probe', 1, 1000);
    await expect(call(b)).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    clock.advance(1000);
    await expect(call(b)).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(b.next.calls.chat).toBe(1);
    expect(await a.breaker.stateOf('acme')).toBe('open');
  });

  it('lets a call through as closed when another gateway closed the circuit while it took the lease', async () => {
    const clock = fakeClock();
    const store = createMemoryStore({ now: clock.now });
    const racing: StateStore = {
      ...store,
      // another gateway's probe succeeds and closes the circuit just before this lease is taken
      setIfAbsent: async (key, value, ttlMs) => {
        await store.delete('pal:circuit:acme:state');
        return store.setIfAbsent(key, value, ttlMs);
      },
    };
    await store.set('pal:circuit:acme:state', { state: 'open', openedAt: clock.now() - 5000 });
    const breaker = circuitBreaker({ cooldownMs: 1000, now: clock.now, store: racing });
    const ctx = callContext();
    await runChat(breaker, chatRequest(), ctx, fakeNext());
    expect(eventsOfType(ctx, 'circuit')).toEqual([]);
    expect(await store.get('pal:circuit:acme:probe')).toBeUndefined();
    expect(await breaker.stateOf('acme')).toBe('closed');
  });
});
