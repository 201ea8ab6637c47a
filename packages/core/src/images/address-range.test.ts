import { describe, expect, it } from 'vitest';
import { addressRange } from './address-range.js';

describe('addressRange', () => {
  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['93.184.216.34'],
    ['2606:4700:4700::1111'],
    ['2001:4860:4860::8888'],
    ['64:ff9b::808:808'], // NAT64 form of 8.8.8.8
    ['::ffff:8.8.8.8'],
  ])('%s is public', (ip) => {
    const range = addressRange(ip);
    expect(range.public).toBe(true);
    expect(range.range).toBe('public');
  });

  it.each([
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.127.255.254', 'carrier-grade-nat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    // IPv6
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'], // the AWS metadata service over IPv6
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2002:a00:1::1', '6to4'],
    ['2001::1', 'teredo'],
    ['100::1', 'discard'],
    ['::ffff:0:7f00:1', 'ipv4-translated'],
    ['4000::1', 'unassigned'],
  ])('%s is not public: %s', (ip, name) => {
    const range = addressRange(ip);
    expect(range.public).toBe(false);
    expect(range.range).toBe(name);
    expect(range.description.length).toBeGreaterThan(5);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
    ['::ffff:7f00:1', 'loopback', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', 'loopback', '127.0.0.1'],
    ['::ffff:10.0.0.1', 'private', '10.0.0.1'],
    ['::ffff:169.254.169.254', 'link-local', '169.254.169.254'],
    ['::ffff:a9fe:a9fe', 'link-local', '169.254.169.254'],
    ['::ffff:0.0.0.0', 'unspecified', '0.0.0.0'],
    ['::ffff:100.64.0.1', 'carrier-grade-nat', '100.64.0.1'],
    ['64:ff9b::7f00:1', 'loopback', '127.0.0.1'], // NAT64 form of 127.0.0.1
    ['64:ff9b::a9fe:a9fe', 'link-local', '169.254.169.254'],
  ])('%s carries an IPv4 address and is judged by it (%s)', (ip, name, ipv4) => {
    const range = addressRange(ip);
    expect(range).toMatchObject({ public: false, range: name, ipv4 });
    expect(range.description).toContain(ipv4);
  });

  it('refuses the deprecated IPv4-compatible form (::a.b.c.d) whatever it carries', () => {
    expect(addressRange('::127.0.0.1')).toMatchObject({
      public: false,
      range: 'ipv4-compatible',
      ipv4: '127.0.0.1',
    });
    expect(addressRange('::8.8.8.8')).toMatchObject({ public: false, range: 'ipv4-compatible' });
  });

  it('describes the metadata range so a reader knows why it matters', () => {
    expect(addressRange('169.254.169.254').description).toContain('cloud metadata');
  });

  it.each([['localhost'], ['1.2.3'], ['999.1.1.1'], ['fe80::1%eth0'], [''], ['10.0.0.0/8']])(
    'throws a TypeError for %j, which is no IP address',
    (text) => {
      expect(() => addressRange(text)).toThrow(TypeError);
    },
  );
});
