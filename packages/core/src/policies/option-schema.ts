import { z } from 'zod';
import { configErrorFromIssues } from '../config/config-error.js';
import { ERROR_CODES } from '../errors/error-code.js';
import type { Sleep } from './abortable-sleep.js';
import type { StateStore } from './state-store.js';

/**
 * The building blocks of the policies' option schemas. Each policy writes its options once, as a
 * zod schema built from these; its TypeScript options type is inferred from that schema, its
 * factory validates with it ({@link parseOptions}), and the config schema
 * (`config/policy-schemas.ts`) composes the same schema, leaving out what a config file cannot
 * hold (functions, clocks, stores).
 */

/** The longest delay `setTimeout` honours (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A count of things (attempts, entries, calls, tokens): a whole number, at least 1. */
export const count = () => z.number().int().positive();
/** A count that may be 0 (a queue of none). */
export const countOrZero = () => z.number().int().nonnegative();
/** A positive duration in ms, not a timer's (compared against a clock). */
export const durationMs = () => z.number().positive();
/** A duration in ms that a timer waits for: more than 0, at most {@link MAX_TIMER_MS}. */
export const timerMs = () => z.number().positive().max(MAX_TIMER_MS);
/** A wait in ms that may be 0 (none) and is waited for by a timer. */
export const waitMs = () => z.number().nonnegative().max(MAX_TIMER_MS);
/** An amount of US dollars: 0 or more (a limit of 0 lets nothing be spent). */
export const usd = () => z.number().nonnegative();
/**
 * A list of PAL error codes (readonly in TypeScript, so constants such as `CIRCUIT_FAILURE_CODES`
 * fit; the JSON Schema leaves out the `readOnly` zod would write, which there means "set by the server").
 */
export const errorCodes = () => z.array(z.enum(ERROR_CODES)).readonly().meta({ readOnly: undefined });

/** A function option (a predicate, a clock, a sleep…), described as `signature` in errors. */
export function fn<T extends (...args: never[]) => unknown>(signature: string) {
  return z.custom<T>((value) => typeof value === 'function', { error: `expected a function ${signature}` });
}

/** A clock option: returns epoch ms. */
export const clock = () => fn<() => number>('() => number (epoch ms)');
/** An abortable sleep option. */
export const sleep = () => fn<Sleep>('(ms, signal?) => Promise<void>');

const STORE_METHODS = ['get', 'set', 'setIfAbsent', 'delete', 'increment', 'reserve', 'takeTokens'] as const;

/** A {@link StateStore} option: an object with every store operation. */
export const stateStore = () =>
  z.custom<StateStore>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      STORE_METHODS.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    { error: `expected a StateStore (an object with ${STORE_METHODS.join(', ')})` },
  );

/**
 * Validates a policy's options against its schema, returning them as given (functions and stores
 * by reference); throws CONFIG_ERROR naming each bad path from the policy's name
 * (`retry.maxAttempts: expected a number, got the string "3"`).
 */
export function parseOptions<S extends z.ZodType>(policy: string, schema: S, options: unknown): z.input<S> {
  const result = schema.safeParse(options ?? {}, { reportInput: true });
  if (!result.success)
    throw configErrorFromIssues(result.error.issues, {
      pathPrefix: [policy],
      title: `Invalid ${policy} options`,
      schema,
    });
  return (options ?? {}) as z.input<S>;
}
