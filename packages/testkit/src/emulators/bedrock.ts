import type { VendorEmulator } from '../emulator/types.js';

/** The bedrock emulator (routes, error bodies and stream framing of the vendor). Being written now: no routes yet. */
export const bedrockEmulator: VendorEmulator = {
  vendor: 'bedrock',
  routes: [],
  errorReply: () => ({ kind: 'json', status: 500, body: { error: 'the bedrock emulator has no error bodies yet' } }),
  streamErrorFrame: () => '',
  malformedFrame: () => '',
  replay: () => ({ kind: 'json', status: 501, body: { error: 'the bedrock emulator cannot replay fixtures yet' } }),
};
