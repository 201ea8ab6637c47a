import { createCall } from './call-state.js';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { PalError } from '../errors/pal-error.js';
import { type Hooks, hooksMiddleware, refuse } from './hooks.js';
import { createScriptedAdapter, type ScriptStep } from '@pal/testkit/scripted';
import { wrapProvider } from './stack.js';

const context = (): CallContext => ({
  signal: new AbortController().signal,
  attempt: 1,
  headers: {},
  requestId: 'req-1',
  call: createCall('chat', 'req-1'),
});
const ask = (content: string): ChatRequest => ({ model: 'm1', messages: [{ role: 'user', content }] });
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/g;

function setup(script: ScriptStep[], hooks: Hooks | Hooks[]) {
  const adapter = createScriptedAdapter({ id: 'acme', models: [{ id: 'm1' }], script });
  return { adapter, provider: wrapProvider(adapter, [hooksMiddleware(hooks)]) };
}

async function collect(events: AsyncIterable<ProviderStreamEvent>): Promise<ProviderStreamEvent[]> {
  const out: ProviderStreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('hooksMiddleware', () => {
  it('lets beforeRequest replace the request and afterResponse the result, with call info', async () => {
    const seen: unknown[] = [];
    const { adapter, provider } = setup([{ type: 'result', text: 'mail bob@example.com' }], {
      beforeRequest(request, info) {
        seen.push(info);
        return {
          ...request,
          messages: request.messages.map((m) =>
            m.role === 'user' && typeof m.content === 'string'
              ? { ...m, content: m.content.replace(EMAIL, '[email]') }
              : m,
          ),
        };
      },
      afterResponse(result) {
        return {
          ...result,
          content: result.content.map((p) =>
            p.type === 'text' ? { ...p, text: p.text.replace(EMAIL, '[email]') } : p,
          ),
        };
      },
    });
    const result = await provider.chat(ask('I am alice@corp.io'), context());
    expect((adapter.calls[0]!.request as ChatRequest).messages[0]?.content).toBe('I am [email]');
    expect(result.content).toEqual([{ type: 'text', text: 'mail [email]' }]);
    expect(seen).toEqual([{ provider: 'acme', model: 'm1', requestId: 'req-1', operation: 'chat' }]);
  });

  it('keeps the request and result when hooks return nothing, running several hooks in order', async () => {
    const order: string[] = [];
    const { provider } = setup(
      [{ type: 'result', text: 'fine' }],
      [
        {
          beforeRequest: () => void order.push('a:before'),
          afterResponse: async () => void order.push('a:after'),
        },
        {
          beforeRequest: async () => void order.push('b:before'),
          afterResponse: () => void order.push('b:after'),
        },
      ],
    );
    const result = await provider.chat(ask('hello'), context());
    expect(result.content).toEqual([{ type: 'text', text: 'fine' }]);
    expect(order).toEqual(['a:before', 'b:before', 'a:after', 'b:after']);
  });

  it('refuses with CONTENT_FILTERED and never sends the refused request', async () => {
    const { adapter, provider } = setup([{ type: 'result', text: 'never' }], {
      beforeRequest(request) {
        const text = JSON.stringify(request.messages);
        if (text.includes('credit card')) refuse('Requests about credit cards are not allowed');
      },
    });
    const error = await provider.chat(ask('my credit card is 4111'), context()).catch((e: PalError) => e);
    expect(error).toMatchObject({
      code: 'CONTENT_FILTERED',
      message: 'Requests about credit cards are not allowed',
      retryable: false,
      provider: 'acme',
      model: 'm1',
    });
    expect(adapter.calls).toHaveLength(0);
  });

  it('onChunk replaces events, drops them with null and keeps them when returning nothing', async () => {
    const { provider } = setup(
      [
        {
          type: 'stream',
          events: [
            { type: 'start', provider: 'acme', model: 'm1' },
            { type: 'text-delta', text: 'write to bob@example.com' },
            { type: 'reasoning-delta', text: 'secret thoughts' },
            { type: 'finish', finishReason: 'stop' },
          ],
        },
      ],
      [
        {
          onChunk(event) {
            if (event.type === 'reasoning-delta') return null;
            if (event.type === 'text-delta') return { ...event, text: event.text.replace(EMAIL, '[email]') };
          },
        },
        {
          onChunk: async (event) =>
            event.type === 'text-delta' ? { ...event, text: event.text.toUpperCase() } : undefined,
        },
      ],
    );
    expect(await collect(provider.stream(ask('hi'), context()))).toEqual([
      { type: 'start', provider: 'acme', model: 'm1' },
      { type: 'text-delta', text: 'WRITE TO [EMAIL]' },
      { type: 'finish', finishReason: 'stop' },
    ]);
  });

  it('applies beforeRequest to streams and lets onChunk refuse mid-stream', async () => {
    const { adapter, provider } = setup(
      [
        {
          type: 'stream',
          events: [
            { type: 'text-delta', text: 'ok ' },
            { type: 'text-delta', text: 'forbidden' },
            { type: 'finish', finishReason: 'stop' },
          ],
        },
      ],
      {
        beforeRequest: (request) => ({ ...request, temperature: 0 }),
        onChunk(event) {
          if (event.type === 'text-delta' && event.text.includes('forbidden')) refuse('blocked output');
        },
      },
    );
    const seen: ProviderStreamEvent[] = [];
    const error = await (async () => {
      for await (const event of provider.stream(ask('hi'), context())) seen.push(event);
    })().catch((e: PalError) => e);
    expect(seen).toEqual([{ type: 'text-delta', text: 'ok ' }]);
    expect(error).toMatchObject({ code: 'CONTENT_FILTERED', provider: 'acme' });
    expect((adapter.calls[0]!.request as ChatRequest).temperature).toBe(0);
    expect(adapter.calls[0]?.stream?.outcome).toBe('returned');
  });

  it('lets other errors from hooks through unchanged', async () => {
    const bug = new Error('hook bug');
    const { provider } = setup([{ type: 'result', text: 'x' }], {
      beforeRequest() {
        throw bug;
      },
    });
    await expect(provider.chat(ask('hi'), context())).rejects.toBe(bug);
  });
});
