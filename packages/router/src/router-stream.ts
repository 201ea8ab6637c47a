import {
  type ChatRequestInput,
  type ChatResult,
  endCall,
  isPalError,
  PalError,
  PalStream,
  type Runtime,
  type StreamEvent,
  type StreamOptions,
} from '@pal/core';
import type { Candidate } from './candidate.js';
import type { Answer, Runner } from './first-answer.js';
import type { Plan, RoutingInfo } from './router.js';

/** A target's stream that has produced its first token: what came so far, and the rest to read. */
interface Opened {
  head: StreamEvent[];
  rest: AsyncIterator<StreamEvent>;
  /** The target's own decoded result or error, once its stream has ended. */
  outcome: { result?: ChatResult; error?: PalError };
}

interface RouterStreamInput {
  runtime: Runtime;
  request: ChatRequestInput;
  options: StreamOptions;
  plan: () => Promise<Plan>;
  answer: (plan: Plan, run: Runner<Opened>, signal: AbortSignal) => Promise<Answer<Opened>>;
  routing: (plan: Plan, got: Answer<unknown>) => RoutingInfo;
}

/**
 * A routed stream. Each candidate's stream is read until its first token (a `start` event is
 * held back with it); a failure before that moves the call on like a chat call, so the caller
 * never sees a target that failed. From the first token on the stream is the serving target's:
 * a later failure ends it with that target's typed `error` event and nothing is sent elsewhere.
 * The result is the serving target's own (decoded, priced), with every attempt and `routing`.
 */
export function routerStream(input: RouterStreamInput): PalStream {
  const { runtime, request, options } = input;
  const { onText, onToolCall, onFinish, onError, signal: callerSignal, ...runtimeOptions } = options;
  const abort = new AbortController();
  const signal = callerSignal ? AbortSignal.any([callerSignal, abort.signal]) : abort.signal;
  let finalResult: (() => ChatResult) | undefined;

  const open: Runner<Opened> = async (candidate, call, attemptSignal) => {
    const outcome: Opened['outcome'] = {};
    const inner = runtime.stream(
      { ...request, model: candidate.ref },
      {
        ...runtimeOptions,
        call,
        ...(attemptSignal && { signal: attemptSignal }),
        onFinish: (result) => {
          outcome.result = result;
        },
        onError: (error) => {
          outcome.error = error;
        },
      },
    );
    const rest = inner[Symbol.asyncIterator]();
    const head: StreamEvent[] = [];
    for (;;) {
      const step = await rest.next();
      if (step.done) throw endedEarly(candidate);
      head.push(step.value);
      if (step.value.type === 'start') continue;
      if (step.value.type === 'error') {
        await rest.return?.();
        throw step.value.error;
      }
      return { head, rest, outcome };
    }
  };

  async function* events(): AsyncGenerator<StreamEvent> {
    let planned: Plan;
    let got: Answer<Opened>;
    try {
      planned = await input.plan();
    } catch (error) {
      yield { type: 'error', error: asPalError(error) };
      return;
    }
    try {
      got = await input.answer(planned, open, signal);
    } catch (error) {
      const failure = asPalError(error);
      if (planned.owned) endCall(planned.call, { error: failure });
      yield { type: 'error', error: failure };
      return;
    }
    const { head, rest, outcome } = got.value;
    finalResult = () => {
      if (outcome.error) throw outcome.error;
      if (!outcome.result) throw endedEarly(got.served);
      return {
        ...outcome.result,
        attempts: got.attempts(),
        routing: input.routing(planned, got),
      } as ChatResult;
    };
    try {
      yield* head;
      for (;;) {
        const step = await rest.next();
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await rest.return?.();
      // the serving target's stream is over (finished, failed, or closed by the caller)
      if (planned.owned) {
        const error = outcome.error ?? (outcome.result ? undefined : abandoned(got.served));
        endCall(planned.call, {
          attempts: got.attempts().length,
          answeredBy: got.call,
          ...(error && { error }),
        });
      }
    }
  }

  return new PalStream(events(), {
    ...(onText && { onText }),
    ...(onToolCall && { onToolCall }),
    ...(onFinish && { onFinish }),
    ...(onError && { onError }),
    onCancel: (reason) => abort.abort(reason),
    // the serving target's result, as its own stream decoded it
    decode: (assembled) => finalResult?.() ?? assembled,
  });
}

/** A target's stream that ended before its first token. */
const endedEarly = (candidate: Candidate) =>
  streamEnd(candidate, 'STREAM_ERROR', 'ended before its first token');
/** A serving target's stream the caller closed before it finished. */
const abandoned = (candidate: Candidate) => streamEnd(candidate, 'ABORTED', 'was closed before it finished');

function streamEnd(candidate: Candidate, code: 'STREAM_ERROR' | 'ABORTED', what: string): PalError {
  return new PalError({
    code,
    message: `The stream from ${candidate.ref} ${what}`,
    provider: candidate.provider,
    model: candidate.modelId,
    ...(code === 'ABORTED' && { retryable: false }),
  });
}

function asPalError(error: unknown): PalError {
  return isPalError(error)
    ? error
    : new PalError({ code: 'STREAM_ERROR', message: String(error), cause: error });
}
