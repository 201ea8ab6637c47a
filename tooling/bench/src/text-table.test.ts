import { describe, expect, it } from 'vitest';
import { renderTextTable } from './text-table.js';

describe('renderTextTable', () => {
  it('sizes columns to their widest cell and aligns them as asked', () => {
    const table = renderTextTable(
      ['task', 'mean'],
      [
        ['direct', '1.0 µs'],
        ['through PAL', '12 µs'],
      ],
      ['left', 'right'],
      '  ',
    );
    expect(table.split('\n')).toEqual([
      '  task           mean',
      '  -----------  ------',
      '  direct       1.0 µs',
      '  through PAL   12 µs',
    ]);
  });
});
