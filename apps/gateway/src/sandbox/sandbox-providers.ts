import type { ProviderAdapter } from '@pal/core';
import { anthropic } from '@pal/provider-anthropic';
import { bedrock } from '@pal/provider-bedrock';
import { gemini } from '@pal/provider-gemini';
import { ollama } from '@pal/provider-ollama';
import { openai } from '@pal/provider-openai';
import { type Emulator, startEmulator } from '@pal/testkit';

/** The vendors the sandbox serves, in the order the tour visits them. */
export const SANDBOX_VENDORS = ['openai', 'anthropic', 'gemini', 'bedrock', 'ollama'] as const;
export type SandboxVendor = (typeof SANDBOX_VENDORS)[number];

/** Where each vendor's calls go: the local emulator, or the real vendor when its key is set. */
export interface SandboxProvider {
  vendor: SandboxVendor;
  adapter: ProviderAdapter;
  /** The emulator serving it (absent when the real vendor does). */
  emulator?: Emulator;
  /** The environment variable whose value sent it to the real vendor. */
  realKeyFrom?: string;
}

/** The environment variables that, when set, send a vendor's calls to the real service. */
export const REAL_KEYS: Readonly<Record<SandboxVendor, readonly string[]>> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  gemini: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  bedrock: ['AWS_ACCESS_KEY_ID'],
  ollama: ['OLLAMA_HOST'],
};

const FAKE_KEY = 'sk-sandbox-000000000000000000000000';

/**
 * One provider per vendor: each served by a testkit emulator on 127.0.0.1 with a fake key, unless
 * the environment holds that vendor's real key (or, for Ollama, `OLLAMA_HOST`), in which case the
 * provider is built the normal way and talks to the real vendor.
 */
export async function sandboxProviders(env: NodeJS.ProcessEnv = process.env): Promise<SandboxProvider[]> {
  return Promise.all(
    SANDBOX_VENDORS.map(async (vendor): Promise<SandboxProvider> => {
      const realKeyFrom = REAL_KEYS[vendor].find((name) => env[name]);
      if (realKeyFrom) return { vendor, adapter: realProvider(vendor), realKeyFrom };
      const emulator = await startEmulator(vendor);
      return { vendor, adapter: emulatedProvider(vendor, emulator), emulator };
    }),
  );
}

/** The provider of `vendor` built the normal way: its key (or host) from the vendor's own environment variables. */
export function realProvider(vendor: SandboxVendor): ProviderAdapter {
  switch (vendor) {
    case 'openai':
      return openai();
    case 'anthropic':
      return anthropic();
    case 'gemini':
      return gemini();
    case 'bedrock':
      return bedrock();
    case 'ollama':
      return ollama();
  }
}

function emulatedProvider(vendor: SandboxVendor, emulator: Emulator): ProviderAdapter {
  switch (vendor) {
    case 'openai':
      return openai({ apiKey: FAKE_KEY, baseURL: `${emulator.url}/v1` });
    case 'anthropic':
      return anthropic({ apiKey: FAKE_KEY, baseURL: emulator.url });
    case 'gemini':
      return gemini({ apiKey: FAKE_KEY, baseURL: emulator.url });
    case 'bedrock':
      return bedrock({
        endpoint: emulator.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      });
    case 'ollama':
      return ollama({ baseURL: emulator.url });
  }
}
