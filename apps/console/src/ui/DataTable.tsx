import type { ComponentChildren } from 'preact';
import { TableHead } from './TableHead.js';

/** One column of a {@link DataTable}: its heading and what each row shows in it. */
export interface DataColumn<T> {
  label: string;
  cell: (row: T) => ComponentChildren;
  /** Right-aligned figures. */
  numeric?: boolean;
}

/**
 * A table of rows, one per item: the first column is each row's header (`<th scope="row">`), the
 * headings come from the columns; `empty` is shown instead when there are no rows.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  empty,
  className,
  rowAttributes,
}: {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string | number;
  empty: string;
  className?: string;
  /** Extra attributes of a row (`data-action` for tests and styles). */
  rowAttributes?: (row: T) => Record<string, string>;
}) {
  if (rows.length === 0) return <p>{empty}</p>;
  const [first, ...rest] = columns;
  return (
    <table class={className}>
      <TableHead columns={columns} />
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowAttributes?.(row)}>
            {first && <th scope="row">{first.cell(row)}</th>}
            {rest.map((column) => (
              <td key={column.label} class={column.numeric ? 'num' : undefined}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
