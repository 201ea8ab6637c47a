import { PalError } from './pal-error.js';

/** Error codes Node, undici and the vendor SDKs use for a failed connection. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);
/** undici timeouts while waiting for the vendor's headers or body. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEOUT']);
const NETWORK_MESSAGE =
  /socket hang up|fetch failed|^terminated$|other side closed|premature close|connection error|network error|ECONNRESET|ECONNREFUSED|ENOTFOUND|EPIPE|ETIMEDOUT/i;
const TIMEOUT_NAMES = new Set(['TimeoutError', 'APIConnectionTimeoutError', 'ConnectTimeoutError']);
const ABORT_NAMES = new Set(['AbortError', 'APIUserAbortError']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and everything it wraps (`cause` chains and `AggregateError.errors`), cycle-safe. */
function* errorChain(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 32) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as ErrorLike;
    yield e;
    if (e.cause !== undefined) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
}

/** Context for `palErrorFromNetwork`. */
export interface NetworkErrorContext {
  provider: string;
  model?: string;
}

/**
 * Maps a transport failure to a PalError: a timeout (`TimeoutError`, undici header/body
 * timeouts, SDK connection timeouts) → TIMEOUT, an abort (`AbortError`, "aborted") → ABORTED,
 * a broken or refused connection (ECONNRESET, ECONNREFUSED, ENOTFOUND, EPIPE, ETIMEDOUT,
 * UND_ERR_SOCKET, "socket hang up", "fetch failed", "terminated", "other side closed",
 * "Premature close", anywhere in the `cause` chain) → NETWORK_ERROR.
 * Returns undefined when the error is none of these.
 */
export function palErrorFromNetwork(error: unknown, context: NetworkErrorContext): PalError | undefined {
  let found: 'TIMEOUT' | 'ABORTED' | 'NETWORK_ERROR' | undefined;
  for (const e of errorChain(error)) {
    const name = typeof e.name === 'string' ? e.name : '';
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    // a broken connection is a network error even when the SDK names it a timeout
    // (the AWS SDK raises TimeoutError with code ECONNRESET for a reset HTTP/1.1 socket)
    if (NETWORK_CODES.has(code) || code.startsWith('ERR_HTTP2_')) {
      found ??= 'NETWORK_ERROR';
      continue;
    }
    if (TIMEOUT_NAMES.has(name) || TIMEOUT_CODES.has(code) || /^request timed out\.?$/i.test(message)) {
      found = found === 'NETWORK_ERROR' ? found : 'TIMEOUT';
      if (found === 'TIMEOUT') break;
      continue;
    }
    if (ABORT_NAMES.has(name) || code === 'ABORT_ERR' || /\baborted\b/i.test(message)) {
      found = 'ABORTED';
      continue;
    }
    if (NETWORK_MESSAGE.test(message)) found ??= 'NETWORK_ERROR';
  }
  if (!found) return undefined;
  const top = error as ErrorLike;
  const message = typeof top?.message === 'string' && top.message ? top.message : found;
  return new PalError({
    code: found,
    message: describeChain(error) ?? message,
    provider: context.provider,
    ...(context.model !== undefined && { model: context.model }),
    cause: error,
  });
}

/** "fetch failed (cause: connect ECONNREFUSED 127.0.0.1:1)": the outer message with the innermost one. */
function describeChain(error: unknown): string | undefined {
  const messages: string[] = [];
  for (const e of errorChain(error)) {
    if (typeof e.message === 'string' && e.message && !messages.includes(e.message)) messages.push(e.message);
  }
  if (messages.length === 0) return undefined;
  if (messages.length === 1) return messages[0];
  return `${messages[0]} (cause: ${messages[messages.length - 1]})`;
}
