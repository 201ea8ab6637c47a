/** A response body: a web `ReadableStream` or any async iterable of bytes (Node streams included). */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Decodes a byte stream as UTF-8 text chunks (multi-byte characters split across chunks
 * are kept whole). Stopping early cancels the stream, which closes the upstream connection.
 */
export async function* readTextChunks(body: ByteSource): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  if (typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    let done = false;
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        const text = decoder.decode(chunk.value, { stream: true });
        if (text) yield text;
      }
      done = true;
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
