import { z } from '@pal/core/provider';

const usd = () => z.number().nonnegative().nullable().optional();

/**
 * The limits of a gateway key (what LiteLLM, Portkey and Bifrost call a virtual key), as
 * `createKey` and `updateKey` take them. A field left out keeps what is saved (nothing, for a new
 * key); `null` removes that limit.
 */
export const gatewayKeyLimitsShape = {
  /**
   * The models the key may use: `provider/model`, a provider id (all its models) or `*` wildcards
   * (`openai/gpt-4o*`). Absent or `null`: any model.
   */
  allowedModels: z.array(z.string().min(1)).min(1).nullable().optional(),
  /** Requests per minute the key may send. */
  requestsPerMinute: z.number().positive().nullable().optional(),
  /** USD the key may spend per UTC day. */
  dailyUsd: usd(),
  /** USD the key may spend per UTC month. */
  monthlyUsd: usd(),
};

/** What `createKey` takes: who the key is for, and its limits. */
export const createKeySchema = z.strictObject({
  /** Who or what the key is for (`ci`, `ann's laptop`). */
  name: z.string().min(1).max(200),
  ...gatewayKeyLimitsShape,
});

/** What `createKey` takes. */
export type CreateKeyInput = z.input<typeof createKeySchema>;

/** What `updateKey` takes: a new name, or limits (`null` removes one). */
export const updateKeySchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  ...gatewayKeyLimitsShape,
});

/** What `updateKey` takes. */
export type UpdateKeyInput = z.input<typeof updateKeySchema>;

/** A gateway key as the store shows it: never the key itself, only its masked form. */
export interface GatewayKeyRecord {
  /** `key_…`: names the key in lists, logs, budgets and the audit log. */
  id: string;
  name: string;
  /** The key's first and last characters (`sk-...Q2vX`). */
  masked: string;
  allowedModels?: string[];
  requestsPerMinute?: number;
  dailyUsd?: number;
  monthlyUsd?: number;
  createdAt: number;
  updatedAt: number;
  /** When it was revoked (a revoked key is refused, and kept for the audit trail). */
  revokedAt?: number;
  /** When it was last used (kept to the minute). */
  lastUsedAt?: number;
}

/** A key just created: its record, and the key itself — shown this once, never stored. */
export interface CreatedKey {
  key: string;
  record: GatewayKeyRecord;
}
