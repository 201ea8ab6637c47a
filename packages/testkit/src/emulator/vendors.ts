import { PalError } from '@pal/core';
import { anthropicEmulator } from '../emulators/anthropic.js';
import { bedrockEmulator } from '../emulators/bedrock.js';
import { geminiEmulator } from '../emulators/gemini.js';
import { ollamaEmulator } from '../emulators/ollama.js';
import { openaiEmulator } from '../emulators/openai.js';
import type { Vendor, VendorEmulator } from './types.js';

/** Every vendor emulator the testkit ships, by vendor name. */
export const VENDOR_EMULATORS: Readonly<Record<Vendor, VendorEmulator>> = {
  openai: openaiEmulator,
  anthropic: anthropicEmulator,
  gemini: geminiEmulator,
  bedrock: bedrockEmulator,
  ollama: ollamaEmulator,
};

/** The vendors the testkit can emulate, in a stable order. */
export const VENDORS = Object.keys(VENDOR_EMULATORS) as Vendor[];

/** The emulator for `vendor`; throws a CONFIG_ERROR PalError naming the known vendors when unknown. */
export function vendorEmulatorFor(vendor: string): VendorEmulator {
  const emulator = (VENDOR_EMULATORS as Record<string, VendorEmulator | undefined>)[vendor];
  if (!emulator) {
    throw new PalError({
      code: 'CONFIG_ERROR',
      message: `Unknown emulator vendor "${vendor}"; expected one of: ${VENDORS.join(', ')}`,
      path: ['vendor'],
    });
  }
  return emulator;
}
