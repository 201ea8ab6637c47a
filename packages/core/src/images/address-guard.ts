import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { type AddressRange, addressRange } from './address-range.js';
import type { ResolvedImageFetchOptions } from './image-fetch-options.js';
import { PrivateAllowList } from './private-allow-list.js';

/** An address PAL will not connect to: the host asked for, and where its address lies. */
export interface RefusedAddress {
  host: string;
  range: AddressRange;
}

/**
 * Decides which addresses an image may be fetched from: public ones always; others only with
 * `allowPrivateNetwork`, or when `allowPrivateHosts` lists the host name or the address's range.
 * Its {@link lookup} checks every address a name resolves to and hands the connection exactly
 * those (no second resolution, so no DNS-rebinding window between the check and the connect).
 */
export class AddressGuard {
  readonly #anyAddress: boolean;
  readonly #allowList: PrivateAllowList;

  constructor(options: Pick<ResolvedImageFetchOptions, 'allowPrivateNetwork' | 'allowPrivateHosts'>) {
    this.#anyAddress = options.allowPrivateNetwork;
    this.#allowList = new PrivateAllowList(options.allowPrivateHosts);
  }

  /** Undefined when `ip` (what `host` is, or resolved to) may be connected to; else why not. */
  refusal(host: string, ip: string): RefusedAddress | undefined {
    if (this.#anyAddress) return undefined;
    const range = addressRange(ip);
    if (range.public) return undefined;
    if (this.#allowList.allowsHost(host) || this.#allowList.allowsAddress(ip)) return undefined;
    return { host, range };
  }

  /**
   * A `lookup` for `node:http` / `node:https` (`net.connect`'s option): resolves `host` with
   * `dns.lookup`, refuses the connection (with `refused(...)`'s error) when any address it gave
   * may not be used, and otherwise passes on the addresses it checked.
   */
  lookup(refused: (refusal: RefusedAddress) => Error): LookupFunction {
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        for (const { address } of found) {
          // an answer that is no IP address at all is refused too
          const refusal = isIP(address)
            ? this.refusal(hostname, address)
            : {
                host: hostname,
                range: { address, public: false, range: 'invalid', description: 'not an IP address' },
              };
          if (refusal) return callback(refused(refusal), '', 0);
        }
        const first = found[0];
        if (!first)
          return callback(
            Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, found);
        return callback(null, first.address, first.family);
      });
    };
  }
}
