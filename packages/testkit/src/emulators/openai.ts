import type { VendorEmulator } from '../emulator/types.js';

/** The openai emulator (routes, error bodies and stream framing of the vendor). Being written now: no routes yet. */
export const openaiEmulator: VendorEmulator = {
  vendor: 'openai',
  routes: [],
  errorReply: () => ({ kind: 'json', status: 500, body: { error: 'the openai emulator has no error bodies yet' } }),
  streamErrorFrame: () => '',
  malformedFrame: () => '',
  replay: () => ({ kind: 'json', status: 501, body: { error: 'the openai emulator cannot replay fixtures yet' } }),
};
