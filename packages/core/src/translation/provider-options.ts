import { z } from 'zod';
import { PalError } from '../errors/pal-error.js';
import { closestMatch } from '../registry/closest-match.js';
import { declaredKeysAt } from '../config/schema-keys.js';

/**
 * The zod instance core uses, for providers to write their `providerOptions` schemas with (so
 * their schemas and {@link readProviderOptions} share one zod, and provider packages need no
 * zod dependency of their own).
 */
export { z };

/** Where options sit in a request: `['providerOptions', <provider id>, …nested keys]`. */
export type ProviderOptionsPath = readonly ['providerOptions', string, ...string[]];

/**
 * Keys of a vendor body that PAL writes from the canonical request, each with what to set in the
 * request instead (`{ max_tokens: 'maxOutputTokens', system: 'system messages' }`).
 */
export type ProtectedKeys = Readonly<Record<string, string>>;

/** Anything that carries `providerOptions` (chat, embed and image requests). */
interface WithProviderOptions {
  providerOptions?: Record<string, Record<string, unknown>>;
}

function dotted(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    out +=
      typeof segment === 'number' ? `[${segment}]` : out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function invalidOptions(path: readonly PropertyKey[], message: string, provider: string): PalError {
  const where = dotted(path);
  return new PalError({
    code: 'INVALID_REQUEST',
    message: `Invalid ${where}: ${message}`,
    userMessage: `The request is invalid: ${where}: ${message}`,
    retryable: false,
    provider,
    path: path.map((s) => (typeof s === 'number' ? s : String(s))),
  });
}

/**
 * The request's options for `providerId` (`request.providerOptions[providerId]`), parsed with the
 * provider's `schema`; undefined when the request gives none. Fails fast, before anything is sent:
 * options that do not match throw INVALID_REQUEST naming `providerOptions.<id>.<field>` (with a
 * did-you-mean for an unknown key of a strict schema), so a typo or a wrongly typed vendor field is
 * not silently dropped or sent as is. With `protectedKeys`, a key PAL writes is refused first, as
 * {@link mergeProviderOptions} refuses it (a strict schema would otherwise call it unknown).
 * @example
 * const schema = z.looseObject({ store: z.boolean().optional() });
 * readProviderOptions({ providerOptions: { openai: { store: 'yes' } } }, 'openai', schema);
 * // throws INVALID_REQUEST: Invalid providerOptions.openai.store: expected boolean, received string
 */
export function readProviderOptions<S extends z.ZodType>(
  request: WithProviderOptions,
  providerId: string,
  schema: S,
  protectedKeys?: ProtectedKeys,
): z.output<S> | undefined {
  const given = request.providerOptions?.[providerId];
  if (given === undefined) return undefined;
  if (protectedKeys) refuseProtected(given, protectedKeys, ['providerOptions', providerId]);
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const base = ['providerOptions', providerId, ...issue.path] as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const hint = closestMatch(key, declaredKeysAt(schema, issue.path));
    const message = `unknown field${hint ? `; did you mean "${hint}"?` : ` (not a ${providerId} option PAL passes on)`}`;
    throw invalidOptions([...base, key], message, providerId);
  }
  throw invalidOptions(base, issue.message, providerId);
}

/**
 * `body` with `options` merged over it, refusing any of `protectedKeys`: providerOptions add what
 * PAL does not translate, and can never replace what it does (`model`, `messages`, `tools`, `stream`
 * and their vendor equivalents), so a caller cannot undo a translation, or a budget's output cap,
 * by accident. A refused key throws INVALID_REQUEST naming `<path>.<key>` and the request field to
 * use instead. `path` is where `options` sit in the request (deeper for a nested vendor object).
 * @example
 * mergeProviderOptions({ model: 'gpt-4o' }, { model: 'o3' }, { model: 'model' }, ['providerOptions', 'openai']);
 * // throws INVALID_REQUEST: Invalid providerOptions.openai.model: PAL sets it from the request: use model instead
 */
export function mergeProviderOptions<Body extends object>(
  body: Body,
  options: object | undefined,
  protectedKeys: ProtectedKeys,
  path: ProviderOptionsPath,
): Body {
  if (options === undefined) return body;
  refuseProtected(options, protectedKeys, path);
  return { ...body, ...options };
}

function refuseProtected(options: object, protectedKeys: ProtectedKeys, path: ProviderOptionsPath): void {
  for (const [key, value] of Object.entries(options)) {
    const instead = Object.hasOwn(protectedKeys, key) ? protectedKeys[key] : undefined;
    if (instead === undefined || value === undefined) continue;
    throw invalidOptions([...path, key], `PAL sets it from the request: use ${instead} instead`, path[1]);
  }
}

/**
 * The vendor's built-in tools a caller adds through `providerOptions.<id>.tools` (web search, code
 * execution…), appended after the function tools PAL translated from `request.tools`, which they
 * never replace. A function tool among them (`isFunctionTool`) is refused with INVALID_REQUEST
 * naming `providerOptions.<id>.tools[i]`: functions go in `request.tools`.
 * @example
 * appendBuiltInTools(translated, [{ googleSearch: {} }], (t) => 'functionDeclarations' in t, ['providerOptions', 'gemini']);
 */
export function appendBuiltInTools<Tool>(
  tools: readonly Tool[] | undefined,
  extra: readonly object[] | undefined,
  isFunctionTool: (tool: object) => boolean,
  path: ProviderOptionsPath,
): Tool[] | undefined {
  if (!extra || extra.length === 0) return tools && [...tools];
  extra.forEach((tool, i) => {
    if (!isFunctionTool(tool)) return;
    throw invalidOptions(
      [...path, 'tools', i],
      'a function tool: give it in tools (providerOptions add only the vendor’s built-in tools)',
      path[1],
    );
  });
  return [...(tools ?? []), ...(extra as Tool[])];
}
