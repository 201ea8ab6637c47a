import type { z } from 'zod';
import { PalError } from '../errors/pal-error.js';

/** One problem found in a configuration. */
export interface ConfigIssue {
  /** Dotted path, e.g. `providers.openai.apiKey`. */
  path: string;
  message: string;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/**
 * One CONFIG_ERROR listing every bad path of a failed zod validation
 * (`providers.openai.apiKey: Invalid input; routing.strategy: ...`), the issues in `details`.
 */
export function configErrorFromIssues(issues: readonly z.core.$ZodIssue[], source?: string): PalError {
  const list: ConfigIssue[] = issues.map((issue) => ({ path: dotted(issue.path), message: issue.message }));
  const where = source ? ` in ${source}` : '';
  return new PalError({
    code: 'CONFIG_ERROR',
    message: `Invalid PAL configuration${where}: ${list.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    path: (issues[0]?.path ?? []).map((key) => (typeof key === 'number' ? key : String(key))),
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
