/**
 * A column heading: its text, `{ label, numeric }` for a right-aligned column of figures, or
 * `{ hidden }` for a column whose heading only screen readers need.
 */
export type Column = string | { label: string; numeric?: boolean } | { hidden: string };

/** A table's header row from its column names. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          if (typeof column === 'string')
            return (
              <th scope="col" key={column}>
                {column}
              </th>
            );
          if ('hidden' in column)
            return (
              <th scope="col" key={column.hidden}>
                <span class="visually-hidden">{column.hidden}</span>
              </th>
            );
          return (
            <th scope="col" key={column.label} class={column.numeric ? 'num' : undefined}>
              {column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
