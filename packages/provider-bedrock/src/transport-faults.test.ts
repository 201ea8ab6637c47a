import { isPalError, type PalError } from '@pal/core';
import { describe, expect, it } from 'vitest';
import { adapterFor, callContext, chatRequest, collect, useBedrockEmulator } from './bedrock.test-support.js';

const emulator = useBedrockEmulator();

async function failure(promise: Promise<unknown>): Promise<PalError> {
  try {
    await promise;
  } catch (error) {
    expect(isPalError(error)).toBe(true);
    return error as PalError;
  }
  throw new Error('expected the call to fail');
}

describe.each([
  ['HTTP/2', {}],
  ['HTTP/1.1', { http1: true }],
])('transport faults over %s', (_name, transport) => {
  it('maps a reset connection to NETWORK_ERROR', async () => {
    emulator.current.script({ fault: { type: 'reset' } });
    const error = await failure(adapterFor(emulator.current, transport).chat(chatRequest(), callContext()));
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it('maps a stream cut between frames to a retryable error after the first deltas', async () => {
    emulator.current.script({ text: 'a b c d', chunks: 4, fault: { type: 'cut', afterChunks: 3 } });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const e of adapterFor(emulator.current, transport).stream(chatRequest(), callContext())) {
          if (e.type === 'text-delta') seen.push(e.text);
        }
      })(),
    );
    expect(seen.join('')).toBe('a b ');
    expect(['NETWORK_ERROR', 'STREAM_ERROR']).toContain(error.code);
    expect(error.retryable).toBe(true);
  });

  it('still decodes frames split across writes (slow stream)', async () => {
    emulator.current.script({ text: 'slow but whole', chunks: 5, chunkDelayMs: 5 });
    const events = await collect(
      adapterFor(emulator.current, transport).stream(chatRequest(), callContext()),
    );
    expect(events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : [])).join('')).toBe('slow but whole');
  });
});
