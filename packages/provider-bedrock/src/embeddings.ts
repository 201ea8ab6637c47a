import type { AdapterEmbedResult, EmbedRequest } from '@pal/core';
import { embedInBatches, makeUsage, mergeProviderOptions, readProviderOptions } from '@pal/core/provider';
import { type InvokeTarget, invokeJson, unsupportedModel } from './invoke-model.js';
import { nativeProviderOptionsSchema, PROTECTED_EMBED_KEYS } from './provider-options.js';

/** Most texts Cohere Embed v3 takes per call. */
export const COHERE_BATCH = 96;
type TitanAnswer = { embedding: number[]; inputTextTokenCount?: number };

/**
 * Embeds through InvokeModel: Titan Text Embeddings take one text per call (sent concurrently,
 * at most `concurrency` at once), Cohere Embed v3 up to 96 texts per call (split into batches).
 * `providerOptions[<provider id>]` merges into each native body (e.g. Cohere `input_type`); it
 * cannot replace the texts or `dimensions`.
 */
export async function embedWithBedrock(
  request: EmbedRequest,
  target: InvokeTarget,
  concurrency: number,
  provider = 'bedrock',
): Promise<AdapterEmbedResult> {
  const { model, dimensions } = request;
  const options = readProviderOptions(request, provider, nativeProviderOptionsSchema);
  const at = ['providerOptions', provider] as const;
  const titan = /(^|\.)amazon\.titan-embed/.test(model);
  if (!titan && !/(^|\.)cohere\.embed/.test(model)) {
    throw unsupportedModel(model, 'embeddings', 'Amazon Titan Text Embeddings and Cohere Embed models');
  }
  return embedInBatches({
    inputs: typeof request.input === 'string' ? [request.input] : request.input,
    model,
    maxPerCall: titan ? 1 : COHERE_BATCH,
    concurrency,
    embedBatch: async (texts) => {
      if (!titan) {
        const body = mergeProviderOptions(
          { texts, input_type: 'search_document' },
          options,
          PROTECTED_EMBED_KEYS,
          at,
        );
        return { embeddings: (await invokeJson<{ embeddings: number[][] }>(target, model, body)).embeddings };
      }
      const native = { inputText: texts[0], ...(dimensions && { dimensions }) };
      const body = mergeProviderOptions(native, options, PROTECTED_EMBED_KEYS, at);
      const out = await invokeJson<TitanAnswer>(target, model, body);
      const usage = makeUsage({ inputTokens: out.inputTextTokenCount ?? 0, outputTokens: 0 });
      return { embeddings: [out.embedding], usage };
    },
  });
}
