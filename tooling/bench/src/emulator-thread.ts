import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { EmulatorReply, EmulatorRequest } from './emulator-messages.js';

/** The OpenAI emulator running on a worker thread. */
export interface EmulatorThread {
  /** Base URL, e.g. `http://127.0.0.1:53124` (no trailing slash). */
  url: string;
  /** Requests the emulator has received since it started. */
  requestCount(): Promise<number>;
  /** Drops the emulator's recorded requests (the count goes on). */
  reset(): Promise<void>;
  /** Stops the emulator and the thread. */
  close(): Promise<void>;
}

/**
 * Starts the testkit's OpenAI emulator on a worker thread (`emulator-worker.js` beside this module in
 * `dist/`) and resolves once it listens on 127.0.0.1.
 */
export async function startEmulatorThread(): Promise<EmulatorThread> {
  const worker = new Worker(new URL('./emulator-worker.js', import.meta.url));
  const failed = once(worker, 'error').then(([error]) => {
    throw error;
  });
  const ask = async <T extends EmulatorReply['type']>(
    request: EmulatorRequest,
    expected: T,
  ): Promise<Extract<EmulatorReply, { type: T }>> => {
    const answer = nextReply(worker, expected);
    worker.postMessage(request);
    return Promise.race([answer, failed]);
  };
  const ready = await Promise.race([nextReply(worker, 'ready'), failed]);
  return {
    url: ready.url,
    requestCount: async () => (await ask({ type: 'count' }, 'count')).requests,
    reset: async () => {
      await ask({ type: 'reset' }, 'reset');
    },
    close: async () => {
      await ask({ type: 'close' }, 'close');
      await worker.terminate();
    },
  };
}

function nextReply<T extends EmulatorReply['type']>(
  worker: Worker,
  expected: T,
): Promise<Extract<EmulatorReply, { type: T }>> {
  return new Promise((resolve) => {
    const listen = (message: EmulatorReply) => {
      if (message.type !== expected) return;
      worker.off('message', listen);
      resolve(message as Extract<EmulatorReply, { type: T }>);
    };
    worker.on('message', listen);
  });
}
