import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';

/** A request from either protocol, handled through Node's HTTP/1 or HTTP/2 compatibility API. */
export type AnyRequest = IncomingMessage | Http2ServerRequest;
/** A response to either protocol. */
export type AnyResponse = ServerResponse | Http2ServerResponse;
/** The one handler both protocols share. */
export type AnyRequestHandler = (req: AnyRequest, res: AnyResponse) => void;

/** The first bytes of the HTTP/2 connection preface (`PRI * HTTP/2.0…`), enough to tell h2c from HTTP/1. */
const H2_PREFACE_START = Buffer.from('PRI * HTTP/2.0');

/** A listening server that speaks HTTP/1.1 and cleartext HTTP/2 on one port. */
export interface DualProtocolListener {
  port: number;
  host: string;
  /** Destroys every open socket and HTTP/2 session, then stops listening. Never hangs. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` and peeks at each connection's first bytes: the HTTP/2 preface goes to an
 * `http2` server (h2c with prior knowledge), anything else to an `http` server; both use `handler`.
 */
export async function listenDualProtocol(
  handler: AnyRequestHandler,
  options: { host: string; port: number },
): Promise<DualProtocolListener> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  const http1 = createHttpServer(handler);
  http1.keepAliveTimeout = 5_000;
  const http2 = createHttp2Server({}, handler);
  http2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.on('error', () => session.destroy()); // a broken client must not crash the test process
    session.once('close', () => sessions.delete(session));
  });

  const dispatch = (socket: Socket, seen: Buffer): void => {
    const isH2 = seen.subarray(0, H2_PREFACE_START.length).equals(H2_PREFACE_START.subarray(0, seen.length));
    socket.unshift(seen);
    (isH2 ? http2 : http1).emit('connection', socket);
  };

  // like Node's own http server: no Nagle delay, or each small response waits ~40 ms for an ACK
  const server: Server = createNetServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let seen = Buffer.alloc(0);
    const onReadable = (): void => {
      for (
        let chunk = socket.read() as Buffer | null;
        chunk !== null;
        chunk = socket.read() as Buffer | null
      ) {
        seen = Buffer.concat([seen, chunk]);
      }
      const decided =
        seen.length >= H2_PREFACE_START.length ||
        (seen.length > 0 && !H2_PREFACE_START.subarray(0, seen.length).equals(seen));
      if (!decided) return;
      socket.removeListener('readable', onReadable);
      dispatch(socket, seen);
    };
    socket.on('readable', onReadable);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    host: options.host,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
