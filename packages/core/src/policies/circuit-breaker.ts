import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { ProviderStreamEvent } from '../contracts/stream-event.js';
import type { ErrorCode } from '../errors/error-code.js';
import { isPalError } from '../errors/pal-error.js';
import type { Middleware, Next } from '../kernel/middleware.js';
import { tapStream } from '../kernel/stream-tap.js';
import { isLocalPolicyError, localPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';
import { assertPositiveOption } from './option-checks.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined, optionsForCall } from './policy-options.js';
import type { StateStore } from './state-store.js';
import { type CircuitState, StoredCircuit } from './stored-circuit.js';

export type { CircuitState } from './stored-circuit.js';

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
  /** Where circuits live; share one (Redis) so a fleet shares its breakers. Default: in memory. */
  store?: StateStore;
}

/** A circuit breaker middleware, which can also tell the state of a provider's circuit. */
export type CircuitBreaker = Middleware & {
  /** The state of `providerId`'s circuit now (an open circuit whose cool-down passed reads `half-open`). */
  stateOf(providerId: string): Promise<CircuitState>;
  /** Opens `providerId`'s circuit by hand (held open, no probe) or closes it (counts cleared). */
  force(providerId: string, state: 'open' | 'closed'): Promise<void>;
};

type Outcome = 'success' | 'failure' | 'neutral';
type Settings = Required<Omit<CircuitBreakerOptions, 'store'>>;

/**
 * A per-provider circuit breaker. Consecutive failures whose code says the provider is unhealthy
 * (never INVALID_REQUEST, auth, abort, budget or errors raised by local policies) open the
 * circuit; an open circuit rejects calls with CIRCUIT_OPEN (not retryable, `retryAfterMs` = the
 * remaining cool-down) without calling the provider. After the cool-down it is half-open: one
 * probe at a time goes through; `successThreshold` successes close it, a failure opens it again.
 * Outcomes count in the state a call was let through in: a call admitted while closed never
 * moves a half-open circuit. Circuits live in a {@link StateStore} keyed by provider id (in
 * memory by default): breakers sharing a store share their circuits, so failures seen by one
 * gateway open the circuit for all, and only one of them probes. Emits a `circuit` event on each
 * transition, from the gateway that made it.
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
  const store = options.store ?? createMemoryStore({ now: configured.now });
  const circuitOf = (providerId: string) => new StoredCircuit(store, providerId);

  const emitTransition = (
    ctx: CallContext,
    next: Next,
    model: string,
    state: CircuitState,
    previous: CircuitState,
    s: Settings,
  ) => emitPolicyEvent(ctx, { type: 'circuit', provider: next.adapter.id, model, state, previous }, s.now);

  /**
   * Lets a call through (returning whether it is the half-open probe) or throws CIRCUIT_OPEN. Past
   * the cool-down, the one caller that takes the probe lease half-opens the circuit and probes.
   */
  const admit = async (
    circuit: StoredCircuit,
    ctx: CallContext,
    next: Next,
    model: string,
    s: Settings,
  ): Promise<boolean> => {
    const seen = await circuit.read();
    if (!seen) return false;
    if (seen.forced) throw circuitOpen(next, model, undefined, true);
    if (seen.state === 'open') {
      const remainingMs = seen.openedAt + s.cooldownMs - s.now();
      if (remainingMs > 0) throw circuitOpen(next, model, remainingMs);
    }
    // the lease outlives a gateway that dies mid-probe by one cool-down at most
    if (!(await circuit.leaseProbe(s.cooldownMs))) throw circuitOpen(next, model);
    // only the lease holder moves an open or half-open circuit, so this read is current
    const record = await circuit.read();
    if (!record) {
      await circuit.releaseProbe();
      return false;
    }
    if (record.state === 'open') {
      await circuit.halfOpen(record);
      emitTransition(ctx, next, model, 'half-open', 'open', s);
    }
    return true;
  };

  /**
   * Records a call's outcome. A probe's outcome moves the half-open circuit (failure: open again;
   * `successThreshold` successes: closed; otherwise the lease goes back). A call let through while
   * closed counts towards (or resets) the consecutive failures; the caller whose failure reaches
   * the threshold opens the circuit, unless it is open already.
   */
  const record = async (
    circuit: StoredCircuit,
    outcome: Outcome,
    probe: boolean,
    ctx: CallContext,
    next: Next,
    model: string,
    s: Settings,
  ) => {
    if (probe) {
      if (outcome === 'failure') {
        await circuit.open(s.now());
        emitTransition(ctx, next, model, 'open', 'half-open', s);
      } else if (outcome === 'success' && (await circuit.countSuccess()) >= s.successThreshold) {
        await circuit.close();
        emitTransition(ctx, next, model, 'closed', 'half-open', s);
      } else await circuit.releaseProbe();
      return;
    }
    if (outcome === 'success') await circuit.resetFailures();
    else if (outcome === 'failure' && (await circuit.countFailure()) === s.failureThreshold) {
      if (await circuit.read()) return;
      await circuit.open(s.now());
      emitTransition(ctx, next, model, 'open', 'closed', s);
    }
  };

  const classify = (error: unknown, s: Settings): Outcome =>
    isPalError(error) && !isLocalPolicyError(error) && s.failureCodes.includes(error.code)
      ? 'failure'
      : 'neutral';

  async function guarded<T>(ctx: CallContext, next: Next, model: string, call: () => Promise<T>): Promise<T> {
    const s = optionsForCall(ctx, 'circuitBreaker', configured);
    if (!s) return call();
    const circuit = circuitOf(next.adapter.id);
    const probe = await admit(circuit, ctx, next, model, s);
    let result: T;
    try {
      result = await call();
    } catch (error) {
      await record(circuit, classify(error, s), probe, ctx, next, model, s);
      throw error;
    }
    await record(circuit, 'success', probe, ctx, next, model, s);
    return result;
  }

  return {
    name: 'circuitBreaker',
    chat: (request, ctx, next) => guarded(ctx, next, request.model, () => next.chat(request, ctx)),
    embed: (request, ctx, next) => guarded(ctx, next, request.model, () => next.embed(request, ctx)),
    generateImage: (request, ctx, next) =>
      guarded(ctx, next, request.model, () => next.generateImage(request, ctx)),
    stream(request: ChatRequest, ctx: CallContext, next: Next): AsyncIterable<ProviderStreamEvent> {
      let s: Settings | undefined;
      let circuit: StoredCircuit;
      let probe = false;
      return tapStream({
        start: async () => {
          s = optionsForCall(ctx, 'circuitBreaker', configured);
          if (!s) return;
          circuit = circuitOf(next.adapter.id);
          probe = await admit(circuit, ctx, next, request.model, s);
        },
        open: () => next.stream(request, ctx),
        finish: async (end) => {
          if (!s) return;
          let outcome: Outcome =
            end.outcome === 'completed'
              ? 'success'
              : end.outcome === 'failed'
                ? classify(end.error, s)
                : 'neutral';
          // a caller that stopped reading after the provider answered saw a healthy provider
          if (outcome === 'neutral' && end.yielded) outcome = 'success';
          await record(circuit, outcome, probe, ctx, next, request.model, s);
        },
      });
    },
    async stateOf(providerId) {
      const stored = await circuitOf(providerId).read();
      if (!stored) return 'closed';
      if (
        !stored.forced &&
        stored.state === 'open' &&
        configured.now() >= stored.openedAt + configured.cooldownMs
      )
        return 'half-open';
      return stored.state;
    },
    async force(providerId, state) {
      const circuit = circuitOf(providerId);
      if (state === 'open') await circuit.forceOpen(configured.now());
      else await circuit.close();
    },
  };
}

function circuitOpen(next: Next, model: string, remainingMs?: number, forced = false) {
  const provider = next.adapter.id;
  return localPolicyError('circuitBreaker', {
    code: 'CIRCUIT_OPEN',
    message: forced
      ? `The circuit for ${provider} was opened by hand; close it (runtime.state.setCircuit) to send calls again`
      : remainingMs === undefined
        ? `The circuit for ${provider} is half-open and already probing; try again shortly`
        : `The circuit for ${provider} is open after repeated failures; it half-opens in ${Math.ceil(remainingMs)} ms`,
    retryable: false,
    provider,
    model,
    ...(remainingMs !== undefined && { retryAfterMs: remainingMs }),
  });
}
