/**
 * USD for people: cents from a cent up (`$12.34`), at most two significant digits below a cent so
 * small calls can be told apart (`$0.00021`, `$0.009`), `$0.00` for nothing.
 */
export function usd(amount: number): string {
  if (!Number.isFinite(amount)) return '—';
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  if (abs === 0) return '$0.00';
  if (abs >= 0.01)
    return `${sign}$${abs.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (abs < 1e-8) return `${sign}<$0.00000001`;
  const digits = abs.toFixed(Math.min(8, 1 - Math.floor(Math.log10(abs))));
  return `${sign}$${digits.replace(/0+$/, '')}`;
}

/** A price per million tokens (`$2.50`), or "—" when the catalog has none. */
export function perMillion(price: number | undefined): string {
  if (price === undefined) return '—';
  return `$${price.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
}
