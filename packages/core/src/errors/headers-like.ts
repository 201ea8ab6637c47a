/**
 * Response headers in any of the shapes SDKs hand them over: a WHATWG `Headers`
 * object, a plain record (Node's `IncomingHttpHeaders`, an SDK's header map), or nothing.
 */
export type HeadersLike =
  | Headers
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>
  | undefined
  | null;

/** Reads one header case-insensitively from any `HeadersLike`; multi-valued headers are joined with ", ". */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null | undefined }).get(name);
    return value ?? undefined;
  }
  const record = headers as Record<string, unknown>;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = record[key];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value.join(', ') : String(value);
  }
  return undefined;
}
