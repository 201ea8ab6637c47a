import { describeProviderConformance } from '@pal/testkit/vitest';
import { gemini } from './gemini.js';

describeProviderConformance({
  name: '@pal/provider-gemini',
  vendor: 'gemini',
  makeAdapter: (url, { apiKey }) => gemini({ apiKey, baseURL: url }),
  capabilities: { tools: true, streaming: true, json: true, vision: true, imageUrl: false, embeddings: true },
  models: { chat: 'gemini-3.6-flash', embed: 'gemini-embedding-001', vision: 'gemini-3.6-flash' },
});
