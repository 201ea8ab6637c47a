import { retryDelayFromBody } from './retry-after.js';

/** What PAL reads out of a vendor's error body, whatever its shape. */
export interface VendorErrorInfo {
  /** The vendor's own error message. */
  message?: string;
  /** Vendor error code (`model_not_found`, `insufficient_quota`, `DeploymentNotFound`, Bedrock exception name...). */
  code?: string;
  /** Vendor error type (`invalid_request_error`, `overloaded_error`...). */
  type?: string;
  /** Google canonical status (`RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`...). */
  status?: string;
  /** Reasons from `google.rpc.ErrorInfo` details (`API_KEY_INVALID`) and Anthropic `details.error_code`. */
  reasons: string[];
  /** Quota ids / metrics / descriptions from `google.rpc.QuotaFailure` violations. */
  quotaViolations: string[];
  /** `google.rpc.RetryInfo` delay in ms. */
  retryDelayMs?: number;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Parses a JSON text body; returns the text itself when it is not JSON. */
export function parseErrorBody(body: unknown): unknown {
  if (typeof body !== 'string') {
    if (body instanceof Uint8Array) return parseErrorBody(new TextDecoder().decode(body));
    return body;
  }
  const trimmed = body.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return trimmed;
  try {
    return JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
}

function collectDetails(details: unknown, info: VendorErrorInfo): void {
  if (!Array.isArray(details)) {
    const record = asRecord(details);
    const errorCode = text(record?.error_code);
    if (errorCode) info.reasons.push(errorCode);
    return;
  }
  for (const entry of details) {
    const detail = asRecord(entry);
    if (!detail) continue;
    const reason = text(detail.reason);
    if (reason) info.reasons.push(reason);
    if (Array.isArray(detail.violations)) {
      for (const violation of detail.violations) {
        const v = asRecord(violation);
        if (!v) continue;
        for (const key of ['quotaId', 'quotaMetric', 'description', 'subject']) {
          const value = text(v[key]);
          if (value) info.quotaViolations.push(value);
        }
      }
    }
  }
}

/**
 * Reads message, code, type and Google details from any vendor's error body:
 * OpenAI / Azure / vLLM / OpenRouter `{error:{message,type,code}}`, Anthropic
 * `{type:"error",error:{type,message,details}}`, Google `{error:{code,message,status,details}}`
 * (also array-wrapped), Bedrock `{message}` / `{Message}` / `__type`, Ollama `{error:"text"}`,
 * old vLLM `{object:"error",message}`, and plain text bodies.
 */
export function readVendorError(body: unknown): VendorErrorInfo {
  const info: VendorErrorInfo = { reasons: [], quotaViolations: [] };
  let parsed = parseErrorBody(body);
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (typeof parsed === 'string') {
    if (parsed) info.message = parsed.slice(0, 2000);
    return info;
  }
  const root = asRecord(parsed);
  if (!root) return info;
  const error = root.error;
  if (typeof error === 'string') {
    info.message = error;
  }
  const inner = asRecord(error) ?? root;
  info.message ??= text(inner.message) ?? text(inner.Message) ?? text(root.message) ?? text(root.Message);
  info.type =
    text(inner.type !== 'error' ? inner.type : undefined) ??
    text(root.type !== 'error' ? root.type : undefined);
  const innerCode = inner.code ?? root.code;
  // Google puts the HTTP status number in `code`; keep it only when it is not a bare number
  info.code = typeof innerCode === 'number' ? undefined : text(innerCode);
  const typeName = text(root.__type) ?? text(inner.__type);
  if (typeName) info.code ??= typeName.split(/[#:]/).filter(Boolean).pop();
  info.status = text(inner.status);
  collectDetails(inner.details, info);
  const innererror = asRecord(inner.innererror);
  const innerCodeText = text(innererror?.code);
  if (innerCodeText) info.reasons.push(innerCodeText);
  info.retryDelayMs = retryDelayFromBody(root);
  return info;
}
