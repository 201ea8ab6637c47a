import type { CallContext } from '@pal/core';

/** A non-2xx answer from Ollama: its status, headers and `{"error": …}` body, for the error mapper. */
export class OllamaResponseError extends Error {
  override readonly name = 'OllamaResponseError';
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: unknown,
  ) {
    super(`Ollama answered ${status}`);
  }
}

/** How the adapter reaches the Ollama server. */
export interface OllamaHttp {
  /** Sends a request and parses the JSON answer; throws `OllamaResponseError` on a non-2xx status. */
  json<T>(method: 'GET' | 'POST', path: string, body: unknown, ctx?: Partial<CallContext>): Promise<T>;
  /** POSTs and yields each NDJSON line as parsed JSON; leaving the loop early closes the connection. */
  ndjson(path: string, body: unknown, ctx: Partial<CallContext>): AsyncGenerator<unknown>;
}

/** Options of {@link createOllamaHttp}. */
export interface OllamaHttpOptions {
  baseURL: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** A small fetch-based client for Ollama's JSON and NDJSON endpoints. */
export function createOllamaHttp(options: OllamaHttpOptions): OllamaHttp {
  const base = options.baseURL.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const send = async (method: string, path: string, body: unknown, ctx: Partial<CallContext> = {}) => {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...options.headers,
        ...ctx.headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(ctx.signal && { signal: ctx.signal }),
    });
    if (!response.ok) throw new OllamaResponseError(response.status, response.headers, await response.text());
    return response;
  };
  return {
    async json(method, path, body, ctx) {
      return (await (await send(method, path, body, ctx)).json()) as never;
    },
    async *ndjson(path, body, ctx) {
      const response = await send('POST', path, body, ctx);
      if (!response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) if (line.trim()) yield JSON.parse(line);
        }
        if (buffered.trim()) yield JSON.parse(buffered);
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    },
  };
}
