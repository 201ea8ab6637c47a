import { emptyRow, type ModelRowDraft } from './model-rows.js';

/** The editable table of a custom host's models: id, context window and $/1M input and output. */
export function ModelTable({
  rows,
  onChange,
}: {
  rows: ModelRowDraft[];
  onChange: (rows: ModelRowDraft[]) => void;
}) {
  const update = (key: number, field: keyof Omit<ModelRowDraft, 'key'>, value: string) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  return (
    <fieldset>
      <legend>Models and prices</legend>
      <table class="models-table">
        <thead>
          <tr>
            <th scope="col">Model id</th>
            <th scope="col">Context window</th>
            <th scope="col">Input $/1M</th>
            <th scope="col">Output $/1M</th>
            <th scope="col">
              <span class="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.key}>
              <td>
                <input
                  aria-label={`Model ${index + 1} id`}
                  value={row.id}
                  onInput={(e) => update(row.key, 'id', e.currentTarget.value)}
                  placeholder="llama-3.1-8b"
                />
              </td>
              <td>
                <input
                  aria-label={`Model ${index + 1} context window`}
                  inputMode="numeric"
                  value={row.contextWindow}
                  onInput={(e) => update(row.key, 'contextWindow', e.currentTarget.value)}
                  placeholder="128000"
                />
              </td>
              <td>
                <input
                  aria-label={`Model ${index + 1} input price per million tokens`}
                  inputMode="decimal"
                  value={row.inputPerMTok}
                  onInput={(e) => update(row.key, 'inputPerMTok', e.currentTarget.value)}
                  placeholder="0.20"
                />
              </td>
              <td>
                <input
                  aria-label={`Model ${index + 1} output price per million tokens`}
                  inputMode="decimal"
                  value={row.outputPerMTok}
                  onInput={(e) => update(row.key, 'outputPerMTok', e.currentTarget.value)}
                  placeholder="0.60"
                />
              </td>
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
