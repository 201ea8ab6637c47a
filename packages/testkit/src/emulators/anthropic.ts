import type { VendorEmulator } from '../emulator/types.js';

/** The anthropic emulator (routes, error bodies and stream framing of the vendor). Being written now: no routes yet. */
export const anthropicEmulator: VendorEmulator = {
  vendor: 'anthropic',
  routes: [],
  errorReply: () => ({ kind: 'json', status: 500, body: { error: 'the anthropic emulator has no error bodies yet' } }),
  streamErrorFrame: () => '',
  malformedFrame: () => '',
  replay: () => ({ kind: 'json', status: 501, body: { error: 'the anthropic emulator cannot replay fixtures yet' } }),
};
