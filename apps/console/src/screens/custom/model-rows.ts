import type { ModelInput } from '../../api/types.js';

/** One row of the custom host's model table, as typed (strings until saved). */
export interface ModelRowDraft {
  key: number;
  id: string;
  contextWindow: string;
  inputPerMTok: string;
  outputPerMTok: string;
}

let nextKey = 1;

/** An empty row. */
export function emptyRow(): ModelRowDraft {
  return { key: nextKey++, id: '', contextWindow: '', inputPerMTok: '', outputPerMTok: '' };
}

const numberOf = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 0 ? value : Number.NaN;
};

/**
 * The rows as models, or the first problem in words ("Row 2: the input price is not a number");
 * rows with no model id are skipped.
 */
export function modelsOf(rows: ModelRowDraft[]): { models: ModelInput[] } | { problem: string } {
  const models: ModelInput[] = [];
  for (const [index, row] of rows.entries()) {
    const id = row.id.trim();
    if (!id) continue;
    const contextWindow = numberOf(row.contextWindow);
    const inputPerMTok = numberOf(row.inputPerMTok);
    const outputPerMTok = numberOf(row.outputPerMTok);
    for (const [value, what] of [
      [contextWindow, 'the context window'],
      [inputPerMTok, 'the input price'],
      [outputPerMTok, 'the output price'],
    ] as const)
      if (Number.isNaN(value)) return { problem: `Row ${index + 1}: ${what} is not a number ≥ 0.` };
    models.push({
      id,
      ...(contextWindow !== undefined && { contextWindow: Math.round(contextWindow) }),
      ...(inputPerMTok !== undefined && { inputPerMTok }),
      ...(outputPerMTok !== undefined && { outputPerMTok }),
    });
  }
  if (models.length === 0) return { problem: 'Name at least one model the host serves.' };
  return { models };
}

/** A provider id from a display name: `My vLLM box` → `my-vllm-box`. */
export function idFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
