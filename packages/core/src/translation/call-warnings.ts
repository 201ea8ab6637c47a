import type { CallContext } from '../contracts/adapter.js';
import type { ChatRequest } from '../contracts/chat-request.js';
import type { Message } from '../contracts/message.js';
import type { ModelInfo } from '../contracts/model-info.js';
import type { CallWarning } from '../contracts/warning.js';

/** Reports something an adapter dropped or changed of the request (see `Call.warn`). */
export type Warn = (warning: CallWarning) => void;

/**
 * The `warn` of a call context: it reports on `ctx.call`. Safe with a partial context (what
 * `listModels` and `validateCredentials` may get, or a caller driving an adapter by hand): without
 * a call, warnings go nowhere. Pass it down to translation functions that do not get `ctx`.
 * @example
 * const warn = warnerFor(ctx);
 * if (request.seed !== undefined) warn({ type: 'unsupported-setting', setting: 'seed' });
 */
export function warnerFor(ctx: Partial<CallContext> | undefined): Warn {
  const call = ctx?.call;
  return call ? (warning) => call.warn(warning) : () => {};
}

/** The top-level request fields a vendor may not take. */
export type RequestSetting = Exclude<keyof ChatRequest, 'model' | 'messages' | 'signal'>;

/**
 * Warns `unsupported-setting` for each of `settings` the request sets (not sent to the vendor),
 * with `details` saying why.
 * @example
 * warnUnsupported(request, ['seed', 'presencePenalty'], warn, 'Bedrock Converse has no such setting');
 */
export function warnUnsupported(
  request: ChatRequest,
  settings: readonly RequestSetting[],
  warn: Warn,
  details?: string,
): void {
  for (const setting of settings) {
    if (request[setting] === undefined) continue;
    warn({ type: 'unsupported-setting', setting, ...(details !== undefined && { details }) });
  }
}

/**
 * Warns once when user messages carry a `name` the vendor has no field for (it is not sent).
 * @example
 * warnUnsentNames(request.messages, warn, 'Anthropic');
 */
export function warnUnsentNames(messages: readonly Message[], warn: Warn, vendor: string): void {
  const index = messages.findIndex((m) => m.role === 'user' && m.name !== undefined);
  if (index === -1) return;
  warn({
    type: 'unsupported-setting',
    setting: `messages[${index}].name`,
    details: `${vendor} takes no participant name on a message; user names were not sent`,
  });
}

/**
 * The registry's catalog entry for the model the request is sent to (`ctx.call.target.model`, with
 * config overrides applied), when the call targets that model and the registry knows it.
 */
export function targetModelOf(
  ctx: Partial<CallContext> | undefined,
  request: ChatRequest,
): ModelInfo | undefined {
  const target = ctx?.call?.target;
  return target && target.modelId === request.model ? target.model : undefined;
}

/**
 * The request as it should be sent: without `reasoning` (and with a warning) when the target
 * model's catalog entry ({@link targetModelOf}) says it does not reason, as the vendor would refuse
 * or ignore it; unchanged otherwise, and when the model is not catalogued.
 * @example
 * const sent = withoutUnsupportedReasoning(request, ctx, warnerFor(ctx));
 */
export function withoutUnsupportedReasoning(
  request: ChatRequest,
  ctx: Partial<CallContext> | undefined,
  warn: Warn,
): ChatRequest {
  if (!request.reasoning) return request;
  const model = targetModelOf(ctx, request);
  if (model?.capabilities.reasoning !== false) return request;
  warn({
    type: 'unsupported-setting',
    setting: 'reasoning',
    details: `${request.model} does not reason (its catalog entry says so), so no reasoning settings were sent`,
  });
  const { reasoning: _reasoning, ...rest } = request;
  return rest;
}

/**
 * Warns for the `name` and `description` of a JSON `responseFormat` when the vendor takes a
 * schema only (they were not sent), with `details` saying why.
 * @example
 * warnUnsentFormatLabels(request, warn, 'Gemini takes a response schema only');
 */
export function warnUnsentFormatLabels(request: ChatRequest, warn: Warn, details: string): void {
  const format = request.responseFormat;
  if (format?.type !== 'json') return;
  for (const field of ['name', 'description'] as const) {
    if (format[field] !== undefined)
      warn({ type: 'unsupported-setting', setting: `responseFormat.${field}`, details });
  }
}

/**
 * Warns once when tool results carry `isError` and the vendor has no such flag (the result's
 * content is sent as it is, so say the failure in the content).
 * @example
 * warnUnsentToolErrors(request.messages, warn, 'Chat Completions');
 */
export function warnUnsentToolErrors(messages: readonly Message[], warn: Warn, vendor: string): void {
  const index = messages.findIndex((m) => m.role === 'tool' && m.isError === true);
  if (index === -1) return;
  warn({
    type: 'unsupported-setting',
    setting: `messages[${index}].isError`,
    details: `${vendor} has no error flag on tool results; their content was sent as it is`,
  });
}
