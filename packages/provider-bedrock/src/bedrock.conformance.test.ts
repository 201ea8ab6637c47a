import { describeProviderConformance } from '@pal/testkit/vitest';
import { bedrock } from './bedrock-provider.js';

describeProviderConformance({
  name: '@pal/provider-bedrock',
  vendor: 'bedrock',
  makeAdapter: (url, { apiKey }) =>
    bedrock({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: apiKey },
    }),
  capabilities: { tools: true, streaming: true, json: true, vision: true, embeddings: true, imageUrl: false },
  models: {
    chat: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    embed: 'amazon.titan-embed-text-v2:0',
    vision: 'us.anthropic.claude-sonnet-4-6',
  },
});
