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

const SECRET_FIELDS = ['apiKey', 'api_key', 'key', 'secret', 'token', 'password', 'authorization'];
const SECRET_HEADERS = ['authorization', '["x-api-key"]', '["api-key"]', '["x-goog-api-key"]'];

/**
 * Paths pino redacts from every line the sink writes (censored `[redacted]`): credential-named
 * fields at the top of a line and in its `metadata` (the caller's own fields), and auth headers.
 * PAL's own fields never hold one; the free text it logs (error messages) is masked by PAL as
 * well. No wildcards: pino's wildcard redaction costs ~30 µs a line, exact paths ~1 µs.
 */
export const PAL_REDACT_PATHS: readonly string[] = Object.freeze([
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `metadata.${field}`),
  ...SECRET_HEADERS.map((header) => (header.startsWith('[') ? `headers${header}` : `headers.${header}`)),
  ...SECRET_HEADERS.map((header) =>
    header.startsWith('[') ? `metadata.headers${header}` : `metadata.headers.${header}`,
  ),
]);
