/** A zod schema node as its definition shows it (zod 4's `_zod.def`), read without importing zod. */
interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  catchall?: unknown;
  valueType?: unknown;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
  options?: unknown[];
}

function defOf(node: unknown): Def | undefined {
  return (node as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The object schemas reachable at `path` (several when a union offers more than one). */
function objectsAt(node: unknown, path: readonly PropertyKey[], out: Def[]): void {
  const def = defOf(node);
  if (!def) return;
  if ((def.type && WRAPPERS.has(def.type)) || def.type === 'pipe') {
    objectsAt(def.type === 'pipe' ? def.in : def.innerType, path, out);
    return;
  }
  if (def.type === 'union') {
    for (const option of def.options ?? []) objectsAt(option, path, out);
    return;
  }
  if (path.length === 0) {
    if (def.type === 'object' && def.shape) out.push(def);
    return;
  }
  const [head, ...rest] = path;
  if (def.type === 'object') {
    const child = def.shape?.[String(head)] ?? def.catchall;
    if (child) objectsAt(child, rest, out);
  } else if (def.type === 'record') objectsAt(def.valueType, rest, out);
  else if (def.type === 'array') objectsAt(def.element, rest, out);
}

/**
 * The keys an object `schema` declares at `path` (record keys and array indexes stepped over, so
 * `['providers', 'openai']` reaches a provider entry), for a did-you-mean on an unknown key; none
 * when no object schema sits there.
 * @example
 * declaredKeysAt(configSchema, ['providers', 'openai']); // ['package', 'factory', 'apiKey', 'baseURL', …]
 */
export function declaredKeysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  const found: Def[] = [];
  objectsAt(schema, path, found);
  return [...new Set(found.flatMap((def) => Object.keys(def.shape ?? {})))];
}
