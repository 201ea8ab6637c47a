import { closestMatch } from '../registry/closest-match.js';

/** Vendor spellings callers bring from other SDKs, and PAL's field for each. */
const VENDOR_SPELLINGS: Readonly<Record<string, string>> = {
  max_tokens: 'maxOutputTokens',
  max_completion_tokens: 'maxOutputTokens',
  max_output_tokens: 'maxOutputTokens',
  maxTokens: 'maxOutputTokens',
  max_new_tokens: 'maxOutputTokens',
  stop_sequences: 'stop',
  stopSequences: 'stop',
  tool_choice: 'toolChoice',
  response_format: 'responseFormat',
  provider_options: 'providerOptions',
  tool_call_id: 'toolCallId',
  is_error: 'isError',
  system: 'a message with role "system"',
};

const keysCache = new WeakMap<object, Set<string>>();

/** Every object key a zod schema knows, anywhere in it (cached per schema). */
function knownKeys(schema: object): Set<string> {
  const cached = keysCache.get(schema);
  if (cached) return cached;
  const keys = new Set<string>();
  const seen = new Set<object>();
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    const shape = def.shape as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(shape ?? {})) {
      keys.add(key);
      walk(value);
    }
    for (const field of ['element', 'innerType', 'in', 'out', 'valueType', 'left', 'right']) walk(def[field]);
    for (const option of (def.options as unknown[] | undefined) ?? []) walk(option);
  };
  walk(schema);
  keysCache.set(schema, keys);
  return keys;
}

/**
 * The hint for an unknown key: PAL's name for a vendor spelling (`max_tokens` → `maxOutputTokens`),
 * the camelCase form of a snake_case key, or the closest known key (`temprature` → `temperature`).
 */
export function suggestKey(key: string, schema: object): string | undefined {
  const vendor = VENDOR_SPELLINGS[key];
  if (vendor) return vendor;
  const keys = knownKeys(schema);
  const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  if (camel !== key && keys.has(camel)) return camel;
  return closestMatch(key, keys);
}
