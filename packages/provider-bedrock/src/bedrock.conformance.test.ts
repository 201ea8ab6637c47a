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
    chat: 'anthropic.claude-3-haiku-20240307-v1:0',
    embed: 'amazon.titan-embed-text-v2:0',
    vision: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  },
});
