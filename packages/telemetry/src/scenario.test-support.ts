import { randomBytes } from 'node:crypto';
import {
  type ChatResult,
  createRuntime,
  type EmbedResult,
  isPalError,
  type PalError,
  type Runtime,
  type TelemetrySink,
  type Usage,
} from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { ollama } from '@pal/provider-ollama';
import { groq, openai } from '@pal/provider-openai';
import { createRouter, type Router } from '@pal/router';
import { type Emulator, type RecordedRequest, type ScriptStep, startEmulator } from '@pal/testkit';

/** Keys shaped like real ones; none of them may appear in any telemetry. */
export const KEYS = {
  openai: 'sk-proj-Q7vXk2LmN9pR4sT8wY1zA3bC5dE6fG0hJ2kL4mN6pQ8rS0tU',
  anthropic: 'sk-ant-api03-Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2Ih1Gf0Ed-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  groq: 'gsk_R2d2C3po8Bb8Ig88Xw1ngY0daJed1Kn0b1Han5o1oChewie7',
  ollama: 'olk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc',
} as const;

/** The three emulators a run talks to (groq is served by the OpenAI one). */
export interface Emulators {
  openai: Emulator;
  anthropic: Emulator;
  ollama: Emulator;
  close(): Promise<void>;
}

export async function startEmulators(): Promise<Emulators> {
  const vendors = ['openai', 'anthropic', 'ollama'] as const;
  const running = await Promise.all(vendors.map((vendor) => startEmulator(vendor)));
  const [openaiEmu, anthropicEmu, ollamaEmu] = running as [Emulator, Emulator, Emulator];
  return {
    openai: openaiEmu,
    anthropic: anthropicEmu,
    ollama: ollamaEmu,
    close: () => Promise.all(running.map((emu) => emu.close())).then(() => undefined),
  };
}

/** A runtime over the emulators with real-looking keys, a cache, a budget and a rate limiter. */
export function scenarioRuntime(emus: Emulators, telemetry: TelemetrySink[]): Runtime {
  return createRuntime({
    providers: [
      openai({ apiKey: KEYS.openai, baseURL: `${emus.openai.url}/v1` }),
      anthropic({ apiKey: KEYS.anthropic, baseURL: emus.anthropic.url }),
      ollama({ apiKey: KEYS.ollama, baseURL: emus.ollama.url }),
      groq({ apiKey: KEYS.groq, baseURL: `${emus.openai.url}/v1` }),
    ],
    telemetry,
    policies: {
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, budget: false },
      circuitBreaker: { failureThreshold: 1000 },
      cache: { maxEntries: 1000 },
      budget: { global: { dailyUsd: 1000 }, allowUnpriced: true },
      rateLimit: { requestsPerMinute: 100_000 },
    },
    providerPolicies: {
      groq: { retry: { maxAttempts: 1 }, circuitBreaker: { failureThreshold: 2, cooldownMs: 600_000 } },
    },
  });
}

/** What one planned call is. */
export type Kind =
  | 'ok-chat'
  | 'ok-stream'
  | 'retry-ok'
  | 'fallback'
  | 'fail-auth'
  | 'cached'
  | 'ollama-chat'
  | 'stream-fallback'
  | 'embed'
  | 'cache-tokens'
  | 'reasoning'
  | 'stream-cut'
  | 'ollama-stream'
  | 'hedge'
  | 'circuit'
  | 'rate-limit-set'
  | 'rate-limited';

export interface PlannedCall {
  index: number;
  kind: Kind;
  client: 'runtime' | 'router' | 'hedger';
  operation: 'chat' | 'stream' | 'embed';
  model: string;
  prompt: string;
  /** Emulator steps this call consumes, per emulator, in order. */
  steps: Partial<Record<'openai' | 'anthropic' | 'ollama', ScriptStep[]>>;
  /** Retries and fallbacks the kernel and router make for it. */
  retries: number;
  fallbacks: number;
  hedged?: boolean;
}

/** One call as it went. */
export interface CallRecord {
  planned: PlannedCall;
  /** The trace id of the parent `traceparent` the call was given (its span's trace). */
  traceId: string;
  parentSpanId: string;
  result?: ChatResult | EmbedResult;
  error?: PalError;
  /** The emulator requests the call made (their `traceparent` names its trace). */
  requests: RecordedRequest[];
  /** Input and output tokens each emulator served it. */
  servedBy: Partial<Record<'openai' | 'anthropic' | 'ollama', { inputTokens: number; outputTokens: number }>>;
  /** Tokens the emulators served it: usage of the answers they sent in full. */
  served: Required<Pick<Usage, 'inputTokens' | 'outputTokens'>> & {
    cachedInputTokens: number;
    cacheWriteTokens: number;
    reasoningTokens: number;
  };
}

const usage = (inputTokens: number, outputTokens: number, extra: ScriptStep['usage'] = {}) => ({
  usage: { inputTokens, outputTokens, ...extra },
});
const fault = (kind: 'server' | 'rate_limit' | 'auth' | 'unavailable'): ScriptStep => ({
  fault: { type: 'error', kind, ...(kind === 'rate_limit' && { headers: { 'retry-after-ms': '1' } }) },
});

/**
 * 200 calls, 20 kinds per cycle of 20: through the runtime, a router with a fallback chain and a
 * hedging router; chats, streams and embeddings; retries, fallbacks, hedges, cache hits, a failing
 * key, a stream cut midway, a circuit that opens (groq) and a rate-limit wait.
 */
export function plan(): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (let cycle = 0; cycle < 10; cycle++) {
    const at = (slot: number) => cycle * 20 + slot;
    const call = (
      slot: number,
      kind: Kind,
      rest: Omit<PlannedCall, 'index' | 'kind' | 'prompt' | 'retries' | 'fallbacks'> & Partial<PlannedCall>,
    ) =>
      calls.push({
        index: at(slot),
        kind,
        prompt: `call ${at(slot)} (${kind})`,
        retries: 0,
        fallbacks: 0,
        ...rest,
      });
    const n = cycle + 1;
    call(0, 'ok-chat', {
      client: 'runtime',
      operation: 'chat',
      model: 'openai/gpt-4o-mini',
      steps: { openai: [usage(10 + n, 5)] },
    });
    call(1, 'ok-stream', {
      client: 'router',
      operation: 'stream',
      model: 'anthropic/claude-haiku-4-5',
      steps: { anthropic: [{ text: 'one two three', chunks: 3, ...usage(20, 3 + n) }] },
    });
    call(2, 'retry-ok', {
      client: 'runtime',
      operation: 'chat',
      model: 'openai/gpt-4o-mini',
      retries: 1,
      steps: { openai: [fault('server'), usage(12, 6)] },
    });
    call(3, 'fallback', {
      client: 'router',
      operation: 'chat',
      model: 'auto',
      retries: 1,
      fallbacks: 1,
      steps: { openai: [fault('server'), fault('server')], anthropic: [usage(30, 7)] },
    });
    call(4, 'fail-auth', {
      client: 'runtime',
      operation: 'chat',
      model: 'openai/gpt-4o-mini',
      steps: { openai: [fault('auth')] },
    });
    call(5, 'cached', {
      client: 'runtime',
      operation: 'chat',
      model: 'openai/gpt-4o-mini',
      prompt: `call ${at(0)} (ok-chat)`,
      steps: {},
    });
    call(6, 'ollama-chat', {
      client: 'router',
      operation: 'chat',
      model: 'ollama/llama3.2',
      steps: { ollama: [usage(8, 4 + n)] },
    });
    call(7, 'stream-fallback', {
      client: 'router',
      operation: 'stream',
      model: 'auto',
      retries: 1,
      fallbacks: 1,
      steps: {
        openai: [fault('rate_limit'), fault('rate_limit')],
        anthropic: [{ text: 'four five', chunks: 2, ...usage(25, 2) }],
      },
    });
    call(8, 'embed', {
      client: 'runtime',
      operation: 'embed',
      model: 'openai/text-embedding-3-small',
      steps: {},
    });
    call(9, 'cache-tokens', {
      client: 'runtime',
      operation: 'chat',
      model: 'anthropic/claude-haiku-4-5',
      steps: { anthropic: [usage(100, 20, { cachedInputTokens: 40, cacheWriteTokens: 10 })] },
    });
    call(10, 'reasoning', {
      client: 'router',
      operation: 'chat',
      model: 'openai/gpt-4o',
      steps: { openai: [usage(50, 30, { reasoningTokens: 12 })] },
    });
    call(11, 'stream-cut', {
      client: 'runtime',
      operation: 'stream',
      model: 'openai/gpt-4o-mini',
      steps: {
        openai: [{ text: 'a b c d e f', chunks: 6, fault: { type: 'cut', afterChunks: 3 }, ...usage(9, 9) }],
      },
    });
    call(12, 'ollama-stream', {
      client: 'runtime',
      operation: 'stream',
      model: 'ollama/llama3.2',
      steps: { ollama: [{ text: 'six seven', chunks: 2, ...usage(6, 2) }] },
    });
    if (cycle === 0 || cycle === 5)
      call(13, 'hedge', {
        client: 'hedger',
        operation: 'chat',
        model: 'auto',
        hedged: true,
        steps: { anthropic: [{ fault: { type: 'stall', ms: 5000 }, ...usage(1, 1) }], ollama: [usage(5, 5)] },
      });
    else
      call(13, 'ok-chat', {
        client: 'router',
        operation: 'chat',
        model: 'anthropic/claude-haiku-4-5',
        steps: { anthropic: [usage(15, 5)] },
      });
    if (cycle === 9) {
      // groq (on the OpenAI emulator): two 503s open its circuit (threshold 2), the third call is refused
      call(14, 'circuit', {
        client: 'runtime',
        operation: 'chat',
        model: 'groq/llama-3.3-70b-versatile',
        steps: { openai: [fault('unavailable')] },
      });
      call(15, 'circuit', {
        client: 'runtime',
        operation: 'chat',
        model: 'groq/llama-3.3-70b-versatile',
        steps: { openai: [fault('unavailable')] },
      });
      call(16, 'circuit', {
        client: 'runtime',
        operation: 'chat',
        model: 'groq/llama-3.3-70b-versatile',
        steps: {},
      });
    } else {
      call(14, 'ok-chat', {
        client: 'runtime',
        operation: 'chat',
        model: 'anthropic/claude-haiku-4-5',
        steps: { anthropic: [usage(11, 3)] },
      });
      call(15, 'ok-chat', {
        client: 'runtime',
        operation: 'chat',
        model: 'openai/gpt-4o',
        steps: { openai: [usage(14, 4)] },
      });
      call(16, 'ok-chat', {
        client: 'runtime',
        operation: 'chat',
        model: 'openai/gpt-4o',
        steps: { openai: [usage(16, 4)] },
      });
    }
    if (cycle === 2) {
      // the vendor says no requests are left for 150 ms: the next openai call waits for the rate limiter
      const limited = {
        'x-ratelimit-limit-requests': '1000',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '150ms',
      };
      call(17, 'rate-limit-set', {
        client: 'runtime',
        operation: 'chat',
        model: 'openai/gpt-4o-mini',
        steps: { openai: [{ headers: limited, ...usage(7, 7) }] },
      });
      call(18, 'rate-limited', {
        client: 'runtime',
        operation: 'chat',
        model: 'openai/gpt-4o-mini',
        steps: { openai: [usage(7, 8)] },
      });
    } else {
      call(17, 'ok-chat', {
        client: 'runtime',
        operation: 'chat',
        model: 'openai/gpt-4o-mini',
        steps: { openai: [usage(9, 2)] },
      });
      call(18, 'ok-chat', {
        client: 'runtime',
        operation: 'chat',
        model: 'openai/gpt-4o-mini',
        steps: { openai: [usage(9, 3)] },
      });
    }
    call(19, 'ok-stream', {
      client: 'router',
      operation: 'stream',
      model: 'openai/gpt-4o-mini',
      steps: { openai: [{ text: 'eight nine ten', chunks: 3, ...usage(13, 3) }] },
    });
  }
  return calls;
}

/** The clients a run sends its calls through. */
export interface Clients {
  runtime: Runtime;
  router: Router;
  hedger: Router;
}

export function scenarioClients(
  emus: Emulators,
  runtimeSinks: TelemetrySink[],
  routerSinks: TelemetrySink[],
): Clients {
  const runtime = scenarioRuntime(emus, runtimeSinks);
  return {
    runtime,
    router: createRouter({
      runtime,
      fallback: ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
      telemetry: routerSinks,
      closeRuntime: false,
    }),
    hedger: createRouter({
      runtime,
      fallback: ['anthropic/claude-haiku-4-5', 'ollama/llama3.2'],
      hedge: { afterMs: 30, maxExtraShare: 1 },
      telemetry: routerSinks,
      closeRuntime: false,
    }),
  };
}

/** Sends the planned calls one after another, each with its own parent `traceparent`. */
export async function runPlan(emus: Emulators, clients: Clients, planned = plan()): Promise<CallRecord[]> {
  const records: CallRecord[] = [];
  for (const call of planned) {
    for (const vendor of ['openai', 'anthropic', 'ollama'] as const) {
      const steps = call.steps[vendor];
      if (steps?.length) emus[vendor].script(...steps);
    }
    const traceId = randomBytes(16).toString('hex');
    const parentSpanId = randomBytes(8).toString('hex');
    const options = { traceparent: `00-${traceId}-${parentSpanId}-01` };
    const client = clients[call.client];
    const messages = [{ role: 'user' as const, content: call.prompt }];
    let result: ChatResult | EmbedResult | undefined;
    let error: PalError | undefined;
    try {
      if (call.operation === 'embed')
        result = await client.embed({ model: call.model, input: [call.prompt] }, options);
      else if (call.operation === 'stream')
        result = await client.stream({ model: call.model, messages }, options).result();
      else result = await client.chat({ model: call.model, messages }, options);
    } catch (thrown) {
      if (!isPalError(thrown)) throw thrown;
      error = thrown;
    }
    records.push({
      planned: call,
      traceId,
      parentSpanId,
      ...(result && { result }),
      ...(error && { error }),
      requests: [],
      servedBy: {},
      served: {
        inputTokens: 0,
        outputTokens: 0,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
    });
  }
  attributeRequests(emus, records);
  return records;
}

/** Gives each call the emulator requests carrying its trace, and the tokens they served. */
function attributeRequests(emus: Emulators, records: CallRecord[]): void {
  const byTrace = new Map(records.map((r) => [r.traceId, r]));
  for (const vendor of ['openai', 'anthropic', 'ollama'] as const) {
    for (const request of emus[vendor].requests) {
      const traceId = request.headers.traceparent?.split('-')[1];
      const record = traceId ? byTrace.get(traceId) : undefined;
      if (!record) continue;
      record.requests.push(request);
      const usage = request.step?.usage;
      if (request.step?.fault || request.clientClosedEarly || !usage) continue;
      record.served.inputTokens += usage.inputTokens ?? 0;
      record.served.outputTokens += usage.outputTokens ?? 0;
      record.served.cachedInputTokens += usage.cachedInputTokens ?? 0;
      record.served.cacheWriteTokens += usage.cacheWriteTokens ?? 0;
      record.served.reasoningTokens += usage.reasoningTokens ?? 0;
      const by = record.servedBy[vendor] ?? { inputTokens: 0, outputTokens: 0 };
      record.servedBy[vendor] = by;
      by.inputTokens += usage.inputTokens ?? 0;
      by.outputTokens += usage.outputTokens ?? 0;
    }
  }
  // embeddings: the emulator counts the input itself (no scripted usage); its answer said how many
  for (const record of records) {
    if (record.planned.operation === 'embed' && record.result && !record.result.usage.estimated) {
      record.served.inputTokens += record.result.usage.inputTokens;
      record.servedBy.openai = { inputTokens: record.result.usage.inputTokens, outputTokens: 0 };
    }
  }
}

/** What one emulator served `records`. */
export function servedBy(
  records: CallRecord[],
  vendor: 'openai' | 'anthropic' | 'ollama',
  field: 'inputTokens' | 'outputTokens',
): number {
  return records.reduce((n, r) => n + (r.servedBy[vendor]?.[field] ?? 0), 0);
}

/** The sum of one served figure over `records`. */
export function servedTotal(records: CallRecord[], field: keyof CallRecord['served']): number {
  return records.reduce((n, r) => n + r.served[field], 0);
}
