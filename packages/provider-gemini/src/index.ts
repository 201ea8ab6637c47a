/**
 * @pal/provider-gemini: Google Gemini over the official `@google/generative-ai` SDK.
 * @packageDocumentation
 */
export { GEMINI_CAPABILITIES, GEMINI_EMBED_BATCH_LIMIT } from './gemini-adapter.js';
export { type GeminiOptions, createProvider, gemini, geminiCatalog } from './gemini.js';
