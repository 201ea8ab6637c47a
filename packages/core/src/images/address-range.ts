import ipaddr from 'ipaddr.js';

/** Where an IP address sits: `public`, or the special range that keeps PAL from fetching from it. */
export interface AddressRange {
  /** The address as given, normalised (`::ffff:7f00:1` → `::ffff:127.0.0.1` is kept as IPv6). */
  address: string;
  /** True for an ordinary public unicast address. */
  public: boolean;
  /** The range's name: `public`, `loopback`, `private`, `link-local`, `unique-local`, … */
  range: string;
  /** The range in words, for error messages (`loopback (127.0.0.0/8)`). */
  description: string;
  /** The IPv4 address an IPv6 form carries (IPv4-mapped, NAT64), when it carries one. */
  ipv4?: string;
}

/** ipaddr.js's IPv4 range names → PAL's, with a description. */
const IPV4_RANGES: Record<string, [string, string]> = {
  unspecified: ['unspecified', 'the unspecified network (0.0.0.0/8, which reaches this host)'],
  broadcast: ['broadcast', 'broadcast (255.255.255.255)'],
  multicast: ['multicast', 'multicast (224.0.0.0/4)'],
  linkLocal: [
    'link-local',
    'link-local (169.254.0.0/16, where cloud metadata services such as 169.254.169.254 live)',
  ],
  loopback: ['loopback', 'loopback (127.0.0.0/8)'],
  carrierGradeNat: ['carrier-grade-nat', 'carrier-grade NAT (100.64.0.0/10)'],
  private: ['private', 'private (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)'],
  reserved: ['reserved', 'reserved for special use (IANA)'],
  benchmarking: ['benchmarking', 'benchmarking (198.18.0.0/15)'],
  amt: ['amt', 'AMT relay anycast (192.52.193.0/24)'],
  as112: ['as112', 'AS112 anycast (192.31.196.0/24, 192.175.48.0/24)'],
};

/** ipaddr.js's IPv6 range names → PAL's, with a description (IPv4-carrying forms handled apart). */
const IPV6_RANGES: Record<string, [string, string]> = {
  unspecified: ['unspecified', 'the unspecified address (::)'],
  loopback: ['loopback', 'loopback (::1)'],
  linkLocal: ['link-local', 'link-local (fe80::/10)'],
  uniqueLocal: ['unique-local', 'unique-local (fc00::/7)'],
  multicast: ['multicast', 'multicast (ff00::/8)'],
  rfc6145: ['ipv4-translated', 'IPv4-translated (::ffff:0:0:0/96)'],
  '6to4': ['6to4', '6to4 (2002::/16)'],
  teredo: ['teredo', 'Teredo (2001::/32)'],
  reserved: ['reserved', 'reserved for documentation (2001:db8::/32)'],
  benchmarking: ['benchmarking', 'benchmarking (2001:2::/48)'],
  amt: ['amt', 'AMT (2001:3::/32)'],
  as112v6: ['as112', 'AS112 (2001:4:112::/48, 2620:4f:8000::/48)'],
  orchid2: ['orchid', 'ORCHIDv2 (2001:20::/28)'],
  droneRemoteIdProtocolEntityTags: ['drip', 'DRIP entity tags (2001:30::/28)'],
  discard: ['discard', 'discard-only (100::/64)'],
  deprecated: ['deprecated', 'deprecated (2001:10::/28)'],
};

/** 2000::/3: the only IPv6 block handed out as global unicast. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** 64:ff9b::/96, the NAT64 prefix: its last 32 bits are the IPv4 address it reaches. */
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

function ipv4Range(address: ipaddr.IPv4, shown: string): AddressRange {
  const name = address.range();
  if (name === 'unicast') return { address: shown, public: true, range: 'public', description: 'public' };
  const [range, description] = IPV4_RANGES[name] ?? [name, name];
  return { address: shown, public: false, range, description };
}

/** The IPv4 address held in the last 32 bits of an IPv6 address. */
function lastIpv4(address: ipaddr.IPv6): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(12);
  return new ipaddr.IPv4(bytes);
}

/** An IPv6 form of an IPv4 address: refused or allowed as that IPv4 address is, and said so. */
function carried(shown: string, ipv4: ipaddr.IPv4, form: string): AddressRange {
  const inner = ipv4Range(ipv4, shown);
  const description = inner.public
    ? 'public'
    : `${form} of ${ipv4.toString()}, which is ${inner.description}`;
  return { ...inner, description, ipv4: ipv4.toString() };
}

function ipv6Range(address: ipaddr.IPv6): AddressRange {
  const shown = address.toString();
  if (address.isIPv4MappedAddress()) return carried(shown, address.toIPv4Address(), 'an IPv4-mapped form');
  if (address.match(NAT64)) return carried(shown, lastIpv4(address), 'a NAT64 form');
  const name = address.range();
  if (name === 'unicast') {
    if (address.match(GLOBAL_UNICAST_V6)) {
      return { address: shown, public: true, range: 'public', description: 'public' };
    }
    const leading = address.parts.slice(0, 6).every((part) => part === 0);
    return leading
      ? {
          address: shown,
          public: false,
          range: 'ipv4-compatible',
          description: `a deprecated IPv4-compatible form (::/96) of ${lastIpv4(address).toString()}`,
          ipv4: lastIpv4(address).toString(),
        }
      : {
          address: shown,
          public: false,
          range: 'unassigned',
          description: 'outside global unicast (2000::/3)',
        };
  }
  const [range, description] = IPV6_RANGES[name] ?? [name, name];
  return { address: shown, public: false, range, description };
}

/**
 * An IP address in its strict form (four-part decimal IPv4, or IPv6 with or without brackets and
 * without a zone), else undefined. A dotted IPv4 tail of an IPv6 address (`::127.0.0.1`) is read
 * as the two groups it stands for, so the deprecated IPv4-compatible form stays what it is.
 */
export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (bare.includes('%') || !ipaddr.IPv6.isValid(bare)) return undefined;
  const tail = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  if (!tail) return ipaddr.IPv6.parse(bare);
  const [a, b, c, d] = tail.slice(2).map(Number) as [number, number, number, number];
  const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
  return ipaddr.IPv6.parse(`${tail[1]}${hex(a, b)}:${hex(c, d)}`);
}

/**
 * Classifies an IP address (IPv4, or IPv6 with or without brackets): public unicast, or the
 * special range it belongs to. IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
 * NAT64 `64:ff9b::/96`) are judged by that IPv4 address; IPv6 is public only inside 2000::/3.
 * Throws a `TypeError` for text that is no IP address.
 * @example
 * addressRange('::ffff:127.0.0.1'); // { public: false, range: 'loopback', ipv4: '127.0.0.1', … }
 * addressRange('8.8.8.8').public;    // true
 */
export function addressRange(ip: string): AddressRange {
  const parsed = parseIp(ip);
  if (!parsed) throw new TypeError(`not an IP address: ${ip}`);
  return parsed.kind() === 'ipv4'
    ? ipv4Range(parsed as ipaddr.IPv4, parsed.toString())
    : ipv6Range(parsed as ipaddr.IPv6);
}
