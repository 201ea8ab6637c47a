/** One model the emulated Ollama server has "pulled". */
export interface OllamaEmulatedModel {
  /** Name without tag, e.g. `llama3.2`; `llama3.2:latest` resolves to it too. */
  name: string;
  family: string;
  parameterSize: string;
  contextLength: number;
  /** Ollama's capability strings: `completion`, `tools`, `vision`, `embedding`, `thinking`. */
  capabilities: string[];
  /** Embedding length, for embedding models. */
  embeddingLength?: number;
}

/** The models the emulator serves unless told otherwise: common local chat, vision and embedding models. */
export const DEFAULT_OLLAMA_MODELS: readonly OllamaEmulatedModel[] = [
  {
    name: 'llama3.2',
    family: 'llama',
    parameterSize: '3.2B',
    contextLength: 131072,
    capabilities: ['completion', 'tools'],
  },
  {
    name: 'llama3.1',
    family: 'llama',
    parameterSize: '8.0B',
    contextLength: 131072,
    capabilities: ['completion', 'tools'],
  },
  {
    name: 'qwen2.5',
    family: 'qwen2',
    parameterSize: '7.6B',
    contextLength: 32768,
    capabilities: ['completion', 'tools'],
  },
  {
    name: 'qwen3',
    family: 'qwen3',
    parameterSize: '8.2B',
    contextLength: 40960,
    capabilities: ['completion', 'tools', 'thinking'],
  },
  {
    name: 'mistral',
    family: 'llama',
    parameterSize: '7.2B',
    contextLength: 32768,
    capabilities: ['completion', 'tools'],
  },
  {
    name: 'gemma3',
    family: 'gemma3',
    parameterSize: '4.3B',
    contextLength: 131072,
    capabilities: ['completion', 'vision'],
  },
  {
    name: 'llava',
    family: 'llama',
    parameterSize: '7B',
    contextLength: 32768,
    capabilities: ['completion', 'vision'],
  },
  {
    name: 'llama3.2-vision',
    family: 'mllama',
    parameterSize: '10.7B',
    contextLength: 131072,
    capabilities: ['completion', 'vision'],
  },
  {
    name: 'nomic-embed-text',
    family: 'nomic-bert',
    parameterSize: '137M',
    contextLength: 2048,
    capabilities: ['embedding'],
    embeddingLength: 768,
  },
  {
    name: 'mxbai-embed-large',
    family: 'bert',
    parameterSize: '334M',
    contextLength: 512,
    capabilities: ['embedding'],
    embeddingLength: 1024,
  },
];

/** Strips the default `:latest` tag, so `llama3.2:latest` and `llama3.2` name the same model. */
export function baseModelName(name: string): string {
  return name.endsWith(':latest') ? name.slice(0, -':latest'.length) : name;
}

/** Finds a served model by name (with or without the `:latest` tag). */
export function findModel(
  models: readonly OllamaEmulatedModel[],
  name: unknown,
): OllamaEmulatedModel | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const base = baseModelName(name);
  return models.find((m) => m.name === base);
}

/** A stable fake digest for a model (Ollama lists sha256 digests). */
export function fakeDigest(name: string): string {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}
