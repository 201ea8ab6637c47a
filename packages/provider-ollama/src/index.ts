/**
 * @pal/provider-ollama: PAL's provider for a local (or remote) Ollama server, over its HTTP API.
 * @packageDocumentation
 */
export { findCatalogModel, OLLAMA_MODELS } from './catalog.js';
export { DEFAULT_OLLAMA_HOST, ollamaBaseURL } from './ollama-host.js';
export { createProvider, type OllamaProviderOptions, ollama } from './ollama-provider.js';
