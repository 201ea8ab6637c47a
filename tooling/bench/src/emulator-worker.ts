/**
 * Worker-thread entry: runs the testkit's OpenAI emulator (`startEmulator('openai')`, 127.0.0.1,
 * random port) on its own thread, so the server's work does not share the event loop being timed.
 * Talks to {@link startEmulatorThread} by messages: `ready` with the URL, then answers `count`,
 * `reset` and `close`.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import type { EmulatorReply, EmulatorRequest } from './emulator-messages.js';

const port = parentPort;
if (!port) throw new Error('emulator-worker must run in a worker thread');

const { startEmulator } = await import('@pal/testkit');
const emulator = await startEmulator('openai', { host: '127.0.0.1' });
const reply = (message: EmulatorReply) => port.postMessage(message);
let served = 0;

port.on('message', async (message: EmulatorRequest) => {
  switch (message.type) {
    case 'count':
      reply({ type: 'count', requests: served + emulator.requests.length });
      break;
    case 'reset':
      // keeps the recorded-request list short on long runs; the running count survives
      served += emulator.requests.length;
      emulator.reset();
      reply({ type: 'reset' });
      break;
    case 'close':
      await emulator.close();
      reply({ type: 'close' });
      port.close();
      break;
  }
});
reply({ type: 'ready', url: emulator.url });
