import { describe, expect, it } from 'vitest';
import { auditDetails } from './audit-details.js';
import { perMillion, usd } from './money.js';
import { duration, percent, tokens } from './numbers.js';

describe('formatting for people', () => {
  it('writes USD with cents, and two significant digits below a cent', () => {
    expect(usd(0)).toBe('$0.00');
    expect(usd(12.345)).toBe('$12.35');
    expect(usd(1234.5)).toBe('$1,234.50');
    expect(usd(0.05)).toBe('$0.05');
    expect(usd(0.000213)).toBe('$0.00021');
    expect(usd(0.0045)).toBe('$0.0045');
    expect(usd(0.009)).toBe('$0.009');
    expect(usd(0.000009)).toBe('$0.000009');
    expect(usd(-0.05)).toBe('-$0.05');
    expect(usd(1e-12)).toBe('<$0.00000001');
    expect(usd(Number.NaN)).toBe('—');
  });

  it('writes prices per million tokens, and — when unknown', () => {
    expect(perMillion(2.5)).toBe('$2.50');
    expect(perMillion(0.075)).toBe('$0.075');
    expect(perMillion(undefined)).toBe('—');
  });

  it('writes token counts, shares and durations', () => {
    expect(tokens(128_000)).toBe('128K');
    expect(tokens(1_000_000)).toBe('1M');
    expect(tokens(2048)).toBe('2,048');
    expect(tokens(1_047_576)).toBe('1.05M');
    expect(tokens(16_385)).toBe('16K');
    expect(tokens(undefined)).toBe('—');
    expect(percent(0.8)).toBe('80 %');
    expect(duration(840)).toBe('840 ms');
    expect(duration(2300)).toBe('2.3 s');
  });

  it('writes an audit entry’s metadata in words', () => {
    expect(
      auditDetails({
        scope: 'global',
        changes: { dailyUsd: { from: null, to: 5 }, alertThreshold: { from: null, to: 0.8 } },
      }),
    ).toBe('scope: global · dailyUsd: none → 5 · alertThreshold: none → 0.8');
    expect(auditDetails({ credentials: { apiKey: 'sk-...WXYZ' }, package: '@pal/provider-openai' })).toBe(
      'credentials: { apiKey: sk-...WXYZ } · package: @pal/provider-openai',
    );
    expect(auditDetails(undefined)).toBe('');
  });
});
