import { describe, expect, it } from 'vitest';
import { maskSecret } from './mask-secret.js';

describe('maskSecret', () => {
  it('keeps the vendor prefix and the last four characters', () => {
    expect(maskSecret('sk-abc123456789vX2Q')).toBe('sk-...vX2Q');
  });
});
