/**
 * @pal/provider-openai: OpenAI, Azure OpenAI and OpenAI-compatible hosts over the official `openai` SDK.
 * @packageDocumentation
 */
export { type AzureOpenAIOptions, azureOpenAI } from './azure-openai.js';
export type { ChatDialect } from './chat/to-chat-params.js';
export type { CommonOpenAIOptions } from './client-options.js';
export { type OpenAIAdapterSettings, createOpenAIAdapter } from './openai-adapter.js';
export { type OpenAICompatibleOptions, openaiCompatible } from './openai-compatible.js';
export { type OpenAIOptions, createProvider, openai, openaiCatalog } from './openai.js';
export { groq, openrouter, together, vllm } from './presets.js';
