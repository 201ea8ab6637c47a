/** What the benchmark thread asks the emulator worker. */
export type EmulatorRequest = { type: 'count' } | { type: 'reset' } | { type: 'close' };

/** What the emulator worker answers. */
export type EmulatorReply =
  | { type: 'ready'; url: string }
  | { type: 'count'; requests: number }
  | { type: 'reset' }
  | { type: 'close' };
