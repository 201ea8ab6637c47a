import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/**
 * Makes every `net` server created afterwards in this thread switch Nagle's algorithm off on the
 * sockets it accepts (`noDelay`), as Node's own `http` server and real vendor endpoints do.
 *
 * Why: the testkit emulator accepts connections on a plain `net` server (to tell h2c from HTTP/1)
 * and hands them to `http` without `setNoDelay`, so a reply written in two parts waits for the
 * client's delayed ACK: about 20 ms per request on Linux, which would drown every client-side cost
 * this benchmark wants to see. Call it before `@pal/testkit` is loaded (its named import of
 * `createServer` is re-bound by `syncBuiltinESMExports`). Remove once the emulator sets `noDelay`.
 */
export function enableTcpNoDelayOnNewServers(): void {
  const original = net.createServer;
  const withNoDelay = ((...args: Parameters<typeof net.createServer>) => {
    const server = original(...args);
    server.on('connection', (socket: net.Socket) => socket.setNoDelay(true));
    return server;
  }) as typeof net.createServer;
  net.createServer = withNoDelay;
  syncBuiltinESMExports();
}
