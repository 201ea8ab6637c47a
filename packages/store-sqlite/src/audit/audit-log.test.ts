import { Secret } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test-support/temp-dir.test-support.js';
import { maskSecrets } from './audit-log.js';

const temp = useTempDir();

describe('auditLog', () => {
  it('pages through entries oldest first, filtered by time, provider and action', () => {
    let now = 100;
    const store = temp.open({ masterKey: Buffer.alloc(32, 7), clock: () => now });
    for (const id of ['a', 'b', 'c']) {
      now += 10;
      store.saveProvider({ id, package: '@pal/provider-openai' });
    }
    now += 10;
    store.disable('b');
    store.setBudget({ dailyUsd: 1 });

    const all: string[] = [];
    let page = store.auditLog({ limit: 2 });
    for (;;) {
      all.push(...page.entries.map((e) => `${e.provider ?? '*'}:${e.action}`));
      if (page.next === undefined) break;
      page = store.auditLog({ limit: 2, after: page.next });
    }
    expect(all).toEqual([
      'a:provider_added',
      'b:provider_added',
      'c:provider_added',
      'b:provider_disabled',
      '*:budget_changed',
    ]);
    expect(store.auditLog({ provider: 'b' }).entries.map((e) => e.action)).toEqual([
      'provider_added',
      'provider_disabled',
    ]);
    expect(store.auditLog({ action: 'provider_added', since: 125 }).entries.map((e) => e.provider)).toEqual([
      'c',
    ]);
    expect(store.auditLog({ until: 121 }).entries.map((e) => e.provider)).toEqual(['a', 'b']);
  });

  it('masks secrets in metadata: Secrets, values under secret-like names, and keys inside text', () => {
    expect(
      maskSecrets({
        apiKey: 'sk-live-0123456789abcdef',
        nested: { secretAccessKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY' },
        token: new Secret('tok-0123456789'),
        note: 'failed with Bearer abcdefghijklmnop1234',
        count: 3,
      }),
    ).toEqual({
      apiKey: 'sk-...cdef',
      nested: { secretAccessKey: '...EKEY' },
      token: 'tok-...6789',
      note: 'failed with Bearer ...1234',
      count: 3,
    });
  });
});
