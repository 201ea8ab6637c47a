import { createCall } from './call-state.js';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CallContext, ProviderAdapter } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import { PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import type { Middleware } from './middleware.js';
import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';
import { stack, wrapProvider } from './stack.js';

const request: ChatRequest = { model: 'm1', messages: [{ role: 'user', content: 'hi' }] };

function context(overrides: Partial<CallContext> = {}): CallContext {
  return {
    signal: new AbortController().signal,
    attempt: 1,
    headers: {},
    requestId: 'r1',
    call: createCall('chat', 'r1'),
    ...overrides,
  };
}

function scripted(script: ScriptStep[]) {
  return createScriptedAdapter({ id: 'acme', models: [{ id: 'm1' }], script });
}

function tracer(name: string, trace: string[]): Middleware {
  return {
    name,
    async chat(req, ctx, next) {
      trace.push(`${name}:in`);
      const result = await next.chat(req, ctx);
      trace.push(`${name}:out`);
      return result;
    },
  };
}

async function caught(promise: Promise<unknown>): Promise<PalError> {
  try {
    await promise;
  } catch (error) {
    return error as PalError;
  }
  throw new Error('expected a rejection');
}

describe('stack', () => {
  it('runs the first .with outermost, in the seed 004 order', async () => {
    const trace: string[] = [];
    const built = stack(scripted([{ type: 'result', text: 'ok' }]))
      .with(tracer('tracing', trace), tracer('breaker', trace))
      .with(tracer('cache', trace), tracer('metrics', trace))
      .build();
    const result = await built.chat(request, context());
    expect(result.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(trace).toEqual([
      'tracing:in',
      'breaker:in',
      'cache:in',
      'metrics:in',
      'metrics:out',
      'cache:out',
      'breaker:out',
      'tracing:out',
    ]);
  });

  it('passes operations a middleware leaves out straight through', async () => {
    const adapter = createScriptedAdapter({
      id: 'acme',
      models: [{ id: 'm1' }],
      script: [
        { type: 'embed', result: { model: 'm1', embeddings: [[1, 2]] } },
        { type: 'image', result: { model: 'm1', images: [{ mediaType: 'image/png', data: 'AA==' }] } },
        { type: 'stream', events: [{ type: 'text-delta', text: 'x' }] },
      ],
    });
    const built = wrapProvider(adapter, [{ name: 'nothing' }]);
    expect((await built.embed?.({ model: 'm1', input: 'a' }, context()))?.embeddings).toEqual([[1, 2]]);
    expect((await built.generateImage?.({ model: 'm1', prompt: 'p', n: 1 }, context()))?.images).toHaveLength(
      1,
    );
    const events = [];
    for await (const event of built.stream(request, context())) events.push(event);
    expect(events).toEqual([{ type: 'text-delta', text: 'x' }]);
    expect(adapter.calls.map((c) => c.operation)).toEqual(['embed', 'image', 'stream']);
  });

  it('maps what the adapter throws with its toPalError, filling provider and model', async () => {
    const built = stack(scripted([{ type: 'error', error: new TypeError('socket hang up') }])).build();
    const error = await caught(built.chat(request, context()));
    expect(error).toBeInstanceOf(PalError);
    expect(error.code).toBe('PROVIDER_API_ERROR');
    expect(error.message).toBe('socket hang up');
    expect(error.provider).toBe('acme');
    expect(error.model).toBe('m1');
  });

  it('fills provider and model on a PalError the adapter threw without them', async () => {
    const built = stack(scripted([{ type: 'error', error: new PalError({ code: 'OVERLOADED' }) }])).build();
    const error = await caught(built.chat(request, context()));
    expect(error.code).toBe('OVERLOADED');
    expect([error.provider, error.model]).toEqual(['acme', 'm1']);
  });

  it('throws the abort reason when the signal was aborted with a PalError', async () => {
    const controller = new AbortController();
    const timeout = new PalError({
      code: 'TIMEOUT',
      message: 'total timeout of 5 ms',
      provider: 'acme',
      model: 'm1',
    });
    const built = stack(scripted([{ type: 'result', text: 'late', delayMs: 5_000 }])).build();
    const pending = built.chat(request, context({ signal: controller.signal }));
    controller.abort(timeout);
    expect(await caught(pending)).toBe(timeout);
  });

  it('reports ABORTED for any other abort', async () => {
    const controller = new AbortController();
    const built = stack(scripted([{ type: 'result', text: 'late', delayMs: 5_000 }])).build();
    const pending = built.chat(request, context({ signal: controller.signal }));
    controller.abort(new Error('user left'));
    const error = await caught(pending);
    expect(error.code).toBe('ABORTED');
    expect(error.provider).toBe('acme');
  });

  it('normalises errors thrown while a stream is read, and from embed and generateImage', async () => {
    const built = stack(
      scripted([
        {
          type: 'stream',
          events: [{ type: 'text-delta', text: 'a' }],
          failAfter: 1,
          error: new Error('cut'),
        },
        { type: 'error', error: new Error('embed broke') },
        { type: 'error', error: new Error('image broke') },
      ]),
    ).build();
    const events: unknown[] = [];
    const streamError = await caught(
      (async () => {
        for await (const event of built.stream(request, context())) events.push(event);
      })(),
    );
    expect(events).toHaveLength(1);
    expect([streamError.code, streamError.message, streamError.provider]).toEqual([
      'PROVIDER_API_ERROR',
      'cut',
      'acme',
    ]);
    expect((await caught(built.embed!({ model: 'm1', input: 'x' }, context()))).message).toBe('embed broke');
    expect((await caught(built.generateImage!({ model: 'm1', prompt: 'p', n: 1 }, context()))).message).toBe(
      'image broke',
    );
  });

  it('maps a failing toPalError to PROVIDER_API_ERROR', async () => {
    const adapter = scripted([{ type: 'error', error: 'weird' }]);
    const broken: ProviderAdapter = {
      ...adapter,
      toPalError() {
        throw new Error('mapper bug');
      },
    };
    const error = await caught(wrapProvider(broken, []).chat(request, context()));
    expect(error.code).toBe('PROVIDER_API_ERROR');
    expect(error.provider).toBe('acme');
  });

  it('emits one attempt event per call that reaches the adapter', async () => {
    const events: TelemetryEvent[] = [];
    const telemetry = { emit: (event: TelemetryEvent) => events.push(event) };
    const built = stack(
      scripted([
        { type: 'result', text: 'a' },
        { type: 'stream', events: [] },
      ]),
    ).build();
    await built.chat(request, context({ telemetry, attempt: 2 }));
    for await (const _ of built.stream(request, context({ telemetry, attempt: 1 }))) {
      // drain
    }
    expect(events.map((e) => [e.type, 'attempt' in e && e.attempt, e.provider, e.model])).toEqual([
      ['attempt', 2, 'acme', 'm1'],
      ['attempt-end', 2, 'acme', 'm1'],
      ['attempt', 1, 'acme', 'm1'],
      ['attempt-end', 1, 'acme', 'm1'],
    ]);
  });

  it('offers no embed or generateImage when the adapter has none; Next answers UNSUPPORTED_CAPABILITY', async () => {
    const { embed: _embed, generateImage: _image, ...adapter } = scripted([]);
    const errors: string[] = [];
    // Next always has embed/generateImage; a middleware calling them on such an adapter gets a typed error
    const probe: Middleware = {
      name: 'probe',
      async chat(req, ctx, next) {
        for (const call of [
          () => next.embed({ model: 'm1', input: 'x' }, ctx),
          () => next.generateImage({ model: 'm1', prompt: 'p', n: 1 }, ctx),
        ]) {
          errors.push(
            await call().then(
              () => 'resolved',
              (error: PalError) => `${error.code}:${error.provider}`,
            ),
          );
        }
        return { id: 'x', model: req.model, content: [], finishReason: 'stop' };
      },
    };
    const built = wrapProvider(adapter, [probe]);
    expect(built.embed).toBeUndefined();
    expect(built.generateImage).toBeUndefined();
    await built.chat(request, context());
    expect(errors).toEqual(['UNSUPPORTED_CAPABILITY:acme', 'UNSUPPORTED_CAPABILITY:acme']);
  });

  it('closes the adapter generator when the consumer breaks out', async () => {
    const adapter = scripted([
      {
        type: 'stream',
        events: [
          { type: 'text-delta', text: 'a' },
          { type: 'text-delta', text: 'b' },
          { type: 'finish', finishReason: 'stop' },
        ],
      },
    ]);
    const built = stack(adapter).with({ name: 'noop' }).build();
    for await (const event of built.stream(request, context())) {
      expect(event.type).toBe('text-delta');
      break;
    }
    expect(adapter.calls[0]?.stream).toEqual({ emitted: 1, outcome: 'returned' });
  });

  it('never shows what the adapter holds when serialised or inspected', () => {
    const secret = 'sk-live-abcdef1234567890vX2Q';
    const adapter = Object.assign(scripted([]), { apiKey: secret });
    const built = stack(adapter).build();
    expect(JSON.stringify(built)).not.toContain(secret);
    expect(inspect(built, { depth: 10 })).not.toContain(secret);
    expect(JSON.parse(JSON.stringify(built))).toEqual({ id: 'acme', displayName: 'acme' });
  });
});
