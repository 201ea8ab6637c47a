import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './route.js';

describe('the console routes', () => {
  it('reads the screen and its path from the fragment; empty is the setup screen', () => {
    expect(parseRoute('')).toEqual({ screen: 'setup', rest: [] });
    expect(parseRoute('#/')).toEqual({ screen: 'setup', rest: [] });
    expect(parseRoute('#/setup/openai')).toEqual({ screen: 'setup', rest: ['openai'] });
    expect(parseRoute('#/usage')).toEqual({ screen: 'usage', rest: [] });
    expect(href(['setup', 'a b'])).toBe('#/setup/a%20b');
  });
});
