/** What the gateway said went wrong, in the words it gives people. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status (0 when the gateway could not be reached). */
    readonly status: number,
    /** PAL's error code (`AUTHENTICATION_ERROR`, `BUDGET_EXCEEDED`…). */
    readonly code?: string,
    /** The sentence for people (seed 003's "User-Facing Messages"). */
    readonly userMessage?: string,
    /** PAL's suggested action (`re-enter-key`, `raise-budget`…). */
    readonly action?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorFields {
  message?: string;
  code?: string;
  userMessage?: string;
  action?: string;
  pal?: { code?: string; userMessage?: string; action?: string };
}

/**
 * Reads an error body in any of the gateway's dialects (PAL's `{ error: PalError }`, OpenAI's and
 * Anthropic's with a `pal` field) into an {@link ApiError}.
 */
export function apiErrorOf(status: number, statusText: string, body: unknown): ApiError {
  const error: ErrorFields =
    typeof body === 'object' && body !== null && 'error' in body
      ? ((body as { error: ErrorFields }).error ?? {})
      : {};
  const fields = typeof error === 'object' ? error : { message: String(error) };
  const code = fields.pal?.code ?? fields.code;
  const userMessage = fields.pal?.userMessage ?? fields.userMessage;
  const action = fields.pal?.action ?? fields.action;
  const message = userMessage ?? fields.message ?? `${status} ${statusText}`.trim();
  return new ApiError(message, status, code, userMessage, action);
}
