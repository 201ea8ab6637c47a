/**
 * @pal/provider-bedrock: Amazon Bedrock for PAL, over the official `@aws-sdk/client-bedrock-runtime`
 * (Converse / ConverseStream for chat, InvokeModel for embeddings and images).
 * @packageDocumentation
 */
import { bedrock } from './bedrock-provider.js';

export { BEDROCK_CAPABILITIES, bedrock } from './bedrock-provider.js';
export { catalog } from './catalog.generated.js';
export type { BedrockProviderOptions } from './options.js';

/** Alias of `bedrock`, the factory name every PAL provider package exports. */
export const createProvider = bedrock;
