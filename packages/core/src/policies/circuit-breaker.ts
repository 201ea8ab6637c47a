import type { ErrorCode } from '../errors/error-code.js';
import { isPalError } from '../errors/pal-error.js';
import type { Middleware } from '../kernel/middleware.js';
import { type CircuitBreakerOptions, circuitBreakerOptionsSchema } from './circuit-breaker-options.js';
import { definePolicy, type PolicyCall, type PolicyEnd, type PolicyHandle } from './define-policy.js';
import { isLocalPolicyError, localPolicyError } from './local-policy-error.js';
import { createMemoryStore } from './memory-store.js';
import { parseOptions } from './option-schema.js';
import { emitPolicyEvent } from './policy-event.js';
import { mergeDefined } from './policy-options.js';
import { type CircuitState, StoredCircuit } from './stored-circuit.js';

export type { CircuitBreakerOptions } from './circuit-breaker-options.js';
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

/** A circuit breaker middleware, which can also tell the state of a provider's circuit. */
export type CircuitBreaker = Middleware & {
  /** The state of `providerId`'s circuit now (an open circuit whose cool-down passed reads `half-open`). */
  stateOf(providerId: string): Promise<CircuitState>;
  /** Opens `providerId`'s circuit by hand (held open, no probe) or closes it (counts cleared). */
  force(providerId: string, state: 'open' | 'closed'): Promise<void>;
};

type Outcome = 'success' | 'failure' | 'neutral';

/** What a {@link GuardedCall} asks its breaker to do. */
interface Breaker {
  admit(guarded: GuardedCall, call: PolicyCall, s: Settings): Promise<void>;
  record(
    circuit: StoredCircuit,
    outcome: Outcome,
    probe: boolean,
    call: PolicyCall,
    s: Settings,
  ): Promise<void>;
  outcomeOf(end: PolicyEnd, s: Settings): Outcome;
}

/**
 * One call through the breaker (a class, not closures: it runs around every call by default): its
 * provider's circuit, and whether the call is the half-open probe.
 */
class GuardedCall implements PolicyHandle {
  readonly circuit: StoredCircuit;
  probe = false;
  readonly #call: PolicyCall;
  readonly #settings: Settings;
  readonly #breaker: Breaker;

  constructor(circuit: StoredCircuit, call: PolicyCall, settings: Settings, breaker: Breaker) {
    this.circuit = circuit;
    this.#call = call;
    this.#settings = settings;
    this.#breaker = breaker;
  }

  start(): Promise<void> {
    return this.#breaker.admit(this, this.#call, this.#settings);
  }

  finish(end: PolicyEnd): Promise<void> {
    const s = this.#settings;
    return this.#breaker.record(this.circuit, this.#breaker.outcomeOf(end, s), this.probe, this.#call, s);
  }
}
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
 * transition, from the gateway that made it. Throws CONFIG_ERROR on bad options.
 *
 * @example
 * ```ts
 * // the runtime builds it from `policies: { circuitBreaker: { failureThreshold: 3, cooldownMs: 10_000 } }`
 * // and reads it through `runtime.state`; on its own:
 * const breaker = circuitBreaker({ failureThreshold: 3, cooldownMs: 10_000 });
 * const adapter = stack(openai()).with(breaker).build();
 * await breaker.stateOf('openai'); // 'closed'
 * ```
 */
export function circuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  parseOptions('circuitBreaker', circuitBreakerOptionsSchema, options);
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

  const emitTransition = (call: PolicyCall, state: CircuitState, previous: CircuitState, s: Settings) =>
    emitPolicyEvent(
      call.ctx,
      { type: 'circuit', provider: call.provider, model: call.model, state, previous },
      s.now,
    );

  /**
   * Lets a call through (marking it when it is the half-open probe) or throws CIRCUIT_OPEN. Past
   * the cool-down, the one caller that takes the probe lease half-opens the circuit and probes.
   */
  const admit = async (guarded: GuardedCall, call: PolicyCall, s: Settings): Promise<void> => {
    const { circuit } = guarded;
    const seen = await circuit.read();
    if (!seen) return;
    if (seen.forced) throw circuitOpen(call, undefined, true);
    if (seen.state === 'open') {
      const remainingMs = seen.openedAt + s.cooldownMs - s.now();
      if (remainingMs > 0) throw circuitOpen(call, remainingMs);
    }
    // the lease outlives a gateway that dies mid-probe by one cool-down at most
    if (!(await circuit.leaseProbe(s.cooldownMs))) throw circuitOpen(call);
    // only the lease holder moves an open or half-open circuit, so this read is current
    const record = await circuit.read();
    if (!record) {
      await circuit.releaseProbe();
      return;
    }
    if (record.state === 'open') {
      await circuit.halfOpen(record);
      emitTransition(call, 'half-open', 'open', s);
    }
    guarded.probe = true;
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
    call: PolicyCall,
    s: Settings,
  ) => {
    if (probe) {
      if (outcome === 'failure') {
        await circuit.open(s.now());
        emitTransition(call, 'open', 'half-open', s);
      } else if (outcome === 'success' && (await circuit.countSuccess()) >= s.successThreshold) {
        await circuit.close();
        emitTransition(call, 'closed', 'half-open', s);
      } else await circuit.releaseProbe();
      return;
    }
    if (outcome === 'success') await circuit.resetFailures();
    else if (outcome === 'failure' && (await circuit.countFailure()) === s.failureThreshold) {
      if (await circuit.read()) return;
      await circuit.open(s.now());
      emitTransition(call, 'open', 'closed', s);
    }
  };

  /** A call that answered, or a stream the caller stopped after it passed events on, saw a healthy provider. */
  const outcomeOf = (end: PolicyEnd, s: Settings): Outcome => {
    if (end.outcome === 'completed') return 'success';
    if (
      end.outcome === 'failed' &&
      isPalError(end.error) &&
      !isLocalPolicyError(end.error) &&
      s.failureCodes.includes(end.error.code)
    )
      return 'failure';
    return end.yielded ? 'success' : 'neutral';
  };

  const breaker: Breaker = { admit, record, outcomeOf };
  return {
    ...definePolicy<Settings>({
      name: 'circuitBreaker',
      settings: configured,
      begin(call, s) {
        return new GuardedCall(circuitOf(call.provider), call, s, breaker);
      },
    }),
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

function circuitOpen(call: PolicyCall, remainingMs?: number, forced = false) {
  const { provider, model } = call;
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
