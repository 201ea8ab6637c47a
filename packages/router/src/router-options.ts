import { ERROR_CODES, type PalError, ROUTING_STRATEGIES, type Runtime, type TelemetrySink } from '@pal/core';
import { z } from '@pal/core/provider';
import type { Strategy } from './strategy.js';

/** The built-in strategies by name (the config file's `routing.strategy`). */
export type StrategyName = (typeof ROUTING_STRATEGIES)[number];

/** Per-call provider hints (seed 002): each picks a strategy for that call. */
export const PROVIDER_HINTS = ['local_preferred', 'cloud_preferred', 'best_quality', 'cheapest'] as const;
export type ProviderHint = (typeof PROVIDER_HINTS)[number];

/** What a switch from one target to another is about, for `approveSwitch`. */
export interface SwitchRequest {
  requestId: string;
  /** `provider/model` that failed or was passed over. */
  from: string;
  /** `provider/model` the call would move to. */
  to: string;
  /** Why: the error's code and message, or why `from` was left out. */
  reason: string;
  /** The error that moved the call on (absent when `from` was left out before sending). */
  error?: PalError;
}

const fn = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { error: `expected ${what} (a function)` });

const strategySchema = z.union([z.enum(ROUTING_STRATEGIES), fn<Strategy>('a strategy')]);

/** Hedged requests: a second target is tried when the first is slow to give its first token. */
export const hedgeOptionsSchema = z
  .strictObject({
    /** Send the hedge when the first target has not answered (chat) or streamed its first token after this long. */
    afterMs: z.number().int().positive().optional(),
    /** Or: after this percentile of the first target's recent latencies (needs 10 samples; `afterMs` until then). */
    afterPercentile: z.number().gt(0).lt(100).optional(),
    /** Most hedges per call over time (each call earns this much of a hedge). Default 0.1. */
    maxExtraShare: z.number().gt(0).max(1).optional(),
  })
  .refine((hedge) => hedge.afterMs !== undefined || hedge.afterPercentile !== undefined, {
    error: 'expected afterMs or afterPercentile',
  });

/** Background health checks. */
export const healthOptionsSchema = z.strictObject({
  /** How often each provider is checked (its cheapest authenticated call, or `listModels`). */
  intervalMs: z.number().int().positive(),
  /** Each check fails after this long. Default 5000 or the interval, whichever is less. */
  timeoutMs: z.number().int().positive().optional(),
});

/** Options of the `speed` strategy. */
export const speedOptionsSchema = z.strictObject({
  /** Weight of the newest sample in the latency EWMA (0–1). Default 0.3. */
  alpha: z.number().gt(0).max(1).optional(),
  /** Share of calls sent to a random target so slow ones are measured again (0–1). Default 0.05. */
  explore: z.number().min(0).max(1).optional(),
});

/** The routing settings a config file may hold (`routing` in `provider-runtime.config.json`). */
export const routingConfigSchema = z.strictObject({
  /** How candidates are ordered. Default: in the order given (the request's target, then the chain). */
  strategy: z.enum(ROUTING_STRATEGIES).optional(),
  /** Targets tried in order after the request's: `provider/model`, or a provider id (its default model). */
  fallbackChain: z.array(z.string().min(1)).min(1).optional(),
  /** Error codes that move a call to the next target (default: see `DEFAULT_FALLBACK_ON`). */
  fallbackOn: z.array(z.enum(ERROR_CODES)).optional(),
  /** `weighted`: percentage per target (`provider/model` or provider id), summing to 100. */
  weights: z.record(z.string().min(1), z.number().min(0).max(100)).optional(),
  /** `quality`: targets best first (`provider/model`, a provider id, `*` wildcards allowed). */
  quality: z.array(z.string().min(1)).optional(),
  speed: speedOptionsSchema.optional(),
  hedge: hedgeOptionsSchema.optional(),
  health: healthOptionsSchema.optional(),
  /** Strategy per provider hint, over the defaults (`local_preferred` → `local_first`…). */
  hints: z.partialRecord(z.enum(PROVIDER_HINTS), z.enum(ROUTING_STRATEGIES)).optional(),
  /** Seed of the router's random choices (`weighted`, `speed` exploration), for repeatable runs. */
  seed: z.number().int().optional(),
});

export type RoutingSettings = z.input<typeof routingConfigSchema>;

const runtimeSchema = z.custom<Runtime>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Runtime).chat === 'function' &&
    typeof (value as Runtime).registry === 'object' &&
    typeof (value as Runtime).state === 'object',
  { error: 'expected a runtime from createRuntime()' },
);

/** Everything `createRouter` takes: the config's routing settings plus what only code can give. */
export const routerOptionsSchema = routingConfigSchema.omit({ fallbackChain: true }).extend({
  runtime: runtimeSchema,
  /** A built-in strategy by name, or a function from (request, candidates, state) to an order. */
  strategy: strategySchema.optional(),
  /** The fallback chain (same as the config's `fallbackChain`). */
  fallback: z.array(z.string().min(1)).min(1).optional(),
  /** Asked before the call moves to another target; `false` stops the switch (the call ends with the last error). */
  approveSwitch: fn<(request: SwitchRequest) => boolean | Promise<boolean>>('approveSwitch').optional(),
  /** Where route, fallback, hedge and health events go (the runtime's own sinks see the calls). */
  telemetry: z
    .union([
      z.custom<TelemetrySink>((v) => typeof (v as TelemetrySink | undefined)?.emit === 'function'),
      z.array(z.custom<TelemetrySink>((v) => typeof (v as TelemetrySink | undefined)?.emit === 'function')),
    ])
    .optional(),
  /** `close()` closes the runtime too. Default true (the router is then the one client an app holds). */
  closeRuntime: z.boolean().optional(),
  /** The clock, for tests. */
  now: fn<() => number>('now').optional(),
});

/** Options of {@link createRouter}. */
export type RouterOptions = z.input<typeof routerOptionsSchema>;
