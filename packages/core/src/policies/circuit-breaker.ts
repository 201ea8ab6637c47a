import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { ErrorCode } from '../errors/error-code.js';
import { isPalError } from '../errors/pal-error.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { isLocalPolicyError, localPolicyError } from './local-policy-error.js';
import { assertPositiveOption } from './option-checks.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';

/** The state of one provider's circuit. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Codes that say the provider itself is unhealthy (the breaker's default `failureCodes`). */
export const CIRCUIT_FAILURE_CODES: readonly ErrorCode[] = [
  'PROVIDER_API_ERROR',
  'OVERLOADED',
  'TIMEOUT',
  'NETWORK_ERROR',
  'STREAM_ERROR',
  'PROVIDER_RATE_LIMIT_ERROR',
];

/** Options of {@link circuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold?: number;
  /** Successful half-open probes that close it again. Default 1. */
  successThreshold?: number;
  /** How long an open circuit rejects calls before letting a probe through. Default 30 000 ms. */
  cooldownMs?: number;
  /** Error codes that count as provider failures. Default {@link CIRCUIT_FAILURE_CODES}. */
  failureCodes?: readonly ErrorCode[];
  /** Clock (epoch ms). Default `Date.now`. */
  now?: () => number;
}

/** A circuit breaker middleware, which can also tell the state of a provider's circuit. */
export type CircuitBreaker = Middleware & {
  /** The state of `providerId`'s circuit now (an open circuit whose cool-down passed reads `half-open`). */
  stateOf(providerId: string): CircuitState;
};

interface Circuit {
  state: CircuitState;
  /** Consecutive failures while closed. */
  failures: number;
  /** Successful probes while half-open. */
  successes: number;
  openedAt: number;
  /** Probes in flight while half-open (at most one). */
  probes: number;
}

type Outcome = 'success' | 'failure' | 'neutral';
type Settings = Required<CircuitBreakerOptions>;

/**
 * A per-provider circuit breaker. Consecutive failures whose code says the provider is unhealthy
 * (never INVALID_REQUEST, auth, abort, budget or errors raised by local policies) open the
 * circuit; an open circuit rejects calls with CIRCUIT_OPEN (not retryable, `retryAfterMs` = the
 * remaining cool-down) without calling the provider. After the cool-down it is half-open: one
 * probe at a time goes through; `successThreshold` successes close it, a failure opens it again.
 * Emits a `circuit` event on each transition.
 */
export function circuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  assertPositiveOption('circuitBreaker', 'failureThreshold', options.failureThreshold);
  assertPositiveOption('circuitBreaker', 'successThreshold', options.successThreshold);
  assertPositiveOption('circuitBreaker', 'cooldownMs', options.cooldownMs);
  const configured = mergeDefined<Settings>(
    {
      failureThreshold: 5,
      successThreshold: 1,
      cooldownMs: 30_000,
      failureCodes: CIRCUIT_FAILURE_CODES,
      now: Date.now,
    },
    options,
  );
  const circuits = new Map<string, Circuit>();

  const circuitOf = (providerId: string): Circuit => {
    let circuit = circuits.get(providerId);
    if (!circuit) {
      circuit = { state: 'closed', failures: 0, successes: 0, openedAt: 0, probes: 0 };
      circuits.set(providerId, circuit);
    }
    return circuit;
  };

  const moveTo = (
    circuit: Circuit,
    state: CircuitState,
    ctx: CallContext,
    next: Next,
    model: string,
    s: Settings,
  ) => {
    const previous = circuit.state;
    circuit.state = state;
    circuit.failures = 0;
    circuit.successes = 0;
    circuit.probes = 0;
    if (state === 'open') circuit.openedAt = s.now();
    emitPolicyEvent(ctx, { type: 'circuit', provider: next.adapter.id, model, state, previous }, s.now);
  };

  /** Lets a call through (returning whether it is a half-open probe) or throws CIRCUIT_OPEN. */
  const admit = (circuit: Circuit, ctx: CallContext, next: Next, model: string, s: Settings): boolean => {
    if (circuit.state === 'open') {
      const remainingMs = circuit.openedAt + s.cooldownMs - s.now();
      if (remainingMs > 0) throw circuitOpen(next, model, remainingMs);
      moveTo(circuit, 'half-open', ctx, next, model, s);
    }
    if (circuit.state === 'closed') return false;
    if (circuit.probes >= 1) throw circuitOpen(next, model);
    circuit.probes++;
    return true;
  };

  const record = (
    circuit: Circuit,
    outcome: Outcome,
    probe: boolean,
    ctx: CallContext,
    next: Next,
    model: string,
    s: Settings,
  ) => {
    if (probe && circuit.state === 'half-open') circuit.probes = Math.max(0, circuit.probes - 1);
    if (outcome === 'neutral' || circuit.state === 'open') return;
    if (outcome === 'failure') {
      if (circuit.state === 'half-open' || ++circuit.failures >= s.failureThreshold)
        moveTo(circuit, 'open', ctx, next, model, s);
      return;
    }
    if (circuit.state === 'closed') circuit.failures = 0;
    else if (++circuit.successes >= s.successThreshold) moveTo(circuit, 'closed', ctx, next, model, s);
  };

  const classify = (error: unknown, s: Settings): Outcome =>
    isPalError(error) && !isLocalPolicyError(error) && s.failureCodes.includes(error.code)
      ? 'failure'
      : 'neutral';

  async function guarded<T>(ctx: CallContext, next: Next, model: string, call: () => Promise<T>): Promise<T> {
    const s = optionsForCall(ctx, 'circuitBreaker', configured);
    if (!s) return call();
    const circuit = circuitOf(next.adapter.id);
    const probe = admit(circuit, ctx, next, model, s);
    try {
      const result = await call();
      record(circuit, 'success', probe, ctx, next, model, s);
      return result;
    } catch (error) {
      record(circuit, classify(error, s), probe, ctx, next, model, s);
      throw error;
    }
  }

  return {
    name: 'circuitBreaker',
    chat: (request, ctx, next) => guarded(ctx, next, request.model, () => next.chat(request, ctx)),
    embed: (request, ctx, next) => guarded(ctx, next, request.model, () => next.embed(request, ctx)),
    generateImage: (request, ctx, next) =>
      guarded(ctx, next, request.model, () => next.generateImage(request, ctx)),
    async *stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      const s = optionsForCall(ctx, 'circuitBreaker', configured);
      if (!s) {
        yield* next.stream(request, ctx);
        return;
      }
      const circuit = circuitOf(next.adapter.id);
      const probe = admit(circuit, ctx, next, request.model, s);
      let outcome: Outcome = 'neutral';
      let yielded = false;
      try {
        for await (const event of next.stream(request, ctx)) {
          yielded = true;
          yield event;
        }
        outcome = 'success';
      } catch (error) {
        outcome = classify(error, s);
        throw error;
      } finally {
        // a caller that stopped reading after the provider answered saw a healthy provider
        if (outcome === 'neutral' && yielded) outcome = 'success';
        record(circuit, outcome, probe, ctx, next, request.model, s);
      }
    },
    stateOf(providerId) {
      const circuit = circuits.get(providerId);
      if (!circuit) return 'closed';
      if (circuit.state === 'open' && configured.now() >= circuit.openedAt + configured.cooldownMs)
        return 'half-open';
      return circuit.state;
    },
  };
}

function circuitOpen(next: Next, model: string, remainingMs?: number) {
  const provider = next.adapter.id;
  return localPolicyError('circuitBreaker', {
    code: 'CIRCUIT_OPEN',
    message:
      remainingMs === undefined
        ? `The circuit for ${provider} is half-open and already probing; try again shortly`
        : `The circuit for ${provider} is open after repeated failures; it half-opens in ${Math.ceil(remainingMs)} ms`,
    retryable: false,
    provider,
    model,
    ...(remainingMs !== undefined && { retryAfterMs: remainingMs }),
  });
}
