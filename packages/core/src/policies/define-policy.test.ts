import { describe, expect, it } from 'vitest';
import type { CallContext } from '../contracts/adapter.js';
import { definePolicy, type PolicyCall, type PolicyEnd, type PolicyHandle } from './define-policy.js';
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

/** A policy that logs its lifecycle; `shape` adds or replaces steps. */
function logging(shape: (call: PolicyCall, log: string[]) => Partial<PolicyHandle> = () => ({})) {
  const log: string[] = [];
  const ends: PolicyEnd[] = [];
  const policy = definePolicy<{ tag: string }>({
    name: 'logging',
    settings: { tag: 'configured' },
    begin(call, settings) {
      log.push(`begin ${call.operation} ${call.provider}/${call.model} ${settings.tag}`);
      return {
        start: () => void log.push('start'),
        finish: (end) => {
          ends.push(end);
          log.push(`finish ${end.outcome}`);
        },
        ...shape(call, log),
      };
    },
  });
  return { policy, log, ends };
}

const embedRequest = { model: 'e1', input: ['a', 'b'] };
const imageRequest = { model: 'i1', prompt: 'a cat', n: 1 };

function must<T>(operation: T | undefined): T {
  if (!operation) throw new Error('the policy leaves this operation out');
  return operation;
}

describe('definePolicy', () => {
  it('runs one lifecycle around every operation', async () => {
    const { policy, log, ends } = logging();
    const next = fakeNext({
      embed: () => ({ model: 'e1', embeddings: [[1], [2]] }),
      generateImage: () => ({ model: 'i1', images: [{ url: 'https://x/y.png', mediaType: 'image/png' }] }),
    });
    await runChat(policy, chatRequest(), callContext(), next);
    await must(policy.embed)(embedRequest, callContext(), next);
    await must(policy.generateImage)(imageRequest, callContext(), next);
    await collect(runStream(policy, chatRequest(), callContext(), next));
    expect(log).toEqual([
      'begin chat acme/m1 configured',
      'start',
      'finish completed',
      'begin embed acme/e1 configured',
      'start',
      'finish completed',
      'begin generateImage acme/i1 configured',
      'start',
      'finish completed',
      'begin stream acme/m1 configured',
      'start',
      'finish completed',
    ]);
    // a unary call's answer reaches finish; a stream's events went through observe instead
    expect(ends[0]).toMatchObject({ yielded: true, result: { finishReason: 'stop' } });
    expect(ends[3]).toEqual({ outcome: 'completed', yielded: true });
  });

  it('merges a per-call override over its settings, and `false` lets the call through untouched', async () => {
    const { policy, log } = logging();
    const next = fakeNext();
    await runChat(policy, chatRequest(), callContext({ overrides: { logging: { tag: 'override' } } }), next);
    await runChat(policy, chatRequest(), callContext({ overrides: { logging: false } }), next);
    await collect(runStream(policy, chatRequest(), callContext({ overrides: { logging: false } }), next));
    expect(log).toEqual(['begin chat acme/m1 override', 'start', 'finish completed']);
    expect(next.calls).toMatchObject({ chat: 2, stream: 1 });
  });

  it('sends each attempt with the context the handle gives and retries what recover resolves', async () => {
    let attempt = 0;
    const { policy, log } = logging((call) => ({
      context: (): CallContext => ({ ...call.ctx, attempt: ++attempt }),
      recover: (error) => {
        if (attempt >= 3) throw error;
      },
    }));
    const next = fakeNext({
      chat: (_request, _ctx, n) => {
        if (n < 3) throw palError('OVERLOADED');
        return textResult('third time');
      },
    });
    await expect(runChat(policy, chatRequest(), callContext(), next)).resolves.toMatchObject({
      content: [{ type: 'text', text: 'third time' }],
    });
    expect(next.contexts.map((ctx) => ctx.attempt)).toEqual([1, 2, 3]);
    expect(log.slice(-1)).toEqual(['finish completed']);
  });

  it('fails with what recover throws, after finish; a refused start fails without finish', async () => {
    const { policy, ends } = logging(() => ({
      recover: () => {
        throw palError('TIMEOUT');
      },
    }));
    const failing = fakeNext({
      chat: () => {
        throw palError('OVERLOADED');
      },
    });
    await expect(runChat(policy, chatRequest(), callContext(), failing)).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(ends).toEqual([
      { outcome: 'failed', error: expect.objectContaining({ code: 'TIMEOUT' }), yielded: false },
    ]);

    const refusing = logging(() => ({
      start: () => {
        throw palError('BUDGET_EXCEEDED');
      },
    }));
    const next = fakeNext();
    await expect(runChat(refusing.policy, chatRequest(), callContext(), next)).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    await expect(
      collect(runStream(refusing.policy, chatRequest(), callContext(), next)),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(refusing.ends).toEqual([]);
    expect(next.calls).toMatchObject({ chat: 0, stream: 0 });
  });

  it('tells recover and finish whether a stream passed events on, and observes each event', async () => {
    const events = streamEventsFor(textResult('hello'));
    const seen: string[] = [];
    const recovered: boolean[] = [];
    const { policy, ends } = logging(() => ({
      observe: (event) => void seen.push(event.type),
      recover: (error, yielded) => {
        recovered.push(yielded);
        throw error;
      },
    }));
    const next = fakeNext({
      stream: () => eventsOf(events, { failAfter: 2, error: palError('STREAM_ERROR') }),
    });
    await expect(collect(runStream(policy, chatRequest(), callContext(), next))).rejects.toMatchObject({
      code: 'STREAM_ERROR',
    });
    expect(seen).toEqual(['start', 'text-delta']);
    expect(recovered).toEqual([true]);
    expect(ends).toEqual([
      { outcome: 'failed', error: expect.objectContaining({ code: 'STREAM_ERROR' }), yielded: true },
    ]);

    // a consumer that stops early closes the stream
    const closing = logging();
    for await (const _event of runStream(closing.policy, chatRequest(), callContext(), fakeNext())) break;
    expect(closing.ends).toEqual([{ outcome: 'closed', yielded: true }]);
  });

  it('wraps each attempt: the unary answer and the stream', async () => {
    const { policy } = logging(() => ({
      wrapResult: (pending) => pending.then((result) => ({ ...(result as object), wrapped: true }) as never),
      wrapStream: (events) => ({
        async *[Symbol.asyncIterator]() {
          for await (const event of events) if (event.type !== 'usage') yield event;
        },
      }),
    }));
    const next = fakeNext();
    await expect(runChat(policy, chatRequest(), callContext(), next)).resolves.toMatchObject({
      wrapped: true,
    });
    const types = (await collect(runStream(policy, chatRequest(), callContext(), next))).map((e) => e.type);
    expect(types).not.toContain('usage');
    expect(types).toContain('finish');
  });

  it('turns a begin that throws into a failed call, not a synchronous throw', async () => {
    const broken = definePolicy({
      name: 'broken',
      settings: {},
      begin: () => {
        throw palError('CONFIG_ERROR');
      },
    });
    const next = fakeNext();
    const pending = runChat(broken, chatRequest(), callContext(), next);
    await expect(pending).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
    const stream = runStream(broken, chatRequest(), callContext(), next);
    await expect(collect(stream)).rejects.toMatchObject({ code: 'CONFIG_ERROR' });
  });

  it('lets a call through when begin returns no handle', async () => {
    const idle = definePolicy({ name: 'idle', settings: {}, begin: () => undefined });
    const next = fakeNext();
    await expect(runChat(idle, chatRequest(), callContext(), next)).resolves.toMatchObject({
      finishReason: 'stop',
    });
    expect(await collect(runStream(idle, chatRequest(), callContext(), next))).toHaveLength(
      streamEventsFor(textResult('hello')).length,
    );
  });
});
