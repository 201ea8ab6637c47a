import { describe } from 'vitest';
import { registerChatCases } from './chat-cases.js';
import type { ProviderConformanceOptions } from './conformance-options.js';
import { registerErrorCases } from './error-cases.js';
import { useConformanceHarness } from './harness.js';
import { registerInputOutputCases } from './input-output-cases.js';
import { registerToolCases } from './tool-cases.js';
import { registerTransportCases } from './transport-cases.js';

/**
 * Registers the provider conformance suite as vitest tests: it starts the vendor's emulator,
 * builds the adapter against it and runs everything through `createRuntime` — chat, system
 * prompt, multi-turn, streaming, usage, finish reasons, tools, JSON output, images,
 * embeddings, error mapping, one request per attempt, abort, and no secret in errors.
 * Capabilities the provider lacks are skipped.
 *
 * @example
 * describeProviderConformance({
 *   name: '@pal/provider-ollama', vendor: 'ollama',
 *   makeAdapter: (url) => ollama({ baseURL: url }),
 *   capabilities: { tools: true, streaming: true, json: true, vision: true, embeddings: true, auth: false },
 *   models: { chat: 'llama3.2', embed: 'nomic-embed-text', vision: 'llava' },
 * });
 */
export function describeProviderConformance(options: ProviderConformanceOptions): void {
  describe(`provider conformance: ${options.name}`, () => {
    const harness = useConformanceHarness(options);
    registerChatCases(harness);
    registerToolCases(harness);
    registerInputOutputCases(harness);
    registerErrorCases(harness);
    registerTransportCases(harness);
  });
}
