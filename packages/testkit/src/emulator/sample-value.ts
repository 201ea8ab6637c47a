/**
 * Deterministic, plausible values for JSON Schemas: what every emulator puts in the tool arguments
 * and structured (JSON) output it makes up. A value validates against the schema (types, `enum`,
 * `const`, formats, string lengths, numeric bounds, item counts, `$ref`s) and reads like something
 * a model would answer: a property named `city` gets `"Paris"`, an integer `age` gets `30`, a
 * `count` gets `3`, an `email` string gets an address, never the property's own name or an
 * extreme bound such as `-9007199254740991`.
 */

type Schema = Record<string, unknown>;

/** Values a property name suggests, per JSON type; string lists give one value per array item. */
interface NamedSample {
  string?: readonly string[];
  integer?: number;
  number?: number;
}

const CITIES = ['Paris', 'London', 'Tokyo'] as const;

/** Whole (normalised) names that mean something their last word alone does not. */
const COMPOUND_NAMES: Readonly<Record<string, NamedSample>> = {
  'first name': { string: ['Ada', 'Alan'] },
  'given name': { string: ['Ada', 'Alan'] },
  'last name': { string: ['Lovelace', 'Turing'] },
  'family name': { string: ['Lovelace', 'Turing'] },
  'user name': { string: ['ada', 'alan'] },
  'file name': { string: ['report.pdf', 'notes.txt'] },
  'country code': { string: ['FR', 'GB'] },
  'language code': { string: ['en', 'fr'] },
  'currency code': { string: ['EUR', 'USD'] },
  'zip code': { string: ['75001', '10001'] },
  'postal code': { string: ['75001', '10001'] },
  'phone number': { string: ['+33 1 23 45 67 89', '+44 20 7946 0958'] },
  'max tokens': { integer: 256, number: 256 },
  'top k': { integer: 3, number: 3 },
  'top p': { number: 0.9 },
};

/** One word of a name → its sample; checked from the name's last word backwards. */
const WORDS: ReadonlyArray<[readonly string[], NamedSample]> = [
  [['city', 'town', 'destination', 'origin'], { string: CITIES }],
  [['country', 'nation'], { string: ['France', 'Japan'] }],
  [['location', 'place', 'region', 'area'], { string: ['Paris, France', 'Tokyo, Japan'] }],
  [['address', 'street'], { string: ['10 Rue de Rivoli, 75001 Paris', '221B Baker Street, London'] }],
  [['email', 'mail'], { string: ['ada@example.com', 'alan@example.com'] }],
  [
    ['url', 'uri', 'link', 'website', 'homepage', 'href'],
    { string: ['https://example.com', 'https://example.org'] },
  ],
  [['phone', 'mobile', 'tel'], { string: ['+33 1 23 45 67 89', '+44 20 7946 0958'] }],
  [['username', 'login', 'handle'], { string: ['ada', 'alan'] }],
  [
    ['author', 'person', 'user', 'customer', 'owner', 'contact', 'recipient', 'sender'],
    { string: ['Ada Lovelace', 'Alan Turing'] },
  ],
  [['company', 'organization', 'organisation', 'employer', 'brand'], { string: ['Acme Corp', 'Globex'] }],
  [['product', 'item'], { string: ['Coffee mug', 'Notebook'] }],
  [['title', 'headline', 'subject'], { string: ['A Weekend in Paris', 'Notes on the Analytical Engine'] }],
  [['filename', 'file', 'path'], { string: ['report.pdf', 'notes.txt'] }],
  [['timezone', 'tz'], { string: ['Europe/Paris', 'Asia/Tokyo'] }],
  [['currency'], { string: ['EUR', 'USD'] }],
  [['language', 'lang', 'locale'], { string: ['en', 'fr'] }],
  [['unit', 'units'], { string: ['celsius', 'fahrenheit'] }],
  [['color', 'colour'], { string: ['blue', 'green'] }],
  [['symbol', 'ticker'], { string: ['AAPL', 'MSFT'] }],
  [['status', 'state'], { string: ['active', 'pending'] }],
  [['category', 'kind', 'type', 'genre', 'topic'], { string: ['travel', 'science'] }],
  [['tag', 'label', 'keyword'], { string: ['travel', 'food'] }],
  [['query', 'search', 'q', 'keywords'], { string: ['weather in Paris', 'museums in London'] }],
  [['question', 'prompt'], { string: ['What is the weather in Paris?', 'What should I see in London?'] }],
  [
    ['answer', 'reply', 'response', 'result', 'output'],
    { string: ['It is sunny in Paris today.', 'Visit the British Museum.'] },
  ],
  [
    [
      'summary',
      'description',
      'overview',
      'details',
      'explanation',
      'reason',
      'reasoning',
      'notes',
      'note',
      'comment',
    ],
    { string: ['A sunny weekend in Paris with museum visits.', 'A short walk along the Thames.'] },
  ],
  [
    ['message', 'text', 'content', 'body', 'sentence'],
    { string: ['Hello! How can I help you today?', 'See you soon.'] },
  ],
  [['word'], { string: ['hello', 'world'] }],
  [['code', 'sku', 'reference', 'ref'], { string: ['ABC123', 'XYZ789'] }],
  [['id', 'uuid', 'key', 'token'], { string: ['id_7f3a9c', 'id_2b8e41'], integer: 1, number: 1 }],
  [['version'], { string: ['1.0.0', '2.1.0'], integer: 1, number: 1 }],
  [
    ['date', 'day', 'birthday', 'deadline'],
    { string: ['2025-06-01', '2025-06-02'], integer: 15, number: 15 },
  ],
  [['time'], { string: ['09:30', '14:00'] }],
  [['timestamp', 'datetime', 'at'], { string: ['2025-06-01T09:30:00Z', '2025-06-02T14:00:00Z'] }],
  [['age'], { integer: 30, number: 30 }],
  [['year'], { string: ['2025', '2024'], integer: 2025, number: 2025 }],
  [['month'], { integer: 6, number: 6 }],
  [['hour', 'hours'], { integer: 9, number: 9 }],
  [['minute', 'minutes', 'second', 'seconds', 'duration'], { integer: 30, number: 30 }],
  [['days', 'nights', 'weeks'], { integer: 3, number: 3 }],
  [
    [
      'count',
      'quantity',
      'qty',
      'number',
      'num',
      'n',
      'total',
      'limit',
      'max',
      'size',
      'results',
      'items',
      'people',
      'guests',
      'adults',
      'children',
      'amount',
    ],
    { integer: 3, number: 3 },
  ],
  [['page', 'rank', 'position', 'index', 'step', 'level'], { integer: 1, number: 1 }],
  [['rating', 'stars', 'score'], { integer: 4, number: 4.5 }],
  [['percent', 'percentage', 'pct'], { integer: 50, number: 50 }],
  [['probability', 'confidence', 'ratio', 'fraction', 'weight', 'temperature'], { integer: 1, number: 0.7 }],
  [['price', 'cost', 'fee', 'salary', 'budget', 'balance'], { integer: 20, number: 19.99 }],
  [['latitude', 'lat'], { number: 48.8566, integer: 48 }],
  [['longitude', 'lon', 'lng', 'long'], { number: 2.3522, integer: 2 }],
  [['temp', 'celsius', 'degrees'], { integer: 21, number: 21.5 }],
  [['distance', 'km', 'miles', 'length', 'width', 'height', 'depth'], { integer: 12, number: 12.5 }],
  [['population'], { integer: 2_100_000, number: 2_100_000 }],
  [['port'], { integer: 8080, number: 8080 }],
  [['name'], { string: ['Ada Lovelace', 'Alan Turing'] }],
];

/** Words that name a kind of value and defer to a more specific word before them (`city_name` → city). */
const GENERIC_WORDS = new Set(['name', 'value', 'text', 'string']);

/** Values for string formats, by `format`. */
const FORMATS: Readonly<Record<string, readonly string[]>> = {
  email: ['ada@example.com', 'alan@example.com'],
  'idn-email': ['ada@example.com', 'alan@example.com'],
  date: ['2025-06-01', '2025-06-02'],
  'date-time': ['2025-06-01T09:30:00Z', '2025-06-02T14:00:00Z'],
  time: ['09:30:00', '14:00:00'],
  duration: ['PT1H30M', 'P3D'],
  uri: ['https://example.com', 'https://example.org'],
  url: ['https://example.com', 'https://example.org'],
  'uri-reference': ['https://example.com/docs', '/docs'],
  iri: ['https://example.com', 'https://example.org'],
  uuid: ['3f2b8c1e-5d4a-4b6f-9a7e-1c2d3e4f5a6b', '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'],
  hostname: ['example.com', 'example.org'],
  'idn-hostname': ['example.com', 'example.org'],
  ipv4: ['192.0.2.1', '198.51.100.7'],
  ipv6: ['2001:db8::1', '2001:db8::2'],
  byte: ['aGVsbG8=', 'd29ybGQ='],
  base64: ['aGVsbG8=', 'd29ybGQ='],
  regex: ['^[a-z]+$', '^\\d+$'],
  'json-pointer': ['/items/0', '/name'],
};

/** Strings tried, after every format's values, against a `pattern` the planned value does not match. */
const PATTERN_CANDIDATES = [
  'abc',
  'ABC',
  'Abc',
  '123',
  'abc123',
  'ABC123',
  'a',
  'A',
  '1',
  'a-b',
  'a_b',
  'abc def',
];

/** How deep a (recursive) schema is followed before stopping with an empty value. */
const MAX_DEPTH = 12;

interface Walk {
  root: Schema;
  depth: number;
  /** The property (or, for array items, the singular of the array's) name, split into lower-case words. */
  words: readonly string[];
  /** Which of several sibling values this is (array items differ from each other). */
  variant: number;
}

/**
 * A plausible value that validates against `schema` (JSON Schema, as sent by the vendor SDKs and
 * zod's `toJSONSchema`). `name` is the property the value is for; it picks realistic values
 * (`"Paris"` for a city, `30` for an age). Deterministic: the same schema always gives the same value.
 */
export function sampleFromSchema(schema: unknown, name?: string): unknown {
  const root = isSchema(schema) ? schema : {};
  return sample(schema, { root, depth: 0, words: nameWords(name), variant: 0 });
}

/** Tool-call arguments for a tool's parameter schema: always an object (empty when there are no parameters). */
export function sampleToolArguments(schema: unknown): Record<string, unknown> {
  const value = sampleFromSchema(schema ?? { type: 'object', properties: {} });
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `departureCity` / `departure_city` / `departure-city` → `['departure', 'city']`. */
function nameWords(name: string | undefined): string[] {
  if (!name) return [];
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `cities` → `city`, `addresses` → `address`, `tags` → `tag` (good enough for property names). */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * What a name suggests for a value of `kind`: its whole name first (`first_name`), then its words
 * from the last one back, specific words before generic ones (`city_name` → a city).
 */
function namedSample<K extends keyof NamedSample>(
  words: readonly string[],
  kind: K,
): NamedSample[K] | undefined {
  if (words.length === 0) return undefined;
  for (let i = 0; i < words.length - 1; i++) {
    const compound = COMPOUND_NAMES[words.slice(i).join(' ')]?.[kind];
    if (compound !== undefined) return compound;
  }
  const byWord = (word: string) =>
    WORDS.find(([keys, named]) => keys.includes(word) && named[kind] !== undefined)?.[1];
  const ordered = [...words].reverse();
  const specific = ordered.filter((w) => !GENERIC_WORDS.has(w));
  for (const word of [...specific, ...ordered]) {
    const found = byWord(word) ?? byWord(singular(word));
    if (found?.[kind] !== undefined) return found[kind];
  }
  return undefined;
}

function resolveRef(ref: string, root: Schema): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return node;
}

/** The first listed type that is not `null` (or `null` when that is the only one). */
function typeOf(s: Schema): string | undefined {
  const type = s.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0]) as string | undefined;
  if (isSchema(s.properties) || s.additionalProperties !== undefined) return 'object';
  if (s.items !== undefined || s.prefixItems !== undefined) return 'array';
  if (typeof s.minimum === 'number' || typeof s.maximum === 'number') return 'number';
  if (typeof s.format === 'string' || typeof s.pattern === 'string' || typeof s.minLength === 'number')
    return 'string';
  return undefined;
}

function sample(schema: unknown, walk: Walk): unknown {
  if (schema === false) return null;
  if (!isSchema(schema)) return sampleString({}, walk);
  if (walk.depth > MAX_DEPTH)
    return typeOf(schema) === 'array' ? [] : typeOf(schema) === 'object' ? {} : null;
  const s = schema;
  const deeper: Walk = { ...walk, depth: walk.depth + 1 };
  if (typeof s.$ref === 'string') {
    const target = resolveRef(s.$ref, walk.root);
    if (target !== undefined) return sample(target, deeper);
  }
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  const union = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(union) && union.length > 0) {
    const branch = union.find((b) => !(isSchema(b) && b.type === 'null')) ?? union[0];
    return sample(branch, deeper);
  }
  if (Array.isArray(s.allOf) && s.allOf.length > 0) {
    const { allOf, ...rest } = s;
    const schemas = typeOf(rest) === undefined ? allOf : [rest, ...allOf];
    const parts = schemas.map((part) => sample(part, deeper));
    return parts.every((p) => isSchema(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  switch (typeOf(s)) {
    case 'object':
      return sampleObject(s, deeper);
    case 'array':
      return sampleArray(s, deeper);
    case 'integer':
      return sampleNumber(s, walk, true);
    case 'number':
      return sampleNumber(s, walk, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleString(s, walk);
  }
}

function sampleObject(s: Schema, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isSchema(s.properties) ? s.properties : {};
  for (const [key, sub] of Object.entries(properties)) {
    out[key] = sample(sub, { ...walk, words: nameWords(key) });
  }
  return out;
}

function sampleArray(s: Schema, walk: Walk): unknown[] {
  const min = typeof s.minItems === 'number' ? s.minItems : 0;
  const max = typeof s.maxItems === 'number' ? s.maxItems : Number.POSITIVE_INFINITY;
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  const count = Math.min(Math.max(2, min, prefix.length === 0 ? 0 : prefix.length), max);
  const words = walk.words.length > 0 ? [...walk.words.slice(0, -1), singular(walk.words.at(-1)!)] : [];
  return Array.from({ length: count }, (_, i) => {
    const item = i < prefix.length ? prefix[i] : s.items === false ? {} : (s.items ?? {});
    return sample(item, { ...walk, words, variant: walk.variant + i });
  });
}

function sampleNumber(s: Schema, walk: Walk, integer: boolean): number {
  let value = namedSample(walk.words, integer ? 'integer' : 'number') ?? (integer ? 3 : 2.5);
  value += walk.variant * (integer ? 1 : 0.5);
  if (integer) value = Math.round(value);
  // exclusive bounds as numbers (draft 6+) or as booleans on minimum / maximum (draft 4)
  const step = integer ? 1 : typeof s.multipleOf === 'number' ? s.multipleOf : 0.5;
  let low = typeof s.minimum === 'number' ? s.minimum : Number.NEGATIVE_INFINITY;
  let high = typeof s.maximum === 'number' ? s.maximum : Number.POSITIVE_INFINITY;
  if (typeof s.exclusiveMinimum === 'number') low = Math.max(low, s.exclusiveMinimum + step / 2);
  else if (s.exclusiveMinimum === true) low += step / 2;
  if (typeof s.exclusiveMaximum === 'number') high = Math.min(high, s.exclusiveMaximum - step / 2);
  else if (s.exclusiveMaximum === true) high -= step / 2;
  if (integer) {
    low = Math.ceil(low);
    high = Math.floor(high);
  }
  value = Math.min(Math.max(value, low), high);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const m = s.multipleOf;
    let snapped = Math.round(value / m) * m;
    if (snapped < low) snapped += m;
    if (snapped > high) snapped -= m;
    value = Number(snapped.toFixed(10));
  }
  return value;
}

function sampleString(s: Schema, walk: Walk): string {
  const pick = (list: readonly string[]) => list[walk.variant % list.length]!;
  const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
  const named = namedSample(walk.words, 'string');
  let value = format
    ? pick(format)
    : named
      ? pick(named)
      : walk.words.length > 0
        ? `example ${walk.words.join(' ')}${walk.variant > 0 ? ` ${walk.variant + 1}` : ''}`
        : 'example';
  if (typeof s.pattern === 'string') value = matchPattern(s.pattern, value);
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Number.POSITIVE_INFINITY;
  if (value.length < min) {
    const base = value || 'x';
    while (value.length < min) value = value ? `${value} ${base}` : base;
  }
  if (value.length > max) value = value.slice(0, max).trimEnd().padEnd(Math.min(min, max), 'x');
  return value;
}

/** `value` when it matches `pattern`, else the first simple candidate that does, else `value`. */
function matchPattern(pattern: string, value: string): string {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return value;
  }
  if (re.test(value)) return value;
  const candidates = [...Object.values(FORMATS).flat(), ...PATTERN_CANDIDATES];
  return candidates.find((candidate) => re.test(candidate)) ?? value;
}
