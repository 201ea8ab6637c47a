import { constants as h2 } from 'node:http2';
import type { Socket } from 'node:net';
import type { AnyRequest, AnyResponse } from './dual-protocol-listener.js';

/** Headers HTTP/2 forbids (connection-specific); dropped when answering over h2c. */
const H2_FORBIDDEN_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
]);

/**
 * One response being written, over HTTP/1.1 or HTTP/2: knows whether the client went away, and can
 * destroy the connection (HTTP/1) or reset the stream (HTTP/2) on purpose.
 */
export class ReplyChannel {
  /** True once `end()` was called (the HTTP/2 compat layer emits 'finish' even for a cancelled stream). */
  ended = false;
  /** True once the connection or stream closed, for any reason. */
  closed = false;
  /** True when the client closed before the response was finished (not counting our own destroys). */
  clientClosedEarly = false;
  private destroyedByUs = false;
  private readonly closeWaiters = new Set<() => void>();

  /**
   * @param onClientGone called once when the client closes the connection before the response is finished.
   */
  constructor(
    private readonly req: AnyRequest,
    private readonly res: AnyResponse,
    onClientGone?: () => void,
  ) {
    const onClose = (): void => {
      if (this.closed) return;
      this.closed = true;
      if (!this.ended && !this.destroyedByUs) {
        this.clientClosedEarly = true;
        onClientGone?.();
      }
      for (const wake of this.closeWaiters) wake();
      this.closeWaiters.clear();
    };
    res.on('close', onClose);
    // HTTP/1 responses emit 'close' when their socket closes; HTTP/2 streams are watched directly
    if (this.isHttp2) (req as { stream: NodeJS.EventEmitter }).stream.on('close', onClose);
  }

  /** True when the request came over HTTP/2. */
  get isHttp2(): boolean {
    return this.req.httpVersionMajor === 2;
  }

  /** Writes the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): void {
    if (this.closed) return;
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (this.isHttp2 && H2_FORBIDDEN_HEADERS.has(lower)) continue;
      out[lower] = value;
    }
    (this.res as { writeHead(status: number, headers: Record<string, string>): unknown }).writeHead(
      status,
      out,
    );
    // send headers now so clients see a started response even before the first frame
    (this.res as { flushHeaders?: () => void }).flushHeaders?.();
  }

  /** Writes one chunk and waits until it is flushed to the connection (or the connection closes). */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.closeWaiters.delete(done);
        resolve();
      };
      this.closeWaiters.add(done);
      (this.res as { write(chunk: string | Uint8Array, cb: () => void): boolean }).write(chunk, done);
    });
  }

  /** Ends the response, optionally with a last chunk. */
  end(chunk?: string | Uint8Array): void {
    if (this.closed) return;
    this.ended = true;
    if (chunk === undefined) this.res.end();
    else (this.res as { end(chunk: string | Uint8Array): void }).end(chunk);
  }

  /**
   * Tears the connection down on purpose. HTTP/2 resets the stream with INTERNAL_ERROR. HTTP/1 either
   * resets the TCP connection at once (`'reset'`) or closes it once the written data is flushed
   * (`'cut'`, so the client sees a truncated body).
   */
  destroy(mode: 'reset' | 'cut' = 'cut'): void {
    if (this.closed) return;
    this.destroyedByUs = true;
    if (this.isHttp2) {
      const stream = (this.req as { stream: { close(code: number): void } }).stream;
      stream.close(h2.NGHTTP2_INTERNAL_ERROR);
    } else {
      const socket = this.req.socket as Socket;
      if (mode === 'reset') {
        socket.resetAndDestroy();
        return;
      }
      socket.once('finish', () => socket.destroy());
      socket.end();
    }
  }

  /** Waits `ms`, or less when the connection closes first. */
  wait(ms: number): Promise<void> {
    if (this.closed || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.closeWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.closeWaiters.add(done);
    });
  }
}
