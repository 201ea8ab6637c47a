import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { AddressGuard, type RefusedAddress } from './address-guard.js';

const guard = (allowPrivateHosts: string[] = [], allowPrivateNetwork = false) =>
  new AddressGuard({ allowPrivateHosts, allowPrivateNetwork });

type Answer = { error: Error | null; address?: string | LookupAddress[]; family?: number };

function lookUp(g: AddressGuard, host: string, options: { all?: boolean; family?: number }): Promise<Answer> {
  return new Promise((resolve) => {
    const lookup = g.lookup((refusal: RefusedAddress) => Object.assign(new Error('refused'), { refusal }));
    lookup(
      host,
      options as never,
      ((error: Error | null, address?: string | LookupAddress[], family?: number) =>
        resolve({ error, address, family })) as never,
    );
  });
}

describe('AddressGuard.refusal', () => {
  it('lets public addresses through and refuses the rest unless allowed', () => {
    expect(guard().refusal('cdn.example', '93.184.216.34')).toBeUndefined();
    expect(guard().refusal('cdn.example', '2606:4700::1')).toBeUndefined();
    expect(guard().refusal('cdn.example', '10.0.0.1')).toMatchObject({
      host: 'cdn.example',
      range: { range: 'private', address: '10.0.0.1' },
    });
    expect(guard(['10.0.0.0/8']).refusal('cdn.example', '10.0.0.1')).toBeUndefined();
    expect(guard(['cdn.example']).refusal('cdn.example', '10.0.0.1')).toBeUndefined();
    expect(guard(['other.example']).refusal('cdn.example', '10.0.0.1')).toBeDefined();
    expect(guard([], true).refusal('cdn.example', '169.254.169.254')).toBeUndefined();
  });
});

describe('AddressGuard.lookup', () => {
  it('refuses a name whose resolved address is not public, with the refusal for the caller to word', async () => {
    const answer = await lookUp(guard(), 'localhost', {});
    expect(answer.error).toMatchObject({
      message: 'refused',
      refusal: { host: 'localhost', range: { range: 'loopback' } },
    });
  });

  it('passes on the addresses it checked, one or all as asked', async () => {
    const one = await lookUp(guard(['127.0.0.1', '::1']), 'localhost', {});
    expect(one.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(one.address);
    expect([4, 6]).toContain(one.family);
    const all = await lookUp(guard(['127.0.0.1', '::1']), 'localhost', { all: true });
    expect(all.error).toBeNull();
    expect((all.address as LookupAddress[]).map((a) => a.address)).toContain('127.0.0.1');
    const v4 = await lookUp(guard(['127.0.0.1']), 'localhost', { family: 4 });
    expect(v4).toMatchObject({ error: null, address: '127.0.0.1', family: 4 });
  });
});
