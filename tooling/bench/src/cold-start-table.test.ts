import { describe, expect, it } from 'vitest';
import { type ColdStartTable, coldRatio, renderColdStart } from './cold-start-table.js';
import { sampleStats } from './sample-stats.js';

const samples = (from: number) => Array.from({ length: 11 }, (_, i) => from + i); // median from + 5, p90 from + 9

const table: ColdStartTable = {
  kind: 'cold-start',
  title: 'Cold start',
  operation: 'one fresh process',
  rows: [
    { name: 'other', stats: sampleStats(samples(100)), cpu: sampleStats(samples(80)) },
    { name: 'PAL', stats: sampleStats(samples(85)), cpu: sampleStats(samples(76)) },
  ],
  findings: ['PAL starts faster.'],
};

describe('cold-start table', () => {
  it('divides medians by the first row', () => {
    expect(coldRatio(table, table.rows[1]!)).toBeCloseTo(90 / 105, 10);
  });

  it('renders runs, median, p90, mean, ratio, Δ and the CPU columns side by side', () => {
    const lines = renderColdStart(table).split('\n');
    expect(lines[0]).toBe('Cold start');
    expect(lines[1]).toBe('  one run = one fresh process');
    expect(lines[2]).toMatch(
      /^ {2}task\s+runs\s+median\s+p90\s+mean\s+ratio\s+Δ median\s+CPU median\s+CPU ratio$/,
    );
    expect(lines[4]).toMatch(/^ {2}other\s+11\s+105 ms\s+109 ms\s+105 ms\s+baseline\s+85\.0 ms\s+baseline$/);
    expect(lines[5]).toMatch(
      /^ {2}PAL\s+11\s+90\.0 ms\s+94\.0 ms\s+90\.0 ms\s+0\.86×\s+-15\.0 ms\s+81\.0 ms\s+0\.95×$/,
    );
    expect(lines[6]).toBe('  → PAL starts faster.');
  });

  it('leaves the CPU columns out when a row has no CPU figures', () => {
    const header = renderColdStart({
      ...table,
      rows: table.rows.map(({ name, stats }) => ({ name, stats })),
    }).split('\n')[2];
    expect(header).not.toMatch(/CPU/);
  });
});
