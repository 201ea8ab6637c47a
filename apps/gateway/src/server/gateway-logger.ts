import { PAL_REDACT_PATHS } from '@pal/telemetry/log';
import { type Logger, pino } from 'pino';

/** Paths the gateway's own lines redact, beside PAL's (a request's headers, should one ever be logged). */
const GATEWAY_REDACT_PATHS = ['req.headers.authorization', 'req.headers["x-api-key"]', 'adminToken'];

/**
 * The gateway's JSON logger: the one given (a child with PAL's redact paths), else pino on stdout
 * at `level`. Keys never reach a line: the gateway logs key ids, never keys, and these paths
 * censor any credential-named field that would.
 */
export function gatewayLogger(given: Logger | undefined, level: string): Logger {
  const redact = { paths: [...PAL_REDACT_PATHS, ...GATEWAY_REDACT_PATHS], censor: '[redacted]' };
  if (given) return given.child({}, { redact });
  return pino({ level, redact, base: { name: 'pal-gateway' } });
}
