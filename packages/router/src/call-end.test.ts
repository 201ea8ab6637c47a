import { createCall, endCall, type TelemetryEvent } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';
import { hello, palErrorOf, recorder, runtimeFor, useTargets } from './targets.test-support.js';

// a routed call is one logical call: the runtime's sinks get one call-end for it, when the router is done

const targets = useTargets();
const serverError = { fault: { type: 'error', kind: 'server' } } as const;
const ends = (events: TelemetryEvent[]) =>
  events.filter((e): e is Extract<TelemetryEvent, { type: 'call-end' }> => e.type === 'call-end');

describe('call-end of routed calls', () => {
  it('a call with the caller’s request id is still the router’s to end (chat and stream)', async () => {
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets, { telemetry: sink }),
      fallback: ['openai/gpt-4o-mini'],
    });
    const chat = await router.chat(hello('auto'), { requestId: 'req-from-gateway-1' });
    const streamed = await router.stream(hello('auto'), { requestId: 'req-from-gateway-2' }).result();
    expect([chat.requestId, streamed.requestId]).toEqual(['req-from-gateway-1', 'req-from-gateway-2']);
    expect(ends(events).map((e) => [e.requestId, e.outcome])).toEqual([
      ['req-from-gateway-1', 'success'],
      ['req-from-gateway-2', 'success'],
    ]);
    await router.close();
  });

  it('a chat that falls back ends once, on the target that served, counting the attempts on both', async () => {
    targets.openai.script(serverError, serverError);
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets, { telemetry: sink }),
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
    });
    const result = await router.chat(hello('auto'));
    expect(ends(events)).toEqual([
      expect.objectContaining({
        requestId: result.requestId,
        provider: 'anthropic',
        outcome: 'success',
        attempts: 3,
        usage: result.usage,
      }),
    ]);
    expect(events.at(-1)?.type).toBe('call-end');
    await router.close();
  });

  it('a chat no target could serve ends once, with the error the caller got', async () => {
    targets.openai.script(serverError, serverError);
    targets.anthropic.script(serverError, serverError);
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets, { telemetry: sink }),
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
    });
    const error = await palErrorOf(router.chat(hello('auto')));
    expect(ends(events)).toEqual([expect.objectContaining({ outcome: 'error', error })]);
    await router.close();
  });

  it('a stream ends once its serving target finished, and a stream the caller leaves ends as ABORTED', async () => {
    targets.openai.script(serverError, serverError);
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets, { telemetry: sink }),
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
    });
    const stream = router.stream(hello('auto'));
    let ended = 0;
    for await (const event of stream) {
      ended += ends(events).length;
      if (event.type === 'finish') break;
    }
    expect(ended).toBe(0);
    expect(ends(events)).toEqual([
      expect.objectContaining({ provider: 'anthropic', outcome: 'success', attempts: 3 }),
    ]);

    targets.anthropic.script({ text: 'a b c d e f', chunks: 6, chunkDelayMs: 5 });
    for await (const event of router.stream(hello('anthropic/claude-haiku-4-5')))
      if (event.type === 'text-delta') break;
    expect(ends(events)).toHaveLength(2);
    expect(ends(events)[1]).toMatchObject({
      outcome: 'error',
      error: expect.objectContaining({ code: 'ABORTED' }),
    });
    await router.close();
  });

  it('a hedged chat ends once, as a success on the target that won, counting both requests', async () => {
    targets.anthropic.script({ fault: { type: 'stall', ms: 5000 } });
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets, { telemetry: sink }),
      fallback: ['anthropic/claude-haiku-4-5', 'ollama/llama3.2'],
      hedge: { afterMs: 20, maxExtraShare: 1 },
    });
    const result = await router.chat(hello('auto'));
    expect(result.routing.served).toBe('ollama/llama3.2');
    expect(ends(events)).toEqual([
      expect.objectContaining({
        provider: 'ollama',
        model: 'llama3.2',
        outcome: 'success',
        attempts: 2,
        usage: result.usage,
      }),
    ]);
    await router.close();
  });

  it('a hedged call the caller owns names the hedge that served, so the caller ends it as that target', async () => {
    targets.anthropic.script({ fault: { type: 'stall', ms: 2000 } });
    const { events, sink } = recorder();
    const router = createRouter({
      runtime: runtimeFor(targets, { telemetry: sink }),
      fallback: ['anthropic/claude-haiku-4-5', 'ollama/llama3.2'],
      hedge: { afterMs: 20, maxExtraShare: 1 },
    });
    const call = createCall('chat');
    const result = await router.chat(hello('auto'), { call });
    expect(Object.keys(result.routing)).not.toContain('answeredBy');
    expect(result.routing.answeredBy).toBeDefined();
    endCall(call, { attempts: result.attempts.length, answeredBy: result.routing.answeredBy });
    expect(ends(events)).toEqual([
      expect.objectContaining({ provider: 'ollama', outcome: 'success', attempts: 2 }),
    ]);
    await router.close();
  });

  it('a call the caller continues with its own createCall() is left for the caller to end', async () => {
    const { events, sink } = recorder();
    const runtime = runtimeFor(targets, { telemetry: sink });
    const router = createRouter({ runtime });
    const call = createCall('chat');
    await router.chat(hello('openai/gpt-4o-mini'), { call });
    expect(ends(events)).toEqual([]);
    endCall(call);
    expect(ends(events)).toHaveLength(1);
    await router.close();
  });
});
