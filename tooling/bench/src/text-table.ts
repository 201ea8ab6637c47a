/** Column alignment in a {@link renderTextTable}. */
export type Align = 'left' | 'right';

/**
 * Renders rows of cells as a plain-text table with a header and a rule under it, each column as wide
 * as its widest cell, separated by two spaces; `align` gives each column's alignment (left when absent).
 * Every line starts with `indent`.
 */
export function renderTextTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: readonly Align[] = [],
  indent = '',
): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  const line = (row: readonly string[]) =>
    indent +
    widths
      .map((w, column) => pad(row[column] ?? '', w, align[column] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function pad(cell: string, w: number, align: Align): string {
  const fill = ' '.repeat(w - width(cell));
  return align === 'right' ? fill + cell : cell + fill;
}

/** Display width, counting each code point as one column (the table uses no wide characters). */
function width(cell: string): number {
  return [...cell].length;
}
