import type { z } from 'zod';
import { PalError } from '../errors/pal-error.js';
import { suggestKey } from './unknown-keys.js';

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
  // an unknown key is one issue per key, at that key's path, with a did-you-mean
  const raw = parsed.error.issues.flatMap(
    (issue): Array<{ path: PropertyKey[]; message: string; code: string }> => {
      if (issue.code !== 'unrecognized_keys')
        return [{ path: issue.path, message: issue.message, code: issue.code }];
      return issue.keys.map((key) => {
        const hint = suggestKey(key, schema);
        return {
          path: [...issue.path, key],
          message: `unknown field${hint ? `; did you mean ${hint.includes(' ') ? hint : `"${hint}"`}?` : ' (it is not part of a PAL request)'}`,
          code: issue.code,
        };
      });
    },
  );
  const issues: RequestIssue[] = raw.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
    code: issue.code,
  }));
  const first = raw[0];
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
