/**
 * A deliberately broken provider, for the suite's own test: the real Ollama adapter wrapped so it
 * drops usage and maps every failure to PROVIDER_API_ERROR. Run only by `startVitest` from
 * describe-provider-conformance.test.ts (its name does not match the normal test glob).
 */
import { type AdapterChatResult, PalError, type ProviderAdapter } from '@pal/core';
import { describeProviderConformance } from '../describe-provider-conformance.js';

// Loaded by name: the testkit cannot depend on a provider package (turbo refuses the cycle);
// vitest's workspace aliases resolve it to the provider's source.
const providerModule = '@pal/provider-ollama';
const { ollama } = (await import(providerModule)) as {
  ollama(options: { baseURL: string }): ProviderAdapter;
};

function breakAdapter(adapter: ProviderAdapter): ProviderAdapter {
  const misMap = (error: unknown) =>
    new PalError({
      code: 'PROVIDER_API_ERROR',
      message: 'Something failed',
      provider: adapter.id,
      cause: error,
    });
  return {
    ...adapter,
    async chat(request, ctx): Promise<AdapterChatResult> {
      try {
        const { usage: _dropped, ...result } = await adapter.chat(request, ctx);
        return result;
      } catch (error) {
        throw misMap(error);
      }
    },
    async *stream(request, ctx) {
      try {
        for await (const event of adapter.stream(request, ctx)) {
          if (event.type === 'usage') continue;
          yield event.type === 'finish' ? { type: 'finish', finishReason: event.finishReason } : event;
        }
      } catch (error) {
        throw misMap(error);
      }
    },
    toPalError: misMap,
  };
}

describeProviderConformance({
  name: 'broken ollama',
  vendor: 'ollama',
  makeAdapter: (url) => breakAdapter(ollama({ baseURL: url })),
  capabilities: { tools: true, streaming: true, json: true, vision: true, embeddings: true, auth: false },
  models: { chat: 'llama3.2', embed: 'nomic-embed-text', vision: 'llava' },
});
