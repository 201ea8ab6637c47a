/**
 * @pal/provider-anthropic: PAL's Anthropic provider, over the official `@anthropic-ai/sdk`.
 * @packageDocumentation
 */
export { anthropic, anthropicCatalog, createProvider } from './anthropic.js';
export type { AnthropicOptions } from './anthropic-options.js';
