import { type CallContext, createCall } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { gemini } from './gemini.js';

/** The key the tests send (the emulator takes any key but "bad-key"). */
export const KEY = 'AIza-test-SECRET-key-0123456789';

/** Starts one Gemini emulator for the file, reset before each test; `current` is it. */
export function useGeminiEmulator(): { readonly current: Emulator } {
  const holder: { current: Emulator } = { current: undefined as unknown as Emulator };
  beforeAll(async () => {
    holder.current = await startEmulator('gemini');
  });
  beforeEach(() => holder.current.reset());
  afterAll(() => holder.current.close());
  return holder;
}

/** A Gemini adapter against the emulator. */
export const adapterFor = (emu: Emulator) => gemini({ apiKey: KEY, baseURL: emu.url });

/** A call context with a fresh signal and call (its warnings land in `call.warnings`). */
export const callContext = (): CallContext => ({
  signal: new AbortController().signal,
  attempt: 1,
  headers: {},
  requestId: 'test',
  call: createCall('chat', 'test'),
});
