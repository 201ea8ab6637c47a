import { describe, expect, it } from 'vitest';
import { auditDetails } from './audit-details.js';
import { perMillion, usd } from './money.js';
import { duration, percent, tokens } from './numbers.js';

/** `[input, what people read]` pairs for one formatter. */
const EXAMPLES: Array<[string, (value: never) => string, Array<[unknown, string]>]> = [
  [
    'USD: cents from a cent up, at most two significant digits below',
    usd as (value: never) => string,
    [
      [0, '$0.00'],
      [12.345, '$12.35'],
      [1234.5, '$1,234.50'],
      [0.05, '$0.05'],
      [0.000213, '$0.00021'],
      [0.0045, '$0.0045'],
      [0.009, '$0.009'],
      [0.000009, '$0.000009'],
      [-0.05, '-$0.05'],
      [1e-12, '<$0.00000001'],
      [Number.NaN, '—'],
    ],
  ],
  [
    'prices per million tokens',
    perMillion as (value: never) => string,
    [
      [2.5, '$2.50'],
      [0.075, '$0.075'],
      [undefined, '—'],
    ],
  ],
  [
    'token counts',
    tokens as (value: never) => string,
    [
      [128_000, '128K'],
      [1_000_000, '1M'],
      [1_047_576, '1.05M'],
      [16_385, '16K'],
      [2048, '2,048'],
      [undefined, '—'],
    ],
  ],
  ['shares', percent as (value: never) => string, [[0.8, '80 %']]],
  [
    'durations',
    duration as (value: never) => string,
    [
      [840, '840 ms'],
      [2300, '2.3 s'],
      [undefined, '—'],
    ],
  ],
];

describe('formatting for people', () => {
  for (const [what, format, examples] of EXAMPLES)
    it(`writes ${what}`, () => {
      for (const [input, text] of examples) expect(format(input as never), String(input)).toBe(text);
    });

  it('writes an audit entry’s metadata in words', () => {
    const budget = {
      scope: 'global',
      changes: { dailyUsd: { from: null, to: 5 }, alertThreshold: { from: null, to: 0.8 } },
    };
    expect(auditDetails(budget)).toBe('scope: global · dailyUsd: none → 5 · alertThreshold: none → 0.8');
    const key = { credentials: { apiKey: 'sk-...WXYZ' }, package: '@pal/provider-openai' };
    expect(auditDetails(key)).toBe('credentials: { apiKey: sk-...WXYZ } · package: @pal/provider-openai');
    expect(auditDetails(undefined)).toBe('');
  });
});
