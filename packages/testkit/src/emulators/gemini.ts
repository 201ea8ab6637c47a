import type { VendorEmulator } from '../emulator/types.js';

/** The gemini emulator (routes, error bodies and stream framing of the vendor). Being written now: no routes yet. */
export const geminiEmulator: VendorEmulator = {
  vendor: 'gemini',
  routes: [],
  errorReply: () => ({ kind: 'json', status: 500, body: { error: 'the gemini emulator has no error bodies yet' } }),
  streamErrorFrame: () => '',
  malformedFrame: () => '',
  replay: () => ({ kind: 'json', status: 501, body: { error: 'the gemini emulator cannot replay fixtures yet' } }),
};
