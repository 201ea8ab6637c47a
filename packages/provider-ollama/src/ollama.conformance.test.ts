import { describeProviderConformance } from '@pal/testkit/vitest';
import { ollama } from './ollama-provider.js';

describeProviderConformance({
  name: '@pal/provider-ollama',
  vendor: 'ollama',
  // Ollama has no keys; the suite's key rides in a proxy-style header so the no-secret checks still bite
  makeAdapter: (url, { apiKey }) => ollama({ baseURL: url, headers: { authorization: `Bearer ${apiKey}` } }),
  capabilities: {
    tools: true,
    streaming: true,
    json: true,
    vision: true,
    embeddings: true,
    imageUrl: false,
    auth: false,
  },
  models: { chat: 'llama3.2', embed: 'nomic-embed-text', vision: 'llava' },
});
