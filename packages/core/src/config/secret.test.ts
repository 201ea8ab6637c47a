import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSecret, revealSecret, Secret } from './secret.js';

describe('Secret', () => {
  const key = 'sk-proj-abcdefghijklmnopvX2Q';

  it('reveals only on request', () => {
    const secret = new Secret(key);
    expect(secret.reveal()).toBe(key);
    expect(revealSecret(secret)).toBe(key);
    expect(revealSecret('plain')).toBe('plain');
    expect(revealSecret(undefined)).toBeUndefined();
    expect(isSecret(secret)).toBe(true);
    expect(isSecret(key)).toBe(false);
  });

  it.each([
    ['String()', (s: Secret) => String(s)],
    ['template', (s: Secret) => `${s}`],
    ['JSON.stringify', (s: Secret) => JSON.stringify({ nested: { s } })],
    ['util.inspect', (s: Secret) => inspect({ nested: { s } }, { depth: 5, showHidden: true })],
  ])('is masked by %s', (_name, show) => {
    const text = show(new Secret(key));
    expect(text).not.toContain('abcdefghijklmnop');
    expect(text).toContain('sk-...vX2Q');
  });
});
