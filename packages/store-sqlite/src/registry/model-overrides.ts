import type { ModelOverride } from '@pal/core';
import { parseOptions, z } from '@pal/core/provider';
import type { StoreContext } from '../store-context.js';
import { storeError } from '../store-error.js';
import { providerIdSchema, type ChangeOptions } from './saved-provider.js';

const price = () => z.number().nonnegative().nullable().optional();

/**
 * A catalog override a person edits (seed 003's `models` row): a price, a context window, an output
 * limit, a display name, streaming. A field left out keeps what is saved; `null` goes back to the
 * provider package's value. A model its package does not list must be given in full when loaded.
 */
export const saveModelSchema = z.strictObject({
  /** A saved provider's id. */
  provider: providerIdSchema,
  /** The model id without the provider (`gpt-4o`). */
  model: z.string().min(1),
  displayName: z.string().min(1).nullable().optional(),
  contextWindow: z.number().int().positive().nullable().optional(),
  maxOutputTokens: z.number().int().positive().nullable().optional(),
  /** USD per million tokens. */
  pricing: z
    .strictObject({ inputPerMTok: price(), outputPerMTok: price(), cachedInputPerMTok: price() })
    .optional(),
  streaming: z.boolean().nullable().optional(),
});

/** What `saveModel` takes. */
export type SaveModelInput = z.input<typeof saveModelSchema>;

/** A saved override; absent fields keep the package's values. */
export interface ModelOverrideRecord {
  /** `provider/model`. */
  id: string;
  provider: string;
  model: string;
  displayName?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  pricing?: { inputPerMTok?: number; outputPerMTok?: number; cachedInputPerMTok?: number };
  streaming?: boolean;
  updatedAt: number;
}

interface ModelRow {
  id: string;
  provider_id: string;
  model_id: string;
  display_name: string | null;
  context_window: number | null;
  max_output: number | null;
  cost_input: number | null;
  cost_output: number | null;
  cost_cached_input: number | null;
  supports_streaming: number | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS: Array<[keyof ModelRow, (input: SaveModelInput) => unknown]> = [
  ['display_name', (i) => i.displayName],
  ['context_window', (i) => i.contextWindow],
  ['max_output', (i) => i.maxOutputTokens],
  ['cost_input', (i) => i.pricing?.inputPerMTok],
  ['cost_output', (i) => i.pricing?.outputPerMTok],
  ['cost_cached_input', (i) => i.pricing?.cachedInputPerMTok],
  ['supports_streaming', (i) => (typeof i.streaming === 'boolean' ? (i.streaming ? 1 : 0) : i.streaming)],
];

/** The `models` table: catalog overrides, merged into the registry by `loadInto`; every change audited. */
export class ModelOverrides {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Saves (or edits) an override; audited as `model_changed` with what changed. */
  save(input: SaveModelInput, change: ChangeOptions = {}): ModelOverrideRecord {
    parseOptions('saveModel', saveModelSchema, input);
    const ctx = this.#ctx;
    return ctx.transaction('saving a model override', () => {
      if (!ctx.db.prepare('SELECT 1 FROM providers WHERE id = ?').get(input.provider)) {
        throw storeError({
          problem: 'bad-value',
          file: ctx.file,
          message: `saveModel.provider: "${input.provider}" is not a saved provider; save it with saveProvider() first`,
        });
      }
      const id = `${input.provider}/${input.model}`;
      const before = ctx.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
      const now = ctx.now();
      const row = {
        ...(before ?? emptyRow(id, input.provider, input.model, now)),
        updated_at: now,
      } as ModelRow & Record<string, unknown>;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [column, read] of COLUMNS) {
        const given = read(input);
        if (given === undefined || given === row[column]) continue;
        changes[column] = { from: row[column], to: given };
        (row as Record<string, unknown>)[column] = given;
      }
      ctx.db
        .prepare(
          `INSERT INTO models (id, provider_id, model_id, display_name, context_window, max_output, cost_input,
             cost_output, cost_cached_input, supports_streaming, created_at, updated_at)
           VALUES (@id, @provider_id, @model_id, @display_name, @context_window, @max_output, @cost_input,
             @cost_output, @cost_cached_input, @supports_streaming, @created_at, @updated_at)
           ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name,
             context_window = excluded.context_window, max_output = excluded.max_output,
             cost_input = excluded.cost_input, cost_output = excluded.cost_output,
             cost_cached_input = excluded.cost_cached_input, supports_streaming = excluded.supports_streaming,
             updated_at = excluded.updated_at`,
        )
        .run(row);
      if (!before || Object.keys(changes).length > 0) {
        ctx.audit.record({
          provider: input.provider,
          action: 'model_changed',
          ...(change.actor !== undefined && { actor: change.actor }),
          metadata: { model: input.model, changes },
        });
      }
      return toRecord(row);
    });
  }

  /** Drops an override (the package's values apply again); false when there was none. */
  remove(provider: string, model: string, change: ChangeOptions = {}): boolean {
    return this.#ctx.transaction('removing a model override', () => {
      const removed =
        this.#ctx.db.prepare('DELETE FROM models WHERE id = ?').run(`${provider}/${model}`).changes > 0;
      if (removed) {
        this.#ctx.audit.record({
          provider,
          action: 'model_changed',
          ...(change.actor !== undefined && { actor: change.actor }),
          metadata: { model, removed: true },
        });
      }
      return removed;
    });
  }

  /** Every override, or those of one provider. */
  list(provider?: string): ModelOverrideRecord[] {
    const rows = this.#ctx.run('reading model overrides', () =>
      provider === undefined
        ? this.#ctx.db.prepare('SELECT * FROM models ORDER BY id').all()
        : this.#ctx.db.prepare('SELECT * FROM models WHERE provider_id = ? ORDER BY id').all(provider),
    ) as ModelRow[];
    return rows.map(toRecord);
  }

  /** One provider's overrides as `registry.register(adapter, { models })` takes them. */
  registryOverrides(provider: string): Record<string, ModelOverride> {
    const out: Record<string, ModelOverride> = {};
    for (const record of this.list(provider)) {
      const override: ModelOverride = {};
      if (record.displayName !== undefined) override.displayName = record.displayName;
      if (record.contextWindow !== undefined) override.contextWindow = record.contextWindow;
      if (record.maxOutputTokens !== undefined) override.maxOutputTokens = record.maxOutputTokens;
      if (record.pricing) override.pricing = record.pricing;
      if (record.streaming !== undefined) override.capabilities = { streaming: record.streaming };
      out[record.model] = override;
    }
    return out;
  }
}

function emptyRow(id: string, provider: string, model: string, now: number): ModelRow {
  return {
    id,
    provider_id: provider,
    model_id: model,
    display_name: null,
    context_window: null,
    max_output: null,
    cost_input: null,
    cost_output: null,
    cost_cached_input: null,
    supports_streaming: null,
    created_at: now,
    updated_at: now,
  };
}

function toRecord(row: ModelRow): ModelOverrideRecord {
  const pricing: NonNullable<ModelOverrideRecord['pricing']> = {};
  if (row.cost_input !== null) pricing.inputPerMTok = row.cost_input;
  if (row.cost_output !== null) pricing.outputPerMTok = row.cost_output;
  if (row.cost_cached_input !== null) pricing.cachedInputPerMTok = row.cost_cached_input;
  return {
    id: row.id,
    provider: row.provider_id,
    model: row.model_id,
    ...(row.display_name !== null && { displayName: row.display_name }),
    ...(row.context_window !== null && { contextWindow: row.context_window }),
    ...(row.max_output !== null && { maxOutputTokens: row.max_output }),
    ...(Object.keys(pricing).length > 0 && { pricing }),
    ...(row.supports_streaming !== null && { streaming: row.supports_streaming === 1 }),
    updatedAt: row.updated_at,
  };
}
