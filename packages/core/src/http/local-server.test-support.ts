import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the local test server received, with its body read. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real node:http server on 127.0.0.1 (random port) for http toolkit tests. */
export interface LocalServer {
  url: string;
  received: ReceivedRequest[];
  /** Distinct sockets the server accepted. */
  readonly sockets: number;
  /** Most requests being handled at the same time. */
  readonly peakInFlight: number;
  close(): Promise<void>;
}

/** Test support: starts a server whose `handler` answers each request (after its body was read). */
export async function startLocalServer(
  handler: (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>,
): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const open = new Set<Socket>();
  let sockets = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const server = createServer(async (req, res) => {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    received.push(request);
    await handler(request, res);
  });
  server.on('connection', (socket) => {
    sockets++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get sockets() {
      return sockets;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
