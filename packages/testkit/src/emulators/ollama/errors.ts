import type { ErrorKind, Fault, JsonReply } from '../../emulator/types.js';

/** Status and `error` text Ollama (or the proxy in front of it) answers with, per error kind. */
const OLLAMA_ERRORS: Record<ErrorKind, { status: number; message: (model: string) => string }> = {
  auth: { status: 401, message: () => 'unauthorized' },
  permission: { status: 403, message: () => 'forbidden' },
  not_found: { status: 404, message: (model) => `model "${model}" not found, try pulling it first` },
  invalid: { status: 400, message: () => 'invalid message format' },
  context_length: { status: 400, message: () => 'input length exceeds maximum context length' },
  rate_limit: { status: 429, message: () => 'too many requests, please slow down' },
  quota: { status: 429, message: () => "you've reached your usage limit, please upgrade to continue" },
  server: { status: 500, message: () => 'llama runner process has terminated: exit status 2' },
  unavailable: {
    status: 503,
    message: () => 'server busy, please try again.  maximum pending requests exceeded',
  },
  overloaded: {
    status: 503,
    message: () => 'server busy, please try again.  maximum pending requests exceeded',
  },
  content_filter: { status: 400, message: () => 'the request was blocked by a content filter' },
};

/** The `error` text Ollama sends for `kind` (the fault's own message wins). */
export function ollamaErrorMessage(kind: ErrorKind, model: string, override?: string): string {
  return override ?? OLLAMA_ERRORS[kind].message(model);
}

/** Ollama's error response: `{"error": "<text>"}` with the HTTP status of the failure. */
export function ollamaErrorReply(fault: Extract<Fault, { type: 'error' }>, model: string): JsonReply {
  return {
    kind: 'json',
    status: fault.status ?? OLLAMA_ERRORS[fault.kind].status,
    ...(fault.headers && { headers: fault.headers }),
    body: { error: ollamaErrorMessage(fault.kind, model, fault.message) },
  };
}

/** A plain `{"error": …}` reply with `status`, for request validation failures. */
export function ollamaError(status: number, message: string): JsonReply {
  return { kind: 'json', status, body: { error: message } };
}
