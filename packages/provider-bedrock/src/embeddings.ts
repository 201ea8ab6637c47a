import { type AdapterEmbedResult, type EmbedRequest, embedInBatches, makeUsage, PalError } from '@pal/core';
import { type InvokeJsonCall, invokeJson } from './invoke-model.js';

/** Most texts Cohere Embed v3 takes per call. */
export const COHERE_BATCH = 96;
type Call = Omit<InvokeJsonCall, 'modelId' | 'body'>;

/**
 * Embeds through InvokeModel: Titan Text Embeddings take one text per call (sent concurrently,
 * at most `concurrency` at once), Cohere Embed v3 up to 96 texts per call (split into batches).
 */
export function embedWithBedrock(
  request: EmbedRequest,
  call: Call,
  concurrency: number,
): Promise<AdapterEmbedResult> {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const model = request.model;
  const options = (request.providerOptions?.bedrock ?? {}) as Record<string, unknown>;
  if (/(^|\.)amazon\.titan-embed/.test(model)) {
    return embedInBatches({
      inputs,
      model,
      maxPerCall: 1,
      concurrency,
      embedBatch: async ([inputText]) => {
        const body = { inputText, ...(request.dimensions && { dimensions: request.dimensions }), ...options };
        const out = await invokeJson<{ embedding: number[]; inputTextTokenCount?: number }>({
          ...call,
          modelId: model,
          body,
        });
        const tokens = out.inputTextTokenCount ?? 0;
        return { embeddings: [out.embedding], usage: makeUsage({ inputTokens: tokens, outputTokens: 0 }) };
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
        const out = await invokeJson<{ embeddings: number[][] }>({ ...call, modelId: model, body });
        return { embeddings: out.embeddings };
      },
    });
  }
  throw new PalError({
    code: 'UNSUPPORTED_CAPABILITY',
    message: `Bedrock embeddings support Amazon Titan Text Embeddings and Cohere Embed models, not "${model}"`,
    provider: 'bedrock',
    model,
    path: ['model'],
  });
}
