import { PalError } from '../errors/pal-error.js';
import { type ByteSource, readTextChunks } from './read-text-chunks.js';

/** Options for `parseNDJSON`. */
export interface NDJSONOptions {
  /** Named in the SERIALIZATION_ERROR of a malformed line. */
  provider?: string;
  model?: string;
}

function parseLine<T>(line: string, lineNumber: number, options: NDJSONOptions): T {
  try {
    return JSON.parse(line) as T;
  } catch (error) {
    const excerpt = line.length > 200 ? `${line.slice(0, 200)}…` : line;
    throw new PalError({
      code: 'SERIALIZATION_ERROR',
      message: `Malformed NDJSON line ${lineNumber}: ${excerpt}`,
      ...(options.provider !== undefined && { provider: options.provider }),
      ...(options.model !== undefined && { model: options.model }),
      details: { line: lineNumber },
      cause: error,
    });
  }
}

/**
 * Parses a newline-delimited JSON body (Ollama's streams) into values: blank lines are
 * skipped, CRLF accepted, a last line without a newline parsed. A malformed line throws
 * SERIALIZATION_ERROR. Breaking out of the loop cancels the body.
 */
export async function* parseNDJSON<T = unknown>(
  body: ByteSource,
  options: NDJSONOptions = {},
): AsyncGenerator<T> {
  let buffer = '';
  let lineNumber = 0;
  for await (const text of readTextChunks(body)) {
    buffer += text;
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      lineNumber++;
      if (line) yield parseLine<T>(line, lineNumber, options);
      newline = buffer.indexOf('\n');
    }
  }
  const last = buffer.trim();
  if (last) yield parseLine<T>(last, lineNumber + 1, options);
}
