/**
 * An audit entry's metadata in words: `dailyUsd: none → 5 · alertThreshold: none → 0.8`, nested
 * objects as `scope: global`, a changed value's `from` and `to` with an arrow. Secrets arrive
 * masked from the gateway; nothing here un-masks them.
 */
export function auditDetails(metadata: Record<string, unknown> | undefined): string {
  if (!metadata) return '';
  return Object.entries(metadata)
    .map(([name, value]) => describe(name, value))
    .filter(Boolean)
    .join(' · ');
}

function describe(name: string, value: unknown): string {
  if (isChange(value)) return `${name}: ${scalar(value.from)} → ${scalar(value.to)}`;
  if (isRecord(value)) {
    const inner = Object.entries(value).map(([key, v]) => describe(key, v));
    return name === 'changes' ? inner.join(' · ') : `${name}: { ${inner.join(', ')} }`;
  }
  return `${name}: ${scalar(value)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return isRecord(value) && 'from' in value && 'to' in value && Object.keys(value).length === 2;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
