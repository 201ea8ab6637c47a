import { describeProviderConformance } from '@pal/testkit/vitest';
import { ollama } from './ollama-provider.js';

describeProviderConformance({
  name: '@pal/provider-ollama',
  vendor: 'ollama',
  makeAdapter: (url, { apiKey }) => ollama({ baseURL: url, apiKey }),
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
