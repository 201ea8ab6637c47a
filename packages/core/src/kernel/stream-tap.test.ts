import { describe, expect, it } from 'vitest';
import { type StreamTap, type StreamTapEnd, tapStream } from './stream-tap.js';

/** The `async function*` that {@link tapStream} stands in for (see StreamTap's TSDoc). */
async function* reference<T>(tap: StreamTap<T>): AsyncGenerator<T> {
  await tap.start?.();
  let yielded = false;
  let end: StreamTapEnd | undefined;
  try {
    for (;;) {
      yielded = false;
      try {
        for await (const event of tap.open()) {
          yielded = true;
          yield event;
        }
        end = { outcome: 'completed', yielded };
        return;
      } catch (error) {
        if (!tap.recover) throw error;
        await tap.recover(error, yielded);
      }
    }
  } catch (error) {
    end = { outcome: 'failed', error, yielded };
    throw error;
  } finally {
    await tap.finish?.(end ?? { outcome: 'closed', yielded });
  }
}

type Log = unknown[];

interface SourcePlan {
  events: string[];
  /** Throw this after the events (instead of finishing). */
  failWith?: unknown;
  /** Throw this from `return()`. */
  failOnReturn?: unknown;
  /** Answer `next()` with this non-object once the events are out. */
  badStep?: boolean;
}

/** A hand-written source that logs every call it gets. */
function source(plan: SourcePlan, log: Log, name: string): AsyncIterable<string> {
  let index = 0;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        log.push(`${name}.next`);
        const event = plan.events[index++];
        if (event !== undefined) return { done: false, value: event };
        if (plan.badStep) return 42 as unknown as IteratorResult<string>;
        if (plan.failWith !== undefined) throw plan.failWith;
        return { done: true, value: 'ignored' };
      },
      async return() {
        log.push(`${name}.return`);
        if (plan.failOnReturn !== undefined) throw plan.failOnReturn;
        return { done: true, value: undefined };
      },
    }),
  };
}

interface TapPlan {
  sources: SourcePlan[];
  startFails?: unknown;
  openThrowsAt?: number;
  /** recover: 'rethrow' maps errors to `mapped:<error>`, 'reopen' opens the next source while any is left. */
  recover?: 'rethrow' | 'reopen';
  finishFails?: unknown;
}

function makeTap(plan: TapPlan, log: Log): StreamTap<string> {
  let opened = 0;
  return {
    start: async () => {
      log.push('start');
      if (plan.startFails !== undefined) throw plan.startFails;
    },
    open: () => {
      const index = opened++;
      log.push(`open ${index}`);
      if (plan.openThrowsAt === index) throw new Error(`open ${index} failed`);
      return source(plan.sources[index] ?? { events: [] }, log, `s${index}`);
    },
    ...(plan.recover && {
      recover: async (error: unknown, yielded: boolean) => {
        log.push(['recover', String(error), yielded]);
        if (plan.recover === 'reopen' && opened < plan.sources.length) return;
        throw `mapped:${String(error)}`;
      },
    }),
    finish: async (end) => {
      log.push(['finish', end.outcome, end.error === undefined ? undefined : String(end.error), end.yielded]);
      if (plan.finishFails !== undefined) throw plan.finishFails;
    },
  };
}

type Script = (stream: AsyncIterator<string>, log: Log) => Promise<void>;

const readAll: Script = async (stream, log) => {
  for (;;) {
    const step = await stream.next().catch((error: unknown) => ({ rejected: String(error) }));
    log.push(step);
    if ('rejected' in step || step.done) break;
  }
  log.push(await stream.next());
};

/** Runs `script` on tapStream and on the reference generator, and expects the same log. */
async function sameAsGenerator(plan: TapPlan, script: Script = readAll): Promise<Log> {
  const tapped: Log = [];
  await script(tapStream(makeTap(plan, tapped)), tapped);
  const expected: Log = [];
  await script(reference(makeTap(plan, expected)), expected);
  expect(tapped).toEqual(expected);
  return tapped;
}

describe('tapStream behaves as its async generator', () => {
  it('passes every event on, starts at the first pull and finishes when the source ends', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a', 'b'] }] });
    expect(log).toContainEqual(['finish', 'completed', undefined, true]);
    expect(log).toContainEqual({ done: false, value: 'b' });
  });

  it('runs nothing when closed before the first pull', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a'] }] }, async (stream, out) => {
      out.push(await stream.return?.('early'));
      out.push(await stream.next());
    });
    expect(log).toEqual([
      { done: true, value: 'early' },
      { done: true, value: undefined },
    ]);
  });

  it('ends with what start throws, without finish', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a'] }], startFails: 'closed circuit' });
    expect(log).toEqual(['start', { rejected: 'closed circuit' }, { done: true, value: undefined }]);
  });

  it('fails with the source error, or with what recover throws instead', async () => {
    const plain = await sameAsGenerator({ sources: [{ events: ['a'], failWith: 'boom' }] });
    expect(plain).toContainEqual(['finish', 'failed', 'boom', true]);
    const mapped = await sameAsGenerator({
      sources: [{ events: [], failWith: 'boom' }],
      recover: 'rethrow',
    });
    expect(mapped).toContainEqual(['recover', 'boom', false]);
    expect(mapped).toContainEqual({ rejected: 'mapped:boom' });
  });

  it('treats an open that throws as a failure of the source', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a'] }], openThrowsAt: 0, recover: 'rethrow' });
    expect(log).toContainEqual(['recover', 'Error: open 0 failed', false]);
  });

  it('opens the source again while recover resolves, counting events per source', async () => {
    const log = await sameAsGenerator({
      sources: [{ events: [], failWith: 'first' }, { events: ['x'], failWith: 'second' }, { events: ['y'] }],
      recover: 'reopen',
    });
    expect(log).toContainEqual(['recover', 'first', false]);
    expect(log).toContainEqual(['recover', 'second', true]);
    expect(log).toContainEqual(['finish', 'completed', undefined, true]);
  });

  it('closes the source when the consumer stops, and finishes as closed', async () => {
    const stopAfterOne: Script = async (stream, out) => {
      out.push(await stream.next());
      out.push(await stream.return?.('bye'));
      out.push(await stream.next());
    };
    const log = await sameAsGenerator({ sources: [{ events: ['a', 'b'] }] }, stopAfterOne);
    expect(log).toContainEqual(['finish', 'closed', undefined, true]);
    expect(log).toContainEqual({ done: true, value: 'bye' });
  });

  it('fails the close with what recover makes of an error from the source return()', async () => {
    const stopAfterOne: Script = async (stream, out) => {
      out.push(await stream.next());
      out.push(await stream.return?.().catch((error: unknown) => ({ rejected: String(error) })));
    };
    const log = await sameAsGenerator(
      { sources: [{ events: ['a', 'b'], failOnReturn: 'stuck' }], recover: 'rethrow' },
      stopAfterOne,
    );
    expect(log).toContainEqual({ rejected: 'mapped:stuck' });
    expect(log).toContainEqual(['finish', 'failed', 'mapped:stuck', true]);
  });

  it('turns a source step that is not an object into a TypeError', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a'], badStep: true }] });
    expect(log.at(-2)).toMatchObject({ rejected: expect.stringContaining('TypeError') });
  });

  it('fails with what finish throws', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a'] }], finishFails: 'store down' });
    expect(log).toContainEqual({ rejected: 'store down' });
  });

  it('answers concurrent pulls in order, one at a time', async () => {
    const log = await sameAsGenerator({ sources: [{ events: ['a', 'b', 'c'] }] }, async (stream, out) => {
      out.push(...(await Promise.all([stream.next(), stream.next(), stream.return?.('r'), stream.next()])));
    });
    expect(log.slice(-4)).toEqual([
      { done: false, value: 'a' },
      { done: false, value: 'b' },
      { done: true, value: 'r' },
      { done: true, value: undefined },
    ]);
  });
});

describe('tapStream.throw', () => {
  it('closes the source, keeps the thrown error and hands it to recover and finish', async () => {
    const log: Log = [];
    const stream = tapStream(
      makeTap({ sources: [{ events: ['a', 'b'], failOnReturn: 'ignored' }], recover: 'rethrow' }, log),
    );
    await stream.next();
    await expect(stream.throw?.('stop')).rejects.toBe('mapped:stop');
    expect(log).toContainEqual('s0.return');
    expect(log).toContainEqual(['recover', 'stop', true]);
    expect(log).toContainEqual(['finish', 'failed', 'mapped:stop', true]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('rejects at once with the error when the stream never started', async () => {
    const log: Log = [];
    const stream = tapStream(makeTap({ sources: [{ events: ['a'] }] }, log));
    await expect(stream.throw?.('early')).rejects.toBe('early');
    expect(log).toEqual([]);
  });

  it('ends quietly when recover forgives an error on the way out', async () => {
    const log: Log = [];
    const stream = tapStream<string>({
      open: () => source({ events: ['a', 'b'], failOnReturn: 'stuck' }, log, 's'),
      recover: () => {},
      finish: (end) => {
        log.push(end.outcome);
      },
    });
    expect(stream[Symbol.asyncIterator]()).toBe(stream);
    await stream.next();
    expect(await stream.return?.('v')).toEqual({ done: true, value: 'v' });
    expect(log.at(-1)).toBe('closed');
  });
});
