import type { VendorEmulator } from '../emulator/types.js';

/** The ollama emulator (routes, error bodies and stream framing of the vendor). Being written now: no routes yet. */
export const ollamaEmulator: VendorEmulator = {
  vendor: 'ollama',
  routes: [],
  errorReply: () => ({ kind: 'json', status: 500, body: { error: 'the ollama emulator has no error bodies yet' } }),
  streamErrorFrame: () => '',
  malformedFrame: () => '',
  replay: () => ({ kind: 'json', status: 501, body: { error: 'the ollama emulator cannot replay fixtures yet' } }),
};
