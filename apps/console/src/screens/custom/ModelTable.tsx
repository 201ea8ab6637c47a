import { TableHead } from '../../ui/TableHead.js';
import { emptyRow, type ModelRowDraft } from './model-rows.js';

type Field = keyof Omit<ModelRowDraft, 'key'>;

/** The cells of a model row: the heading, what a screen reader calls the input, the keyboard, an example. */
const CELLS: ReadonlyArray<{
  field: Field;
  heading: string;
  name: string;
  mode: 'text' | 'numeric' | 'decimal';
  example: string;
}> = [
  { field: 'id', heading: 'Model id', name: 'id', mode: 'text', example: 'llama-3.1-8b' },
  {
    field: 'contextWindow',
    heading: 'Context window',
    name: 'context window',
    mode: 'numeric',
    example: '128000',
  },
  {
    field: 'inputPerMTok',
    heading: 'Input $/1M',
    name: 'input price per million tokens',
    mode: 'decimal',
    example: '0.20',
  },
  {
    field: 'outputPerMTok',
    heading: 'Output $/1M',
    name: 'output price per million tokens',
    mode: 'decimal',
    example: '0.60',
  },
];

/** The editable table of a custom host's models: id, context window and $/1M input and output. */
export function ModelTable({
  rows,
  onChange,
}: {
  rows: ModelRowDraft[];
  onChange: (rows: ModelRowDraft[]) => void;
}) {
  const update = (key: number, field: Field, value: string) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  return (
    <fieldset>
      <legend>Models and prices</legend>
      <table class="models-table">
        <TableHead columns={[...CELLS.map((cell) => cell.heading), { hidden: 'Remove' }]} />
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key}>
              {CELLS.map((cell) => (
                <td key={cell.field}>
                  <input
                    aria-label={`Model ${index + 1} ${cell.name}`}
                    inputMode={cell.mode}
                    value={row[cell.field]}
                    onInput={(e) => update(row.key, cell.field, e.currentTarget.value)}
                    placeholder={cell.example}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Remove model ${index + 1}`}
                  disabled={rows.length === 1}
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" class="secondary" onClick={() => onChange([...rows, emptyRow()])}>
        Add a model
      </button>
    </fieldset>
  );
}
