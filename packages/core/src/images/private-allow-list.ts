import type ipaddr from 'ipaddr.js';
import { parseIp } from './address-range.js';

/** A host name as an allow-list entry takes it: labels of letters, digits and hyphens, `*.` first for subdomains. */
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** An IP address or CIDR range in its strict form (`10.0.0.0/8`, `::1`, `fd00::/8`), else undefined. */
function rangeOf(entry: string): Range | undefined {
  const [ip = '', bits, extra] = entry.trim().split('/');
  const address = extra === undefined ? parseIp(ip) : undefined;
  if (!address) return undefined;
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [address, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return undefined;
  return [address, Number(bits)];
}

/** True for text `allowPrivateHosts` accepts: a host name (`*.` allowed first), an IP address or a CIDR range. */
export function isAllowListEntry(entry: string): boolean {
  return rangeOf(entry) !== undefined || (!entry.includes('/') && HOST_NAME.test(entry.trim()));
}

function hostKey(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * `images.allowPrivateHosts` read once: host names (exact, or `*.example.com` for its subdomains)
 * and IP ranges that may be fetched although their addresses are not public.
 * @example
 * const list = new PrivateAllowList(['127.0.0.1', '10.0.0.0/8', '*.intranet.example']);
 * list.allowsAddress('10.1.2.3');         // true
 * list.allowsHost('cdn.intranet.example'); // true
 */
export class PrivateAllowList {
  readonly #ranges: Range[] = [];
  readonly #hosts = new Set<string>();
  readonly #suffixes: string[] = [];

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const range = rangeOf(entry);
      if (range) this.#ranges.push(range);
      else if (entry.trim().startsWith('*.')) this.#suffixes.push(hostKey(entry).slice(1));
      else this.#hosts.add(hostKey(entry));
    }
  }

  /** True when nothing is listed. */
  get empty(): boolean {
    return this.#ranges.length === 0 && this.#hosts.size === 0 && this.#suffixes.length === 0;
  }

  /** True when the URL's host name is listed (an IP literal is matched by {@link allowsAddress}). */
  allowsHost(host: string): boolean {
    const key = hostKey(host);
    return this.#hosts.has(key) || this.#suffixes.some((suffix) => key.endsWith(suffix));
  }

  /** True when `ip` lies in a listed range; an IPv4-mapped IPv6 address also matches as its IPv4 form. */
  allowsAddress(ip: string): boolean {
    const parsed = parseIp(ip);
    if (!parsed) return false;
    const forms: Array<ipaddr.IPv4 | ipaddr.IPv6> = [parsed];
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      forms.push((parsed as ipaddr.IPv6).toIPv4Address());
    }
    return this.#ranges.some(([base, bits]) =>
      forms.some((form) => form.kind() === base.kind() && form.match(base, bits)),
    );
  }
}
