import type { ProviderAdapter } from '@pal/core';
import type { Vendor } from '../emulator/types.js';

/** The API key the suite builds adapters with; it must never show up in an error. */
export const CONFORMANCE_API_KEY = 'sk-conformance-SECRET-1234567890';

/** What the provider under test can do; each `false` (or absent) flag skips the matching tests. */
export interface ConformanceCapabilities {
  tools?: boolean;
  streaming?: boolean;
  json?: boolean;
  /** Base64 image input. */
  vision?: boolean;
  embeddings?: boolean;
  /** Image input by URL (when false, a URL image must fail with UNSUPPORTED_CAPABILITY before any request). */
  imageUrl?: boolean;
  /** The vendor checks credentials (default true); `false` (Ollama) skips the auth error tests. */
  auth?: boolean;
}

/** Everything `describeProviderConformance` needs to know about one provider. */
export interface ProviderConformanceOptions {
  /** Name of the describe block, e.g. `"@pal/provider-ollama"`. */
  name: string;
  /** The vendor whose emulator the adapter talks to. */
  vendor: Vendor;
  /** Builds the adapter against the emulator's base URL (no trailing slash, no path), with the suite's key. */
  makeAdapter(emulatorUrl: string, credentials: { apiKey: string }): ProviderAdapter;
  capabilities: ConformanceCapabilities;
  /** Bare model ids (no provider prefix) the emulator serves. */
  models: { chat: string; embed?: string; vision?: string };
}

/** The finish reason each vendor sends when the output hit the token limit, in its own words. */
export const NATIVE_LENGTH_FINISH: Readonly<Record<Vendor, string>> = {
  openai: 'length',
  anthropic: 'max_tokens',
  gemini: 'MAX_TOKENS',
  bedrock: 'max_tokens',
  ollama: 'length',
};
