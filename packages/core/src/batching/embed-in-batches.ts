import type { AdapterEmbedResult } from '../contracts/adapter.js';
import type { Usage } from '../contracts/usage.js';

/** How to split and send many embedding inputs. */
export interface EmbedInBatchesOptions {
  inputs: readonly string[];
  /** The vendor's maximum number of inputs per call. */
  maxPerCall: number;
  /** How many calls may be in flight at once (the provider's limit). */
  concurrency: number;
  /** Embeds one batch; `index` is the batch number. */
  embedBatch(
    batch: string[],
    index: number,
  ): Promise<{ embeddings: number[][]; usage?: Usage; model?: string }>;
  /** Reported model when the batches don't say. */
  model: string;
}

/**
 * Splits `inputs` into batches of at most `maxPerCall`, sends them with at most
 * `concurrency` in flight, and joins the vectors in input order with summed usage.
 * The first failing batch rejects the whole call.
 */
export async function embedInBatches(options: EmbedInBatchesOptions): Promise<AdapterEmbedResult> {
  const { inputs, maxPerCall, embedBatch } = options;
  const batches: string[][] = [];
  for (let i = 0; i < inputs.length; i += maxPerCall) batches.push(inputs.slice(i, i + maxPerCall));
  const results: Array<Awaited<ReturnType<typeof embedBatch>>> = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      results[index] = await embedBatch(batches[index]!, index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, batches.length)) }, worker),
  );
  let usage: Usage | undefined;
  for (const r of results) {
    if (!r.usage) continue;
    usage = {
      inputTokens: (usage?.inputTokens ?? 0) + r.usage.inputTokens,
      outputTokens: 0,
      totalTokens: (usage?.totalTokens ?? 0) + r.usage.totalTokens,
      ...((usage?.estimated || r.usage.estimated) && { estimated: true }),
    };
  }
  return {
    model: results[0]?.model ?? options.model,
    embeddings: results.flatMap((r) => r.embeddings),
    ...(usage && { usage }),
  };
}
