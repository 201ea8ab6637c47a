import type { z } from 'zod';
import { PalError } from '../errors/pal-error.js';

/** One problem found in a request. */
export interface RequestIssue {
  /** Dotted path, e.g. `messages[0].content` (empty for the request itself). */
  path: string;
  message: string;
  code: string;
}

/**
 * Parses `input` with `schema`. On failure throws `INVALID_REQUEST` whose message names
 * the first bad path, with that path in `path` and every issue in `details.issues`.
 */
export function validateRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: RequestIssue[] = parsed.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
    code: issue.code,
  }));
  const first = parsed.error.issues[0];
  const firstPath = first ? first.path.map(pathSegment) : [];
  const where = issues[0]?.path ? `${issues[0].path}: ` : '';
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  throw new PalError({
    code: 'INVALID_REQUEST',
    message: `Invalid ${what} request: ${where}${issues[0]?.message ?? 'invalid input'}${more}`,
    userMessage: `The ${what} request is invalid: ${where}${issues[0]?.message ?? 'invalid input'}`,
    retryable: false,
    path: firstPath,
    details: { issues },
  });
}

/** `["messages", 0, "content"]` → `messages[0].content`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function pathSegment(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}
