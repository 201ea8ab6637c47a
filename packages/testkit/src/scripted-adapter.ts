import {
  type AdapterChatResult,
  type AdapterEmbedResult,
  type AdapterImageResult,
  type CallContext,
  type ChatRequest,
  type EmbedRequest,
  type ImageRequest,
  isPalError,
  type ModelInfo,
  type ModelInfoInput,
  PalError,
  type ProviderAdapter,
  type ProviderCapabilities,
  type ProviderStreamEvent,
} from '@pal/core';
import { modelInfoSchema } from '@pal/core/provider';

/** A stream event a script plays, optionally after a pause. */
export type ScriptedStreamEvent = ProviderStreamEvent & { delayMs?: number };

/** One scripted answer: what the adapter does on one call. */
export type ScriptStep =
  /** `chat` answers with a result: `text` alone, or any fields of an `AdapterChatResult`. */
  | { type: 'result'; text?: string; result?: Partial<AdapterChatResult>; delayMs?: number }
  /** `stream` plays `events`; with `error`, it throws it after `failAfter` events (default: all of them). */
  | { type: 'stream'; events: ScriptedStreamEvent[]; failAfter?: number; error?: unknown }
  /** Any operation throws `error` (after `delayMs`). */
  | { type: 'error'; error: unknown; delayMs?: number }
  /** `embed` answers with `result`. */
  | { type: 'embed'; result: AdapterEmbedResult; delayMs?: number }
  /** `generateImage` answers with `result`. */
  | { type: 'image'; result: AdapterImageResult; delayMs?: number };

/** How a scripted stream ended, from the adapter's side. */
export type ScriptedStreamOutcome = 'open' | 'completed' | 'errored' | 'returned';

/** One call the scripted adapter received. */
export interface ScriptedCall {
  /** 0-based position among all calls. */
  index: number;
  operation: 'chat' | 'stream' | 'embed' | 'image';
  request: ChatRequest | EmbedRequest | ImageRequest;
  attempt: number;
  requestId: string;
  headers: Record<string, string>;
  /** Epoch milliseconds when the call arrived. */
  at: number;
  /** For streams: events emitted so far and how the generator ended (`returned` = closed early by the consumer). */
  stream?: { emitted: number; outcome: ScriptedStreamOutcome };
}

/** A catalog entry for a scripted model: `id` plus whatever differs from the defaults. */
export type ScriptedModel = Partial<ModelInfoInput> & { id: string };

/** Options of {@link createScriptedAdapter}. */
export interface ScriptedAdapterOptions {
  id: string;
  displayName?: string;
  models: ScriptedModel[];
  /** Steps played in order (one per call), or a function choosing the step for each call. */
  script: ScriptStep[] | ((call: ScriptedCall) => ScriptStep);
  capabilities?: Partial<ProviderCapabilities>;
  defaultModel?: string;
  local?: boolean;
}

/** A scripted adapter plus what it recorded. */
export interface ScriptedAdapter extends ProviderAdapter {
  /** Every call received, in order. */
  readonly calls: ScriptedCall[];
}

/**
 * Testing utility: an in-process `ProviderAdapter` that plays a script instead of
 * calling a vendor. Each call takes the next step (a result, a stream of events with
 * optional delays and a failure after K events, or an error to throw) and is recorded
 * in `calls`, streams with how their generator ended. Delays honour `ctx.signal`, as an
 * SDK request would. Not for production use.
 */
export function createScriptedAdapter(options: ScriptedAdapterOptions): ScriptedAdapter {
  const models: ModelInfo[] = options.models.map((model) => modelInfoSchema.parse(withModelDefaults(model)));
  const calls: ScriptedCall[] = [];

  function record(operation: ScriptedCall['operation'], request: ScriptedCall['request'], ctx: CallContext) {
    const call: ScriptedCall = {
      index: calls.length,
      operation,
      request,
      attempt: ctx.attempt,
      requestId: ctx.requestId,
      headers: { ...ctx.headers },
      at: Date.now(),
    };
    calls.push(call);
    const step = typeof options.script === 'function' ? options.script(call) : options.script[call.index];
    if (step === undefined) {
      throw new PalError({
        code: 'CONFIG_ERROR',
        message: `The script of "${options.id}" has no step for call #${call.index + 1} (${operation})`,
        retryable: false,
      });
    }
    return { call, step };
  }

  function mismatch(step: ScriptStep, operation: string): PalError {
    return new PalError({
      code: 'CONFIG_ERROR',
      message: `Scripted step "${step.type}" cannot answer ${operation}`,
      retryable: false,
    });
  }

  return {
    id: options.id,
    displayName: options.displayName ?? options.id,
    models,
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: true,
      imageGeneration: true,
      ...options.capabilities,
    },
    defaultModel: options.defaultModel,
    local: options.local,
    calls,

    async chat(request, ctx) {
      const { call, step } = record('chat', request, ctx);
      if (step.type === 'error') {
        await sleep(step.delayMs, ctx.signal);
        throw step.error;
      }
      if (step.type !== 'result') throw mismatch(step, 'chat');
      await sleep(step.delayMs, ctx.signal);
      const text = step.text ?? '';
      return {
        id: `scripted-${call.index + 1}`,
        model: request.model,
        content: [{ type: 'text', text }],
        finishReason: 'stop',
        ...step.result,
      };
    },

    async *stream(request, ctx) {
      const { call, step } = record('stream', request, ctx);
      const progress: NonNullable<ScriptedCall['stream']> = { emitted: 0, outcome: 'open' };
      call.stream = progress;
      try {
        if (step.type === 'error') {
          await sleep(step.delayMs, ctx.signal);
          throw step.error;
        }
        if (step.type !== 'stream') throw mismatch(step, 'stream');
        const failAt =
          step.error === undefined ? Number.POSITIVE_INFINITY : (step.failAfter ?? step.events.length);
        for (const { delayMs, ...event } of step.events) {
          if (progress.emitted >= failAt) break;
          await sleep(delayMs, ctx.signal);
          progress.emitted++;
          yield event as ProviderStreamEvent;
        }
        if (step.error !== undefined) throw step.error;
        progress.outcome = 'completed';
      } catch (error) {
        progress.outcome = 'errored';
        throw error;
      } finally {
        if (progress.outcome === 'open') progress.outcome = 'returned';
      }
    },

    async embed(request, ctx) {
      const { step } = record('embed', request, ctx);
      await sleep(step.type === 'stream' ? undefined : step.delayMs, ctx.signal);
      if (step.type === 'error') throw step.error;
      if (step.type !== 'embed') throw mismatch(step, 'embed');
      return step.result;
    },

    async generateImage(request, ctx) {
      const { step } = record('image', request, ctx);
      await sleep(step.type === 'stream' ? undefined : step.delayMs, ctx.signal);
      if (step.type === 'error') throw step.error;
      if (step.type !== 'image') throw mismatch(step, 'generateImage');
      return step.result;
    },

    toPalError(error, context) {
      if (isPalError(error)) return error;
      return new PalError({
        code: 'PROVIDER_API_ERROR',
        message: error instanceof Error ? error.message : String(error),
        provider: options.id,
        model: context?.model,
        cause: error,
      });
    },
  };
}

function withModelDefaults(model: ScriptedModel): ModelInfoInput {
  return {
    displayName: model.id,
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    pricing: { inputPerMTok: 0, outputPerMTok: 0 },
    ...model,
    capabilities: {
      streaming: true,
      tools: true,
      vision: true,
      json: true,
      embeddings: model.kind === 'embedding',
      ...model.capabilities,
    },
  };
}

/** Waits `ms` (no wait when absent); rejects like an aborted SDK request when `signal` aborts. */
function sleep(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new Error('Request was aborted.'));
  if (!ms) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('Request was aborted.'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
