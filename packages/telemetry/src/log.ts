/**
 * `@pal/telemetry/log`: structured JSON logs on `pino`, secrets redacted.
 * @module
 */
export { type LogSinkOptions, logSinkOptionsSchema, PAL_REDACT_PATHS } from './log-options.js';
export { logSink } from './log-sink.js';
