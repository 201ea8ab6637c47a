import { describeProviderConformance } from '@pal/testkit/vitest';
import { azureOpenAI } from './azure-openai.js';
import { openai } from './openai.js';
import { groq } from './presets.js';

const everything = {
  tools: true,
  streaming: true,
  json: true,
  vision: true,
  imageUrl: true,
  embeddings: true,
};

describeProviderConformance({
  name: '@pal/provider-openai openai()',
  vendor: 'openai',
  makeAdapter: (url, { apiKey }) => openai({ apiKey, baseURL: `${url}/v1` }),
  capabilities: everything,
  models: { chat: 'gpt-4o-mini', embed: 'text-embedding-3-small', vision: 'gpt-4o' },
});

describeProviderConformance({
  name: "@pal/provider-openai openai({ api: 'responses' })",
  vendor: 'openai',
  makeAdapter: (url, { apiKey }) => openai({ apiKey, baseURL: `${url}/v1`, api: 'responses' }),
  capabilities: everything,
  models: { chat: 'gpt-4o-mini', embed: 'text-embedding-3-small', vision: 'gpt-4o' },
});

describeProviderConformance({
  name: '@pal/provider-openai azureOpenAI()',
  vendor: 'openai',
  makeAdapter: (url, { apiKey }) =>
    azureOpenAI({
      endpoint: url,
      apiKey,
      apiVersion: '2024-10-21',
      deployments: {
        'chat-4o-mini': 'gpt-4o-mini',
        'vision-4o': 'gpt-4o',
        embeddings: 'text-embedding-3-small',
      },
    }),
  capabilities: everything,
  models: { chat: 'chat-4o-mini', embed: 'embeddings', vision: 'vision-4o' },
});

describeProviderConformance({
  name: '@pal/provider-openai groq() (OpenAI-compatible preset)',
  vendor: 'openai',
  makeAdapter: (url, { apiKey }) => groq({ apiKey, baseURL: `${url}/v1` }),
  capabilities: { tools: true, streaming: true, json: true, vision: false, embeddings: false },
  models: { chat: 'llama-3.3-70b-versatile' },
});
