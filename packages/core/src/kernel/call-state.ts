import { randomUUID } from 'node:crypto';
import type { Call, CallOperation, CallTarget } from '../contracts/call.js';
import type { Attempt } from '../contracts/chat-result.js';
import type { CallWarning } from '../contracts/warning.js';
import type { PalError } from '../errors/pal-error.js';

/** Ends an attempt: with the error it failed with, or none when it succeeded. */
export type AttemptEnd = (error?: PalError) => Attempt;

/**
 * The kernel's {@link Call}: one logical call, possibly across several targets. The runtime
 * creates it (or continues one it is given), points it at each target it tries, and the bottom
 * of every provider stack records each attempt in it.
 */
export class CallState implements Call {
  readonly requestId: string;
  readonly operation: CallOperation;
  readonly attempts: Attempt[] = [];
  readonly warnings: CallWarning[] = [];
  #target: CallTarget;
  #cached = false;
  #warned: Set<string> | undefined;
  /** Called with each new warning (the runtime sends it to telemetry). */
  onWarning: ((warning: CallWarning) => void) | undefined;

  constructor(operation: CallOperation, target: CallTarget, requestId: string = randomUUID()) {
    this.operation = operation;
    this.#target = target;
    this.requestId = requestId;
  }

  get target(): CallTarget {
    return this.#target;
  }

  get cached(): boolean {
    return this.#cached;
  }

  /** Points the call at its next target (attempts and warnings so far are kept). */
  retarget(target: CallTarget): void {
    this.#target = target;
    this.#cached = false;
  }

  warn(warning: CallWarning): void {
    const key = JSON.stringify(warning);
    this.#warned ??= new Set();
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.warnings.push(warning);
    this.onWarning?.(warning);
  }

  markCached(): void {
    this.#cached = true;
  }

  /** Records the start of an attempt on `provider`/`model`; the returned function ends it. */
  beginAttempt(provider: string, model: string): AttemptEnd {
    const started = Date.now();
    const attempt: Attempt = { provider, model, attempt: this.attempts.length + 1, latencyMs: 0 };
    this.attempts.push(attempt);
    return (error) => {
      attempt.latencyMs = Date.now() - started;
      if (error) attempt.error = error;
      return attempt;
    };
  }
}

/**
 * A new logical call to hand to `runtime.chat(request, { call })` and friends: every runtime call
 * given the same `call` shares its request id and its list of attempts, so a router (or a test)
 * that moves one request from one (provider, model) to the next reports it as one call.
 *
 * @example
 * ```ts
 * const call = createCall('chat');
 * try {
 *   return await runtime.chat({ model: 'openai/gpt-4o-mini', messages }, { call });
 * } catch {
 *   return await runtime.chat({ model: 'anthropic/claude-haiku-4-5', messages }, { call });
 * } // the result's requestId is call.requestId, and its attempts list both targets
 * ```
 */
export function createCall(operation: CallOperation = 'chat', requestId?: string): Call {
  return new CallState(operation, { provider: '', modelId: '' }, requestId);
}

/** The kernel's state behind a `Call` (undefined for a call object the kernel did not make). */
export function callStateOf(call: Call | undefined): CallState | undefined {
  return call instanceof CallState ? call : undefined;
}
