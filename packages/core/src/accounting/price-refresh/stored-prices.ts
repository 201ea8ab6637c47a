import { z } from 'zod';
import type { StateStore } from '../../policies/state-store.js';
import { priceDataSchema } from '../price-data/price-data-schema.js';

/** The last good copy of the price data, as kept in a {@link StateStore}. */
export const storedPricesSchema = z.object({
  /** The URL it was fetched from, without its query. */
  source: z.string(),
  /** Epoch ms of the fetch (or of the last `304` saying it was still current). */
  fetchedAt: z.number(),
  version: z.string().optional(),
  dataDate: z.string().optional(),
  data: priceDataSchema,
});
export type StoredPrices = z.infer<typeof storedPricesSchema>;

/** The store key of the copy fetched from `source`: one per price data URL, shared by a fleet. */
export function storedPricesKey(source: string): string {
  return `pal:prices:${source}`;
}

/** The copy kept for `source`, or undefined when there is none or it is not valid (validated again). */
export async function readStoredPrices(store: StateStore, source: string): Promise<StoredPrices | undefined> {
  const parsed = storedPricesSchema.safeParse(await store.get(storedPricesKey(source)));
  return parsed.success && parsed.data.source === source ? parsed.data : undefined;
}

/** Keeps `copy` as the last good one for its source (no expiry: it is replaced by the next good one). */
export async function writeStoredPrices(store: StateStore, copy: StoredPrices): Promise<void> {
  await store.set(storedPricesKey(copy.source), copy);
}
