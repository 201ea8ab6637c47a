import { z } from '@pal/core/provider';
import type { Logger } from 'pino';

/** Options of `logSink`. */
export const logSinkOptionsSchema = z.strictObject({
  /** The pino logger to write to (a child with PAL's redact paths is made of it). Default: `pino()` on stdout. */
  logger: z
    .custom<Logger>(
      (value) =>
        typeof (value as Logger | undefined)?.child === 'function' &&
        typeof (value as Logger | undefined)?.info === 'function',
      { error: 'expected a pino Logger' },
    )
    .optional(),
  /** More pino `redact` paths, beside {@link PAL_REDACT_PATHS}. */
  redact: z.array(z.string().min(1)).optional(),
});

/** Options of `logSink`. */
export type LogSinkOptions = z.input<typeof logSinkOptionsSchema>;

/**
 * Paths pino redacts from every line the sink writes (censored `[redacted]`): credentials and
 * auth headers, wherever a binding or a caller's object may carry them. PAL's own fields never
 * hold one; the free text it logs (error messages) is masked by PAL as well.
 */
export const PAL_REDACT_PATHS: readonly string[] = Object.freeze([
  'apiKey',
  '*.apiKey',
  'key',
  '*.key',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'password',
  '*.password',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'headers["api-key"]',
  '*.headers["api-key"]',
  'headers["x-goog-api-key"]',
  '*.headers["x-goog-api-key"]',
]);
