import { type AdapterEmbedResult, type EmbedRequest, embedInBatches, makeUsage } from '@pal/core';
import { type InvokeTarget, invokeJson, unsupportedModel } from './invoke-model.js';

/** Most texts Cohere Embed v3 takes per call. */
export const COHERE_BATCH = 96;

/**
 * Embeds through InvokeModel: Titan Text Embeddings take one text per call (sent concurrently,
 * at most `concurrency` at once), Cohere Embed v3 up to 96 texts per call (split into batches).
 * `providerOptions.bedrock` merges into each native body (e.g. Cohere `input_type`).
 */
export async function embedWithBedrock(
  request: EmbedRequest,
  target: InvokeTarget,
  concurrency: number,
): Promise<AdapterEmbedResult> {
  const { model, dimensions } = request;
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const options = request.providerOptions?.bedrock;
  if (/(^|\.)amazon\.titan-embed/.test(model)) {
    return embedInBatches({
      inputs,
      model,
      maxPerCall: 1,
      concurrency,
      embedBatch: async ([inputText]) => {
        const body = { inputText, ...(dimensions && { dimensions }), ...options };
        const out = await invokeJson<{ embedding: number[]; inputTextTokenCount?: number }>(
          target,
          model,
          body,
        );
        return {
          embeddings: [out.embedding],
          usage: makeUsage({ inputTokens: out.inputTextTokenCount ?? 0, outputTokens: 0 }),
        };
      },
    });
  }
  if (/(^|\.)cohere\.embed/.test(model)) {
    return embedInBatches({
      inputs,
      model,
      maxPerCall: COHERE_BATCH,
      concurrency,
      embedBatch: async (texts) => {
        const body = { texts, input_type: 'search_document', ...options };
        return { embeddings: (await invokeJson<{ embeddings: number[][] }>(target, model, body)).embeddings };
      },
    });
  }
  throw unsupportedModel(model, 'embeddings', 'Amazon Titan Text Embeddings and Cohere Embed models');
}
