import { describe, expect, it } from 'vitest';
import { sampleStats } from './sample-stats.js';

describe('sampleStats', () => {
  it('reports mean, interpolated median, p90 and p99, and throughput from the mean', () => {
    const samples = Array.from({ length: 101 }, (_, i) => 100 - i); // 0..100 ms, unsorted
    const stats = sampleStats(samples);
    expect(stats.samples).toBe(101);
    expect(stats.meanMs).toBe(50);
    expect(stats.p50Ms).toBe(50);
    expect(stats.p90Ms).toBe(90);
    expect(stats.p99Ms).toBe(99);
    expect(stats.opsPerSec).toBe(20);
    // sd of 0..100 is sqrt(858.5); 1.96 * sd / sqrt(101) / 50, in percent
    expect(stats.rmePercent).toBeCloseTo((100 * 1.96 * Math.sqrt(858.5)) / Math.sqrt(101) / 50, 10);
  });

  it('reports no error margin for identical samples', () => {
    expect(sampleStats([2, 2, 2]).rmePercent).toBe(0);
  });

  it('interpolates between ranks', () => {
    const stats = sampleStats([1, 2]);
    expect(stats.p50Ms).toBe(1.5);
    expect(stats.p99Ms).toBeCloseTo(1.99, 10);
  });

  it('refuses an empty sample set', () => {
    expect(() => sampleStats([])).toThrow(/no samples/);
  });
});
