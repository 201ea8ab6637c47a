import { PalError, type StartEvent, type StreamEvent } from '@pal/core';

/** A routed stream that has started: its `start` event, and the events after it. */
export interface OpenedStream {
  start: StartEvent;
  /** Every event after `start`; `return()` it to close the stream (and its upstream request). */
  rest: AsyncIterator<StreamEvent>;
}

/**
 * Reads a routed stream up to its `start` before anything is written to the client, so a failure
 * the router met before the first token (unknown model, every target down) is thrown, to be
 * answered with its HTTP status instead of a 200 that carries an error. The router holds `start`
 * back until the first token, so the target it names is the one that serves.
 */
export async function openStream(stream: AsyncIterable<StreamEvent>): Promise<OpenedStream> {
  const rest = stream[Symbol.asyncIterator]();
  const first = await rest.next();
  if (first.done)
    throw new PalError({ code: 'STREAM_ERROR', message: 'The stream ended before its first event' });
  const head = first.value;
  if (head.type === 'error') throw head.error;
  if (head.type === 'start') return { start: head, rest };
  // a stream without a start (the kernel always sends one): the head is the first event after it
  let replayed = false;
  const withHead: AsyncIterator<StreamEvent> = {
    next: () => {
      if (replayed) return rest.next();
      replayed = true;
      return Promise.resolve({ done: false, value: head });
    },
    return: async () => (await rest.return?.()) ?? { done: true, value: undefined },
  };
  return { start: { type: 'start', provider: '', model: '' }, rest: withHead };
}
