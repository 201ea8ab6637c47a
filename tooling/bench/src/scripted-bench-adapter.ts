import { type CallContext, type ChatRequest, type ChatRequestInput, createCall } from '@pal/core';
import { chatRequestSchema, makeUsage } from '@pal/core/provider';
import { createScriptedAdapter, type ScriptedAdapter, type ScriptedStreamEvent } from '@pal/testkit/scripted';

/** The scripted provider's id. */
export const SCRIPTED_PROVIDER = 'scripted';
/** The scripted provider's one model. */
export const SCRIPTED_MODEL = 'bench-model';

/** A small, typical chat request as a caller passes it to the runtime. */
export const BENCH_INPUT: ChatRequestInput = {
  model: `${SCRIPTED_PROVIDER}/${SCRIPTED_MODEL}`,
  messages: [
    { role: 'system', content: 'You are a concise assistant.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
};

/** The same request validated, as the kernel hands it to an adapter (bare model id). */
export const BENCH_REQUEST: ChatRequest = chatRequestSchema.parse({ ...BENCH_INPUT, model: SCRIPTED_MODEL });

const usage = makeUsage({ inputTokens: 20, outputTokens: 8 });

/** A scripted stream of `count` events: `start`, `count - 2` text deltas, and `finish` with usage. */
function streamOf(count: number): ScriptedStreamEvent[] {
  return [
    { type: 'start', provider: SCRIPTED_PROVIDER, model: SCRIPTED_MODEL },
    ...Array.from({ length: count - 2 }, (): ScriptedStreamEvent => ({ type: 'text-delta', text: 'Paris ' })),
    { type: 'finish', finishReason: 'stop', usage },
  ];
}

/**
 * The in-process adapter the kernel benchmarks call, directly and through the runtime: `chat`
 * answers at once with a short text and usage, `stream` plays `streamEvents` events (at least 3)
 * without delay (`id` names the provider). The model is priced (so the budget guard has a cost to reserve).
 */
export function scriptedBenchAdapter(streamEvents = 100, id = SCRIPTED_PROVIDER): ScriptedAdapter {
  const events = streamOf(Math.max(3, streamEvents));
  return createScriptedAdapter({
    id,
    models: [{ id: SCRIPTED_MODEL, pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
    script: (call) =>
      call.operation === 'stream'
        ? { type: 'stream', events }
        : { type: 'result', text: 'Paris.', result: { usage } },
  });
}

/** Drops what the adapter recorded, so a long benchmark does not grow its call log. */
export function forgetCalls(adapter: ScriptedAdapter): void {
  adapter.calls.length = 0;
}

/** The context a caller must give an adapter it calls without the runtime. */
export function directCallContext(): CallContext {
  return {
    signal: new AbortController().signal,
    attempt: 1,
    headers: {},
    requestId: 'bench-direct',
    call: createCall('chat', 'bench-direct'),
  };
}
