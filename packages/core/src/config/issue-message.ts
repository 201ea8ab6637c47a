import type { z } from 'zod';
import { closestMatch } from '../registry/closest-match.js';
import { declaredKeysAt } from './schema-keys.js';

type Issue = z.core.$ZodIssue;

/** One validation problem in words: where (`path`) and what was expected and received. */
export interface DescribedIssue {
  path: PropertyKey[];
  /** `expected an integer > 0, got the string "3"`, `unknown key "dailyUsd"`… */
  message: string;
}

/** The schema validated, for did-you-means; paths in it start after `prefixLength` segments. */
interface Context {
  schema?: unknown;
  prefixLength: number;
}

/**
 * zod issues as sentences a person can act on: what was expected and what was received (when the
 * parse ran with `reportInput: true`), never zod's bare "Invalid input". A union is explained by
 * the one alternative the value was meant for (an options object with a bad field names that
 * field), or else by listing the alternatives. Given the `schema` that was validated, an unknown
 * key gets the closest declared key (`unknown key "baseUrl"; did you mean "baseURL"?`).
 */
export function describeIssues(
  issues: readonly Issue[],
  prefix: readonly PropertyKey[] = [],
  schema?: unknown,
): DescribedIssue[] {
  const out: DescribedIssue[] = [];
  const context: Context = { schema, prefixLength: prefix.length };
  for (const issue of issues) describeInto(issue, [...prefix, ...issue.path], out, context);
  return out;
}

/** `"baseUrl"; did you mean "baseURL"?` for one unknown key, or each of several with its hint. */
function unknownKeys(keys: readonly string[], path: readonly PropertyKey[], context: Context): string {
  const declared =
    context.schema === undefined ? [] : declaredKeysAt(context.schema, path.slice(context.prefixLength));
  const named = keys.map((key) => {
    const hint = closestMatch(key, declared);
    return { key: JSON.stringify(key), hint: hint && `did you mean ${JSON.stringify(hint)}?` };
  });
  if (named.length === 1) {
    const [only] = named as [(typeof named)[number]];
    return `unknown key ${only.key}${only.hint ? `; ${only.hint}` : ''}`;
  }
  return `unknown keys ${named.map(({ key, hint }) => (hint ? `${key} (${hint})` : key)).join(', ')}`;
}

function describeInto(issue: Issue, path: PropertyKey[], out: DescribedIssue[], context: Context): void {
  switch (issue.code) {
    case 'invalid_union': {
      // a discriminated union whose discriminator matched no option: zod names the values it takes
      const discriminated = issue as { discriminator?: string; options?: unknown[]; input?: unknown };
      if (discriminated.discriminator !== undefined && Array.isArray(discriminated.options)) {
        const given = (discriminated.input as Record<string, unknown> | undefined)?.[
          discriminated.discriminator
        ];
        const values = discriminated.options.map((value) => literal(value));
        out.push({
          path,
          message: `expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}, got ${describeValue(given)}`,
        });
        return;
      }
      const meant = meantBranch(issue.errors);
      if (meant) {
        for (const inner of meant) describeInto(inner, [...path, ...inner.path], out, context);
        return;
      }
      const alternatives = issue.errors
        .map((branch) => (branch.length === 1 ? expectation(branch[0] as Issue) : undefined))
        .filter((text): text is string => text !== undefined);
      const expected = alternatives.length > 0 ? joinAlternatives(alternatives) : 'another value';
      out.push({ path, message: `expected ${expected}${received(issue, path)}` });
      return;
    }
    case 'invalid_key':
    case 'invalid_element': {
      const what = issue.code === 'invalid_key' ? 'key' : 'element';
      for (const inner of issue.issues) {
        const nested: DescribedIssue[] = [];
        describeInto(inner, [...path, ...inner.path], nested, context);
        for (const item of nested) out.push({ path: item.path, message: `invalid ${what}: ${item.message}` });
      }
      return;
    }
    case 'unrecognized_keys': {
      out.push({ path, message: unknownKeys(issue.keys, path, context) });
      return;
    }
    default: {
      const expected = expectation(issue);
      out.push({
        path,
        message: expected
          ? `expected ${expected}${received(issue, path)}`
          : `${issue.message}${received(issue, path)}`,
      });
    }
  }
}

/**
 * The union branch a value was meant for: the only one that did not fail on the value's very type
 * (an object given to `options | false` was meant as the options object).
 */
function meantBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const typed = branches.filter((branch) => !branch.every(isRootMismatch));
  if (typed.length === 0) return undefined;
  return typed.reduce((best, branch) => (branch.length < best.length ? branch : best));
}

function isRootMismatch(issue: Issue): boolean {
  return (
    issue.path.length === 0 &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'custom')
  );
}

/** What an issue says was expected, as the object of "expected …"; undefined when it cannot say. */
function expectation(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return typeNoun(issue.expected);
    case 'invalid_value':
      return issue.values.length === 1
        ? literal(issue.values[0])
        : `one of ${issue.values.map((value) => literal(value)).join(', ')}`;
    case 'too_small':
      return bound(issue.origin, issue.inclusive ? '>=' : '>', issue.minimum, 'at least');
    case 'too_big':
      return bound(issue.origin, issue.inclusive ? '<=' : '<', issue.maximum, 'at most');
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      if (hasOwnMessage(issue)) return undefined;
      return issue.format === 'url'
        ? 'a URL'
        : issue.format === 'regex'
          ? 'a matching string'
          : `a ${issue.format}`;
    case 'custom':
      return issue.message.startsWith('expected ') ? issue.message.slice('expected '.length) : undefined;
    default:
      return undefined;
  }
}

/** A message the schema set itself (zod's own defaults all start like these). */
function hasOwnMessage(issue: Issue): boolean {
  return !/^(Invalid|Too (small|big)|Unrecognized|Expected)/.test(issue.message);
}

function bound(origin: string, op: string, limit: number | bigint, sizeWord: string): string {
  switch (origin) {
    case 'number':
      return `a number ${op} ${limit}`;
    case 'int':
      return `an integer ${op} ${limit}`;
    case 'bigint':
      return `a bigint ${op} ${limit}`;
    case 'string':
      return `a string of ${sizeWord} ${limit} ${limit === 1 ? 'character' : 'characters'}`;
    case 'array':
    case 'set':
      return `${sizeWord} ${limit} ${limit === 1 ? 'item' : 'items'}`;
    default:
      return `a value ${op} ${limit}`;
  }
}

const NOUNS: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  function: 'a function',
  bigint: 'a bigint',
  symbol: 'a symbol',
  date: 'a date',
  null: 'null',
  undefined: 'nothing',
  never: 'nothing (this key is not allowed)',
};

function typeNoun(expected: string): string {
  return NOUNS[expected] ?? `a ${expected}`;
}

function joinAlternatives(items: string[]): string {
  const unique = [...new Set(items)];
  if (unique.length === 1) return unique[0] as string;
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** Keys under which a string may be a secret: its value is never repeated in a message. */
const SENSITIVE = /key|secret|token|passw|auth|credential|header/i;

/**
 * `, got the string "3"` when the issue carries what it received (parsed with `reportInput`); a
 * string under a key that may hold a secret (`apiKey`, `headers`…) is only measured, never shown.
 */
function received(issue: Issue, path: readonly PropertyKey[]): string {
  if ('input' in issue) {
    const input = issue.input;
    if (typeof input === 'string' && path.some((key) => typeof key === 'string' && SENSITIVE.test(key)))
      return `, got a string of ${input.length} characters (not shown: it may be a secret)`;
    return `, got ${describeValue(input)}`;
  }
  const raw = (issue as { received?: unknown }).received;
  return typeof raw === 'string' ? `, got ${raw}` : '';
}

/** A value as an error message names it: `the string "3"`, `-1`, `an object`, `a function`. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array (${value.length} ${value.length === 1 ? 'item' : 'items'})`;
      return 'an object';
  }
}

function literal(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
