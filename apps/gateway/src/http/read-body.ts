import { PalError } from '@pal/core';
import { describeIssues, type z } from '@pal/core/provider';
import type { Context } from 'hono';
import { GatewayFailureError } from './gateway-error.js';

/**
 * The request body parsed as JSON and checked against `schema`: malformed JSON or a body that does
 * not match is a 400 naming the field (`messages.0.role: expected one of "system", "user"…`).
 */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new GatewayFailureError(
      400,
      new PalError({
        code: 'INVALID_REQUEST',
        message: 'The request body is not valid JSON',
        retryable: false,
      }),
    );
  }
  return checked(raw, schema, 'request body');
}

/**
 * `value` checked against `schema`: a mismatch is a 400 naming the first bad field
 * (`Invalid <what>: <path>: <problem>`, with the error's `path` set).
 */
export function checked<S extends z.ZodType>(value: unknown, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const [first] = describeIssues(parsed.error.issues, [], schema);
  const path = (first?.path ?? []).map((key) => (typeof key === 'number' ? key : String(key)));
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  throw new GatewayFailureError(
    400,
    new PalError({
      code: 'INVALID_REQUEST',
      message: `Invalid ${what}: ${where}${first?.message ?? 'invalid'}`,
      retryable: false,
      path,
    }),
  );
}
