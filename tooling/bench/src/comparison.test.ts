import { describe, expect, it } from 'vitest';
import { type Comparison, deltaToBaseline, ratioToBaseline, renderComparison } from './comparison.js';
import { sampleStats } from './sample-stats.js';

// one slow outlier each: medians 10 µs and 15 µs, means 20 µs and 25 µs
const comparison: Comparison = {
  title: 'Example',
  operation: 'one call',
  rows: [
    { name: 'direct', stats: sampleStats([0.01, 0.01, 0.01, 0.05]) },
    { name: 'through PAL', stats: sampleStats([0.015, 0.015, 0.015, 0.055]) },
  ],
  findings: ['PAL adds 5.00 µs per call.'],
};

describe('comparison', () => {
  it('divides and subtracts median latencies (not means) against the first row', () => {
    const pal = comparison.rows[1]!;
    expect(ratioToBaseline(comparison, pal)).toBeCloseTo(1.5, 10);
    expect(deltaToBaseline(comparison, pal)).toBeCloseTo(0.005, 10);
  });

  it('renders the baseline, the ratio and the difference side by side', () => {
    const lines = renderComparison(comparison).split('\n');
    expect(lines[0]).toBe('Example');
    expect(lines[1]).toBe('  one op = one call');
    expect(lines[2]).toMatch(/^ {2}task\s+ops\/s\s+mean\s+±\s+median\s+p99\s+ratio\s+Δ median\s+samples$/);
    expect(lines[4]).toMatch(
      /^ {2}direct\s+50,000\s+20\.0 µs\s+±\d+\.\d%\s+10\.0 µs\s+48\.8 µs\s+baseline\s+4$/,
    );
    expect(lines[5]).toMatch(
      /^ {2}through PAL\s+40,000\s+25\.0 µs\s+±\d+\.\d%\s+15\.0 µs\s+53\.8 µs\s+1\.50×\s+\+5\.00 µs\s+4$/,
    );
    expect(lines[6]).toBe('  → PAL adds 5.00 µs per call.');
  });
});
