import { describeProviderConformance } from '@pal/testkit/vitest';
import { anthropic } from './anthropic.js';

describeProviderConformance({
  name: '@pal/provider-anthropic',
  vendor: 'anthropic',
  makeAdapter: (url, { apiKey }) => anthropic({ apiKey, baseURL: url }),
  capabilities: { tools: true, streaming: true, json: true, vision: true, imageUrl: true, embeddings: false },
  models: { chat: 'claude-haiku-4-5', vision: 'claude-sonnet-4-6' },
});
