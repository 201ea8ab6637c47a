/**
 * Masks a secret for display: the vendor prefix (up to the first "-") and the last
 * four characters survive, e.g. `maskSecret("sk-abc123vX2Q")` → `"sk-...vX2Q"`.
 * Short secrets are fully hidden.
 */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '****';
  const dash = secret.indexOf('-');
  const prefix = dash > 0 && dash <= 6 ? secret.slice(0, dash + 1) : '';
  return `${prefix}...${secret.slice(-4)}`;
}

/** Header and field names whose values are secrets. */
const SECRET_NAME =
  /^(authorization|proxy-authorization|x-api-key|api-key|x-goog-api-key|apikey|api_key|cookie|set-cookie|x-amz-security-token|secret|password|token|.*(secret|password|apikey|api_key|accesskey|access_key|sessiontoken|session_token|bearer).*)$/i;

/** True when a header or field name usually holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Known secret shapes inside free text: bearer tokens, `sk-…`, Google `AIza…`, AWS keys, `key=` query params. */
const SECRET_IN_TEXT: RegExp[] = [
  /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/g,
  /\b((?:sk|pk|rk)-[A-Za-z0-9_-]{8,})/g,
  /\b(sk-ant-[A-Za-z0-9_-]{8,})/g,
  /\b(AIza[0-9A-Za-z_-]{20,})/g,
  /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g,
  /([?&](?:key|api_key|apikey|token)=)([^&\s"']+)/gi,
];

/** Replaces anything that looks like a secret in `text` with its masked form. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 6) out = out.split(secret).join(maskSecret(secret));
  }
  for (const pattern of SECRET_IN_TEXT) {
    out = out.replace(pattern, (_match, a: string, b?: string) =>
      b === undefined || typeof b !== 'string' ? maskSecret(a) : `${a}${maskSecret(b)}`,
    );
  }
  return out;
}

/** Returns a copy of a header map with secret values masked. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = isSecretName(name) ? maskSecret(text.replace(/^Bearer\s+/i, '')) : redactSecrets(text);
  }
  return out;
}
