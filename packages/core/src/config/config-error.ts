import type { z } from 'zod';
import { PalError } from '../errors/pal-error.js';
import { describeIssues } from './issue-message.js';

/** One problem found in a configuration. */
export interface ConfigIssue {
  /** Dotted path, e.g. `providers.openai.apiKey`. */
  path: string;
  message: string;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/** Where a failed validation came from, for {@link configErrorFromIssues}. */
export interface IssueSource {
  /** The file validated (named in the message). */
  source?: string;
  /** Path segments in front of every issue's own (`['retry']` for a policy's options). */
  pathPrefix?: readonly PropertyKey[];
  /** What was invalid, opening the message; default `Invalid PAL configuration`. */
  title?: string;
  /** The schema validated, so an unknown key gets a did-you-mean from the keys it declares. */
  schema?: unknown;
}

/**
 * One CONFIG_ERROR listing every bad path of a failed zod validation, each saying what was
 * expected and what was received (`policies.retry.maxAttempts: expected a number, got the string "3"`),
 * the issues in `details`. `where` is the file validated, or {@link IssueSource}.
 */
export function configErrorFromIssues(
  issues: readonly z.core.$ZodIssue[],
  where?: string | IssueSource,
): PalError {
  const {
    source,
    pathPrefix = [],
    title = 'Invalid PAL configuration',
    schema,
  } = typeof where === 'string' ? { source: where } : (where ?? {});
  const described = describeIssues(issues, pathPrefix, schema);
  const list: ConfigIssue[] = described.map((issue) => ({
    path: dotted(issue.path),
    message: issue.message,
  }));
  const at = source ? ` in ${source}` : '';
  return new PalError({
    code: 'CONFIG_ERROR',
    message: `${title}${at}: ${list.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    path: (described[0]?.path ?? []).map((key) => (typeof key === 'number' ? key : String(key))),
    details: { issues: list, ...(source && { source }) },
  });
}

/** A CONFIG_ERROR about one path. */
export function configError(
  path: string,
  message: string,
  extra: { source?: string; cause?: unknown } = {},
): PalError {
  return new PalError({
    code: 'CONFIG_ERROR',
    message: `${path}: ${message}${extra.source ? ` (in ${extra.source})` : ''}`,
    path: path.split('.'),
    details: { issues: [{ path, message }], ...(extra.source && { source: extra.source }) },
    ...(extra.cause !== undefined && { cause: extra.cause }),
  });
}
