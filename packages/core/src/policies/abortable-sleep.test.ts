import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import { abortableSleep } from './abortable-sleep.js';

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    const started = performance.now();
    await abortableSleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('rejects at once with ABORTED when the signal already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(abortableSleep(60_000, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('rejects with the PalError reason when the signal aborts while waiting', async () => {
    const controller = new AbortController();
    const reason = new PalError({ code: 'TIMEOUT' });
    const waiting = abortableSleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
