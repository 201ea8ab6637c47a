import { createCall } from './call-state.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../contracts/adapter.js';
import { CallAbort, deriveContext, lazySignalContext, onContextAbort } from './call-abort.js';

const fields = { attempt: 1, headers: { 'x-a': '1' }, requestId: 'r1', call: createCall('chat', 'r1') };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CallAbort', () => {
  it('tells subscribers the reason once, in order, and not after they unsubscribed', () => {
    const abort = new CallAbort();
    const heard: string[] = [];
    abort.subscribe((reason) => heard.push(`a:${String(reason)}`));
    const unsubscribe = abort.subscribe(() => heard.push('gone'));
    abort.subscribe((reason) => heard.push(`c:${String(reason)}`));
    unsubscribe();
    unsubscribe();
    expect(abort.aborted).toBe(false);
    abort.abort('why');
    abort.abort('again');
    expect(heard).toEqual(['a:why', 'c:why']);
    expect(abort.aborted).toBe(true);
    expect(abort.reason).toBe('why');
  });

  it('calls a subscriber at once when the call is aborted already', () => {
    const abort = new CallAbort();
    abort.abort('early');
    const heard: unknown[] = [];
    const unsubscribe = abort.subscribe((reason) => heard.push(reason));
    expect(heard).toEqual(['early']);
    expect(() => unsubscribe()).not.toThrow();
  });

  it('creates its signal on first read, already aborted with the reason when the call was', () => {
    const later = new CallAbort();
    later.abort('first');
    expect(later.signal.aborted).toBe(true);
    expect(later.signal.reason).toBe('first');

    const live = new CallAbort();
    const signal = live.signal;
    expect(live.signal).toBe(signal);
    const order: string[] = [];
    signal.addEventListener('abort', () => order.push('signal'));
    live.subscribe(() => order.push('subscriber'));
    live.abort('now');
    expect(signal.reason).toBe('now');
    expect(order).toEqual(['signal', 'subscriber']);
  });
});

describe('lazy signal contexts', () => {
  it('keep the given fields and create the signal only when a layer reads it', () => {
    const read = vi.spyOn(CallAbort.prototype, 'signal', 'get');
    const abort = new CallAbort();
    const ctx = lazySignalContext(abort, { ...fields });
    expect(ctx).toMatchObject(fields);
    const heard: unknown[] = [];
    const unlink = onContextAbort(ctx, (reason) => heard.push(reason));
    const derived = deriveContext(ctx, { signal: new AbortController().signal, deadline: 5 });
    expect(read).not.toHaveBeenCalled();
    expect(Object.keys(derived).sort()).toEqual([
      'attempt',
      'call',
      'deadline',
      'headers',
      'requestId',
      'signal',
    ]);
    expect(derived).toMatchObject({ ...fields, deadline: 5 });

    abort.abort('stop');
    expect(heard).toEqual(['stop']);
    unlink();
    expect(ctx.signal.aborted).toBe(true);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('derive like a spread when the signal is kept (reading it)', () => {
    const abort = new CallAbort();
    const ctx = lazySignalContext(abort, { ...fields });
    const derived = deriveContext(ctx, { attempt: 2 });
    expect(derived.signal).toBe(abort.signal);
    expect(derived.attempt).toBe(2);
  });
});

describe('onContextAbort on a plain context', () => {
  const plain = (signal: AbortSignal): CallContext => ({ signal, ...fields });

  it('listens on ctx.signal until unlinked', () => {
    const controller = new AbortController();
    const heard: unknown[] = [];
    const unlink = onContextAbort(plain(controller.signal), (reason) => heard.push(reason));
    const other = new AbortController();
    onContextAbort(plain(other.signal), (reason) => heard.push(reason))();
    other.abort('unlinked');
    controller.abort('caller');
    unlink();
    expect(heard).toEqual(['caller']);
  });

  it('calls at once when ctx.signal is aborted already', () => {
    const heard: unknown[] = [];
    const unlink = onContextAbort(plain(AbortSignal.abort('done')), (reason) => heard.push(reason));
    expect(heard).toEqual(['done']);
    expect(() => unlink()).not.toThrow();
  });

  it('derives with a plain spread', () => {
    const signal = new AbortController().signal;
    const ctx = plain(new AbortController().signal);
    expect(deriveContext(ctx, { signal })).toEqual({ ...ctx, signal });
  });
});
