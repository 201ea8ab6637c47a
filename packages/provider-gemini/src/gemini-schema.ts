/** Keywords Gemini's OpenAPI schema subset accepts; everything else (`$schema`, `additionalProperties`, `default`, `$ref`…) is dropped. */
const KEPT = new Set('description title nullable enum minItems maxItems minimum maximum required'.split(' '));
/** Keywords translated rather than kept (and `$schema`, `$id`, `$comment`: annotations that constrain nothing). */
const HANDLED = new Set('type const format items properties anyOf oneOf $schema $id $comment'.split(' '));
/** String formats Gemini accepts; others (`email`, `uri`…) are dropped. */
const STRING_FORMATS = new Set(['date-time', 'enum']);
const NUMBER_FORMATS = new Set(['float', 'double', 'int32', 'int64']);

type Schema = Record<string, unknown>;

/**
 * Converts a JSON Schema into Gemini's OpenAPI 3.0 subset: `["string","null"]` and `anyOf` with
 * `null` become `nullable`, `const` becomes a one-value `enum`, `oneOf` becomes `anyOf`, unknown
 * keywords and unsupported formats are removed (and named in `dropped`, when given, so the
 * caller can say so), and object schemas without properties lose the empty `properties` (Gemini
 * rejects an empty properties map).
 */
export function toGeminiSchema(schema: unknown, dropped?: Set<string>): Schema {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return {};
  const src = schema as Schema;
  const out: Schema = {};
  if (dropped) {
    for (const key of Object.keys(src)) if (!KEPT.has(key) && !HANDLED.has(key)) dropped.add(key);
  }
  let type = src.type;
  if (Array.isArray(type)) {
    const real = type.filter((t) => t !== 'null');
    if (real.length < type.length) out.nullable = true;
    type = real.length === 1 ? real[0] : undefined;
    if (real.length > 1) out.anyOf = real.map((t) => ({ type: t }));
  }
  if (typeof type === 'string') out.type = type;
  for (const [key, value] of Object.entries(src)) if (KEPT.has(key)) out[key] = value;
  if (src.const !== undefined) out.enum = [src.const];
  if (typeof src.format === 'string') {
    const allowed = type === 'string' ? STRING_FORMATS : NUMBER_FORMATS;
    if (allowed.has(src.format)) out.format = src.format;
    else dropped?.add(`format: ${src.format}`);
  }
  if (src.items !== undefined) out.items = toGeminiSchema(src.items, dropped);
  const props = src.properties as Record<string, unknown> | undefined;
  if (props && Object.keys(props).length > 0) {
    out.properties = Object.fromEntries(
      Object.entries(props).map(([k, v]) => [k, toGeminiSchema(v, dropped)]),
    );
  } else delete out.required;
  const variants = (src.anyOf ?? src.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) {
    const real = variants.filter((v) => (v as Schema | undefined)?.type !== 'null');
    if (real.length < variants.length) out.nullable = true;
    if (real.length === 1) Object.assign(out, toGeminiSchema(real[0], dropped));
    else out.anyOf = real.map((v) => toGeminiSchema(v, dropped));
  }
  return out;
}

/** True when a (cleaned) parameters schema declares nothing: Gemini wants `parameters` omitted then. */
export function isEmptyObjectSchema(schema: Schema): boolean {
  return !schema.properties && !schema.anyOf && (schema.type ?? 'object') === 'object';
}
