import type { ErrorCode } from '../errors/error-code.js';
import { PalError } from '../errors/pal-error.js';
import { formatPath } from '../kernel/validate-request.js';

/** Why an image URL could not be inlined (`details.reason` of the error). */
export type ImageUrlProblem =
  | 'not-allowed'
  | 'private-address'
  | 'protocol'
  | 'too-large'
  | 'content-type'
  | 'not-an-image'
  | 'http-status'
  | 'redirects'
  | 'timeout'
  | 'network';

/** What an image URL error is built from. */
export interface ImageUrlErrorInput {
  problem: ImageUrlProblem;
  /** The URL as it may be shown (see `redactUrl`). */
  shownUrl: string;
  /** What was wrong, as the end of a sentence starting "the image at <url> …". */
  what: string;
  /** What to do about it: a whole sentence. */
  fix: string;
  /** The request path of the image part's URL, e.g. `['messages', 0, 'content', 1, 'url']`. */
  path?: Array<string | number>;
  provider?: string;
  model?: string;
  /** More about it for `details` (never credentials or a query string). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

const CODES: Partial<Record<ImageUrlProblem, ErrorCode>> = { timeout: 'TIMEOUT', network: 'NETWORK_ERROR' };

/**
 * The `PalError` for an image URL PAL would not or could not download: INVALID_REQUEST (TIMEOUT
 * for a download that took too long, NETWORK_ERROR for a host it could not reach), naming the
 * message part (`messages[0].content[1].url`), what was wrong and what to do, with the redacted
 * URL and the problem in `details`.
 */
export function imageUrlError(input: ImageUrlErrorInput): PalError {
  const where = input.path ? `${formatPath(input.path)}: ` : '';
  const code = CODES[input.problem] ?? 'INVALID_REQUEST';
  return new PalError({
    code,
    message: `${where}the image at ${input.shownUrl} ${input.what}. ${input.fix}`,
    userMessage: `The image at ${input.shownUrl} ${input.what}.`,
    retryable: code !== 'INVALID_REQUEST',
    action: code === 'INVALID_REQUEST' ? 'fix-request' : 'retry',
    ...(input.path && { path: input.path }),
    ...(input.provider !== undefined && { provider: input.provider }),
    ...(input.model !== undefined && { model: input.model }),
    details: { reason: input.problem, url: input.shownUrl, ...input.details },
    ...(input.cause !== undefined && { cause: input.cause }),
  });
}
