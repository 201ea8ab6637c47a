/**
 * A URL as it may be shown in an error or a log: scheme, host, port and path only. The user info
 * (`user:password@`) and the fragment are dropped and the query, which often carries a signature
 * or a token, becomes `?…`. Text that is no URL is not shown at all.
 * @example
 * redactUrl('https://u:p@cdn.example/a.png?X-Amz-Signature=abc#x'); // 'https://cdn.example/a.png?…'
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '(an invalid URL)';
  }
  if (parsed.protocol === 'data:') return 'a data: URL';
  const query = parsed.search ? '?…' : '';
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query}`;
}
