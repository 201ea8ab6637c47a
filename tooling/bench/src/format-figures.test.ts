import { describe, expect, it } from 'vitest';
import { formatDelta, formatDuration, formatPercent, formatRate, formatRatio } from './format-figures.js';

describe('formatDuration', () => {
  it('picks ns, µs, ms or s and keeps three significant digits', () => {
    expect(formatDuration(0.00085)).toBe('850 ns');
    expect(formatDuration(0.0124)).toBe('12.4 µs');
    expect(formatDuration(0.5)).toBe('500 µs');
    expect(formatDuration(3.1)).toBe('3.10 ms');
    expect(formatDuration(1200)).toBe('1.20 s');
  });
});

describe('formatDelta', () => {
  it('signs the difference', () => {
    expect(formatDelta(0.0012)).toBe('+1.20 µs');
    expect(formatDelta(-0.35)).toBe('-350 µs');
  });
});

describe('formatRate', () => {
  it('groups thousands and keeps small rates readable', () => {
    expect(formatRate(1234567.4)).toBe('1,234,567');
    expect(formatRate(3.456)).toBe('3.46');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('formatRatio', () => {
  it('shows two decimals near 1, one above 10 and two significant digits below 0.1', () => {
    expect(formatRatio(1)).toBe('1.00×');
    expect(formatRatio(1.043)).toBe('1.04×');
    expect(formatRatio(27.46)).toBe('27.5×');
    expect(formatRatio(0.0312)).toBe('0.031×');
  });
});

describe('formatPercent', () => {
  it('signs the percentage', () => {
    expect(formatPercent(0.031)).toBe('+3.1%');
    expect(formatPercent(-0.004)).toBe('-0.4%');
  });
});
