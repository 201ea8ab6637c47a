import { describe, expect, it } from 'vitest';
import type { ProviderStreamEvent, StreamEvent } from '../contracts/stream-event.js';
import { makeUsage } from '../contracts/usage.js';
import { PalError } from '../errors/pal-error.js';
import { normaliseStream, type StreamNormaliserOptions } from './stream-normaliser.js';

const usage = makeUsage({ inputTokens: 3, outputTokens: 2 });

function options(log: string[]): StreamNormaliserOptions {
  return {
    provider: 'acme',
    model: 'm1',
    price: () => ({ inputUsd: 0, outputUsd: 0, totalUsd: 0 }),
    estimateUsage: () => usage,
    toError: (error) => (error instanceof PalError ? error : new PalError({ code: 'STREAM_ERROR' })),
    onError: (error) => log.push(`error ${error.code}`),
    onUsage: () => log.push('usage'),
    onClose: () => log.push('close'),
  };
}

async function* events(log: string[]): AsyncGenerator<ProviderStreamEvent> {
  log.push('opened');
  yield { type: 'text-delta', text: 'hi' };
  yield { type: 'finish', finishReason: 'stop', usage };
}

describe('normaliseStream', () => {
  it('opens the source at the first pull and closes once after the finish', async () => {
    const log: string[] = [];
    const stream = normaliseStream(() => {
      log.push('open');
      return events(log);
    }, options(log));
    expect(log).toEqual([]);
    const seen: StreamEvent['type'][] = [];
    for await (const event of stream) seen.push(event.type);
    expect(seen).toEqual(['start', 'text-delta', 'usage', 'finish']);
    expect(log).toEqual(['open', 'opened', 'usage', 'close']);
  });

  it('closes once when the consumer stops early, and when the source fails', async () => {
    const early: string[] = [];
    for await (const _event of normaliseStream(() => events(early), options(early))) break;
    expect(early).toEqual(['opened', 'close']);

    const failed: string[] = [];
    const out: StreamEvent[] = [];
    const broken = async function* (): AsyncGenerator<ProviderStreamEvent> {
      yield* [];
      throw new PalError({ code: 'NETWORK_ERROR' });
    };
    for await (const event of normaliseStream(broken, options(failed))) out.push(event);
    expect(out).toMatchObject([{ type: 'error', error: { code: 'NETWORK_ERROR' } }]);
    expect(failed).toEqual(['error NETWORK_ERROR', 'close']);
  });

  it('lets what opening throws out of the iteration as is (no error event), still closing', async () => {
    const log: string[] = [];
    const refused = new PalError({ code: 'CONFIG_ERROR', message: 'bad stack' });
    const stream = normaliseStream(() => {
      throw refused;
    }, options(log));
    await expect(stream.next()).rejects.toBe(refused);
    expect(log).toEqual(['close']);
  });
});
