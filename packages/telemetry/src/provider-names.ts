/**
 * `gen_ai.provider.name` for PAL's provider ids: the registry's well-known values where one
 * applies (semantic-conventions v1.41 and the GenAI repository list the same ones), else the
 * provider id itself, as the conventions allow. Ollama has no registered value: it is `ollama`.
 */
export const GEN_AI_PROVIDER_NAMES: Readonly<Record<string, string>> = Object.freeze({
  openai: 'openai',
  azure: 'azure.ai.openai',
  'azure-openai': 'azure.ai.openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
  google: 'gcp.gemini',
  vertex: 'gcp.vertex_ai',
  bedrock: 'aws.bedrock',
  groq: 'groq',
  cohere: 'cohere',
  deepseek: 'deepseek',
  mistral: 'mistral_ai',
  perplexity: 'perplexity',
  xai: 'x_ai',
  moonshot: 'moonshot_ai',
  watsonx: 'ibm.watsonx.ai',
  // not in the registry: the id itself
  ollama: 'ollama',
});

/** The `gen_ai.provider.name` of a PAL provider id, `overrides` first. */
export function genAiProviderName(
  providerId: string | undefined,
  overrides?: Readonly<Record<string, string>>,
): string {
  if (providerId === undefined || providerId === '') return '_OTHER';
  return overrides?.[providerId] ?? GEN_AI_PROVIDER_NAMES[providerId] ?? providerId;
}

/** `gen_ai.operation.name` of a PAL operation. */
export function genAiOperationName(operation: 'chat' | 'stream' | 'embed' | 'image'): string {
  switch (operation) {
    case 'embed':
      return 'embeddings';
    case 'image':
      return 'generate_content';
    default:
      return 'chat';
  }
}
