import { randomUUID } from 'node:crypto';
import type { ErrorKind, Fault, JsonReply } from '../../emulator/types.js';
import { exceptionFrame } from './event-frames.js';

/** Suffix Bedrock appends to the exception name in `x-amzn-errortype`. */
const ERROR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';

/** Status and usual message of each exception Bedrock Runtime answers with (statuses from the SDK's model). */
export const BEDROCK_EXCEPTIONS: Record<string, { status: number; message: string }> = {
  AccessDeniedException: {
    status: 403,
    message: "You don't have access to the model with the specified model ID.",
  },
  UnrecognizedClientException: {
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  MissingAuthenticationTokenException: { status: 403, message: 'Missing Authentication Token' },
  ValidationException: {
    status: 400,
    message: 'Malformed input request, please reformat your input and try again.',
  },
  ServiceQuotaExceededException: {
    status: 400,
    message:
      'Your request exceeds the service quota for your account. You can view your quotas at Service Quotas.',
  },
  ResourceNotFoundException: { status: 404, message: 'The requested resource could not be found.' },
  ModelTimeoutException: {
    status: 408,
    message: 'The request took too long to process. Processing time exceeded the model timeout length.',
  },
  ModelErrorException: {
    status: 424,
    message: 'The request failed due to an error while processing the model.',
  },
  ThrottlingException: { status: 429, message: 'Too many requests, please wait before trying again.' },
  ModelNotReadyException: {
    status: 429,
    message: 'Model is not ready to serve inference requests. Retry your request.',
  },
  InternalServerException: { status: 500, message: 'An internal server error occurred. Retry your request.' },
  ServiceUnavailableException: { status: 503, message: 'Bedrock is unable to process your request.' },
};

/** The exception (and message, when it differs from the exception's usual one) for each scripted error kind. */
const KIND_TO_EXCEPTION: Record<ErrorKind, { name: string; message?: string }> = {
  auth: { name: 'UnrecognizedClientException' },
  permission: { name: 'AccessDeniedException' },
  // Converse answers an unknown model id with 400 ValidationException, not 404 (vendor-wire-protocols §6.6).
  not_found: { name: 'ValidationException', message: 'The provided model identifier is invalid.' },
  invalid: { name: 'ValidationException' },
  context_length: { name: 'ValidationException', message: 'Input is too long for requested model.' },
  rate_limit: { name: 'ThrottlingException' },
  quota: { name: 'ServiceQuotaExceededException' },
  server: { name: 'InternalServerException' },
  unavailable: { name: 'ServiceUnavailableException' },
  overloaded: { name: 'ServiceUnavailableException' },
  content_filter: {
    name: 'ValidationException',
    message:
      'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
  },
};

/** A Bedrock error reply: `x-amzn-errortype` names the exception, the body carries `message`. */
export function bedrockErrorReply(
  name: string,
  message?: string,
  status?: number,
  headers?: Record<string, string>,
): JsonReply {
  const known = BEDROCK_EXCEPTIONS[name];
  return {
    kind: 'json',
    status: status ?? known?.status ?? 400,
    headers: {
      'x-amzn-errortype': `${name}${ERROR_TYPE_SUFFIX}`,
      'x-amzn-requestid': randomUUID(),
      ...headers,
    },
    body: { message: message ?? known?.message ?? name },
  };
}

/**
 * The reply for a scripted `error` fault. A fault may name any Bedrock exception through an
 * `x-amzn-errortype` header (`{ kind: 'unavailable', headers: { 'x-amzn-errortype': 'ModelNotReadyException' } }`);
 * its status then defaults to that exception's status.
 */
export function errorReplyFor(fault: Extract<Fault, { type: 'error' }>): JsonReply {
  const { 'x-amzn-errortype': namedType, ...headers } = fault.headers ?? {};
  const named = namedType?.split(':')[0];
  const mapped = KIND_TO_EXCEPTION[fault.kind];
  const name = named ?? mapped.name;
  const message = fault.message ?? (named ? undefined : mapped.message);
  return bedrockErrorReply(name, message, fault.status, headers);
}

/** The ConverseStream exception member for each kind, with the HTTP status the model reported. */
const KIND_TO_STREAM_EXCEPTION: Record<
  ErrorKind,
  { member: string; originalStatusCode?: number; originalMessage?: string }
> = {
  auth: { member: 'modelStreamErrorException', originalStatusCode: 403, originalMessage: 'Forbidden' },
  permission: { member: 'modelStreamErrorException', originalStatusCode: 403, originalMessage: 'Forbidden' },
  not_found: { member: 'validationException' },
  invalid: { member: 'validationException' },
  context_length: { member: 'validationException' },
  content_filter: { member: 'validationException' },
  rate_limit: { member: 'throttlingException' },
  quota: { member: 'throttlingException' },
  server: { member: 'internalServerException' },
  unavailable: { member: 'serviceUnavailableException' },
  overloaded: { member: 'modelStreamErrorException', originalStatusCode: 529, originalMessage: 'Overloaded' },
};

/** The mid-stream `exception` frame for a scripted `stream-error` fault. */
export function streamErrorFrameFor(fault: Extract<Fault, { type: 'stream-error' }>): Uint8Array {
  const { member, originalStatusCode, originalMessage } = KIND_TO_STREAM_EXCEPTION[fault.kind];
  if (member === 'modelStreamErrorException') {
    return exceptionFrame(member, {
      message: 'Received an error from the model while streaming the response.',
      originalStatusCode,
      originalMessage: fault.message ?? originalMessage,
    });
  }
  const exceptionName = `${member[0]?.toUpperCase()}${member.slice(1)}`;
  const message =
    fault.message ?? KIND_TO_EXCEPTION[fault.kind].message ?? BEDROCK_EXCEPTIONS[exceptionName]?.message;
  return exceptionFrame(member, { message });
}
