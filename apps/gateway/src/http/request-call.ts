import { type Call, type CallOperation, createCall } from '@pal/core';
import type { Context } from 'hono';

/**
 * Starts the logical call of one HTTP request, so its PAL request id is known before routing:
 * `x-request-id` is set on the response now, and stays on it whether the call succeeds or fails
 * (an error response written by the app's error handler keeps it). Pass `call` to the router.
 */
export function requestCall(c: Context, operation: CallOperation): Call {
  const call = createCall(operation);
  c.header('x-request-id', call.requestId);
  return call;
}
