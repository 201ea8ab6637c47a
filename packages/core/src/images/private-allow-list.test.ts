import { describe, expect, it } from 'vitest';
import { isAllowListEntry, PrivateAllowList } from './private-allow-list.js';

describe('isAllowListEntry', () => {
  it.each([
    ['127.0.0.1'],
    ['10.0.0.0/8'],
    ['192.168.1.0/24'],
    ['::1'],
    ['[::1]'],
    ['fd00::/8'],
    ['localhost'],
    ['images.intranet.example'],
    ['*.intranet.example'],
    ['host-1.example.'],
  ])('accepts %s', (entry) => {
    expect(isAllowListEntry(entry)).toBe(true);
  });

  it.each([
    ['10.0.0.0/33'],
    ['::1/129'],
    ['10.0.0.0/8/1'],
    ['10.0.0.0/x'],
    ['host/path'],
    ['http://images.example'],
    ['*'],
    ['a..b'],
    ['-bad.example'],
    [''],
  ])('refuses %j', (entry) => {
    expect(isAllowListEntry(entry)).toBe(false);
  });
});

describe('PrivateAllowList', () => {
  const list = new PrivateAllowList([
    '127.0.0.1',
    '10.1.0.0/16',
    'fd00::/8',
    'Images.Intranet.Example',
    '*.cdn.intranet',
  ]);

  it('matches addresses inside its ranges only', () => {
    expect(list.allowsAddress('127.0.0.1')).toBe(true);
    expect(list.allowsAddress('127.0.0.2')).toBe(false);
    expect(list.allowsAddress('10.1.255.3')).toBe(true);
    expect(list.allowsAddress('10.2.0.1')).toBe(false);
    expect(list.allowsAddress('fd12::1')).toBe(true);
    expect(list.allowsAddress('fe80::1')).toBe(false);
    expect(list.allowsAddress('[fd00::5]')).toBe(true);
    expect(list.allowsAddress('not an ip')).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 address as its IPv4 form, and IPv4 never against IPv6 ranges', () => {
    expect(list.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(list.allowsAddress('::ffff:10.1.2.3')).toBe(true);
    expect(list.allowsAddress('::ffff:10.9.2.3')).toBe(false);
    expect(new PrivateAllowList(['::/0']).allowsAddress('10.0.0.1')).toBe(false);
  });

  it('matches host names exactly (any case, a trailing dot ignored) and *. entries by subdomain', () => {
    expect(list.allowsHost('images.intranet.example')).toBe(true);
    expect(list.allowsHost('IMAGES.intranet.example.')).toBe(true);
    expect(list.allowsHost('evil-images.intranet.example')).toBe(false);
    expect(list.allowsHost('images.intranet.example.evil.test')).toBe(false);
    expect(list.allowsHost('a.cdn.intranet')).toBe(true);
    expect(list.allowsHost('a.b.cdn.intranet')).toBe(true);
    expect(list.allowsHost('cdn.intranet')).toBe(false);
    expect(list.allowsHost('xcdn.intranet')).toBe(false);
  });

  it('is empty when nothing is listed', () => {
    expect(new PrivateAllowList([]).empty).toBe(true);
    expect(list.empty).toBe(false);
    expect(new PrivateAllowList(['*.x.example']).empty).toBe(false);
  });
});
