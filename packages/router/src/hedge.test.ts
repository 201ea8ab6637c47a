import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';
import { chatCalls, hello, recorder, runtimeFor, type Targets, useTargets } from './targets.test-support.js';

const targets = useTargets();

const stalled = { fault: { type: 'stall', ms: 2000 } } as const;
const CHAIN = ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'];

async function closedEarly(emu: Targets['openai']): Promise<boolean | undefined> {
  for (let i = 0; i < 50 && !emu.lastRequest()?.clientClosedEarly; i++)
    await new Promise((r) => setTimeout(r, 10));
  return emu.lastRequest()?.clientClosedEarly;
}

describe('hedged requests', () => {
  it('answers a chat from the second target when the first stalls, and closes the stalled connection', async () => {
    targets.openai.script(stalled);
    const { events, sink } = recorder();
    const runtime = runtimeFor(targets, { policies: { budget: { global: { dailyUsd: 10 } } } });
    const router = createRouter({ runtime, fallback: CHAIN, hedge: { afterMs: 50 }, telemetry: sink });
    const started = performance.now();
    const result = await router.chat(hello('auto', 'hedge me'));
    const took = performance.now() - started;
    expect(result.routing.served).toBe('anthropic/claude-haiku-4-5');
    // answered without waiting out the 2 s stall (the time itself is a benchmark's business)
    expect(took).toBeLessThan(2000);
    expect(await closedEarly(targets.openai)).toBe(true);
    expect(result.routing.hedge).toMatchObject({
      target: 'openai/gpt-4o-mini',
      outcome: 'cancelled',
      delayMs: 50,
      wasteTokens: expect.any(Number),
      wasteUsd: expect.any(Number),
    });
    expect(result.attempts.map((a) => [a.provider, a.error?.code])).toEqual([
      ['openai', 'ABORTED'],
      ['anthropic', undefined],
    ]);
    expect(
      events.filter((e) => e.type === 'hedge').map((e) => e.type === 'hedge' && [e.action, e.target]),
    ).toEqual([
      ['start', 'anthropic/claude-haiku-4-5'],
      ['win', 'anthropic/claude-haiku-4-5'],
      ['cancel', 'openai/gpt-4o-mini'],
    ]);
    // only the winner is settled against the budget
    const day = (await runtime.state.budget())?.scopes.find((s) => s.scope === 'global:day');
    expect(day?.spentUsd).toBeCloseTo(result.cost.totalUsd, 10);
    // the cancelled request is not held against openai's health
    expect((await router.status()).find((t) => t.target === 'openai/gpt-4o-mini')?.lastError).toBeUndefined();
  });

  it('answers a stream from the second target when the first has not sent its first token', async () => {
    targets.openai.script(stalled);
    const router = createRouter({ runtime: runtimeFor(targets), fallback: CHAIN, hedge: { afterMs: 50 } });
    const started = performance.now();
    const stream = router.stream(hello('auto', 'stream and hedge'));
    const result = await stream.result();
    expect(performance.now() - started).toBeLessThan(2000); // not the stalled target's answer
    expect(result.text).toBe('Echo: stream and hedge');
    expect(result.routing.served).toBe('anthropic/claude-haiku-4-5');
    expect(await closedEarly(targets.openai)).toBe(true);
  });

  it('sends no hedge when the first target answers in time', async () => {
    const router = createRouter({ runtime: runtimeFor(targets), fallback: CHAIN, hedge: { afterMs: 500 } });
    const result = await router.chat(hello('auto'));
    expect(result.routing.served).toBe('openai/gpt-4o-mini');
    expect(result.routing.hedge).toBeUndefined();
    expect(chatCalls(targets.anthropic)).toBe(0);
  });

  it('never sends more hedges than maxExtraShare of the calls (plus the first)', async () => {
    targets.openai.script(
      ...Array.from({ length: 20 }, () => ({ fault: { type: 'stall', ms: 60 } }) as const),
    );
    const router = createRouter({
      runtime: runtimeFor(targets),
      fallback: CHAIN,
      hedge: { afterMs: 10, maxExtraShare: 0.1 },
    });
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await router.chat(hello('auto')));
    const hedged = results.filter((r) => r.routing.hedge).length;
    expect(hedged).toBeGreaterThanOrEqual(2);
    expect(hedged).toBeLessThanOrEqual(1 + 20 * 0.1);
    expect(chatCalls(targets.anthropic)).toBe(hedged);
  });

  it('hedges after a percentile of the first target’s recent latency once it has enough samples', async () => {
    const router = createRouter({
      runtime: runtimeFor(targets),
      fallback: CHAIN,
      hedge: { afterPercentile: 95, afterMs: 1000, maxExtraShare: 1 },
    });
    for (let i = 0; i < 10; i++) await router.chat(hello('auto'));
    targets.openai.script({ fault: { type: 'stall', ms: 1500 } });
    const started = performance.now();
    const result = await router.chat(hello('auto'));
    // p95 of ~ms-fast answers, far below the 1000 ms afterMs
    expect(performance.now() - started).toBeLessThan(1500); // not the stalled target's answer
    expect(result.routing.served).toBe('anthropic/claude-haiku-4-5');
    // the delay came from the recent latencies, not from afterMs
    expect(result.routing.hedge?.delayMs).toBeLessThan(1000);
  });
});
