import type { ModelInfo, ModelInfoInput } from '@pal/core';
import { modelInfoSchema } from '@pal/core/provider';

/** Local models cost nothing per token: they run on the user's machine. */
const FREE = { inputPerMTok: 0, outputPerMTok: 0 };

/** A chat model's capabilities; `reasoning: false` (Ollama refuses `think` for them) unless overridden. */
const chat = (tools: boolean, vision = false) => ({
  streaming: true,
  tools,
  vision,
  json: true,
  embeddings: false,
  reasoning: false,
});

const entries: ModelInfoInput[] = [
  {
    id: 'llama3.2',
    displayName: 'Llama 3.2 3B',
    contextWindow: 131072,
    maxOutputTokens: 4096,
    capabilities: chat(true),
    pricing: FREE,
  },
  {
    id: 'llama3.1',
    displayName: 'Llama 3.1 8B',
    contextWindow: 131072,
    maxOutputTokens: 4096,
    capabilities: chat(true),
    pricing: FREE,
  },
  {
    id: 'llama3.2-vision',
    displayName: 'Llama 3.2 Vision 11B',
    contextWindow: 131072,
    maxOutputTokens: 4096,
    capabilities: chat(false, true),
    pricing: FREE,
  },
  {
    id: 'qwen2.5',
    displayName: 'Qwen 2.5 7B',
    contextWindow: 32768,
    maxOutputTokens: 8192,
    capabilities: chat(true),
    pricing: FREE,
  },
  {
    id: 'qwen3',
    displayName: 'Qwen 3 8B',
    contextWindow: 40960,
    maxOutputTokens: 8192,
    capabilities: { ...chat(true), reasoning: true },
    pricing: FREE,
  },
  {
    id: 'mistral',
    displayName: 'Mistral 7B',
    contextWindow: 32768,
    maxOutputTokens: 4096,
    capabilities: chat(true),
    pricing: FREE,
  },
  {
    id: 'gemma3',
    displayName: 'Gemma 3 4B',
    contextWindow: 131072,
    maxOutputTokens: 8192,
    capabilities: chat(false, true),
    pricing: FREE,
  },
  {
    id: 'llava',
    displayName: 'LLaVA 7B',
    contextWindow: 32768,
    maxOutputTokens: 4096,
    capabilities: chat(false, true),
    pricing: FREE,
  },
  {
    id: 'nomic-embed-text',
    displayName: 'Nomic Embed Text',
    kind: 'embedding',
    contextWindow: 2048,
    maxOutputTokens: 0,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embeddings: true },
    pricing: FREE,
    dimensions: 768,
  },
  {
    id: 'mxbai-embed-large',
    displayName: 'mxbai Embed Large',
    kind: 'embedding',
    contextWindow: 512,
    maxOutputTokens: 0,
    capabilities: { streaming: false, tools: false, vision: false, json: false, embeddings: true },
    pricing: FREE,
    dimensions: 1024,
  },
];

/**
 * A small static catalog of common local models. Prices are zero: local models are free and
 * are not in the shared price table. Anything else `ollama pull`ed works too (see `listModels`).
 */
export const OLLAMA_MODELS: readonly ModelInfo[] = entries.map((entry) => modelInfoSchema.parse(entry));

/** Catalog entry for a model name as Ollama spells it (`llama3.2:latest` → `llama3.2`). */
export function findCatalogModel(models: readonly ModelInfo[], name: string): ModelInfo | undefined {
  const base = name.endsWith(':latest') ? name.slice(0, -':latest'.length) : name;
  return models.find((m) => m.id === base);
}
