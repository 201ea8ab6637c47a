import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/** The content type of a Bedrock event stream (ConverseStream, InvokeModelWithResponseStream). */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const str = (value: string) => ({ type: 'string' as const, value });

/**
 * One `:message-type: event` frame, headers in the order real captures use; `payload` is the bare
 * event body (`{"contentBlockIndex":0,"delta":{"text":"Hi"}}`), not wrapped in the event name.
 */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': str(eventType),
      ':content-type': str('application/json'),
      ':message-type': str('event'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/**
 * One `:message-type: exception` frame. `memberName` is the lower-camel union member
 * (`throttlingException`), which the SDK turns into the modelled exception class.
 */
export function exceptionFrame(memberName: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': str(memberName),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/** A well-formed text delta frame whose trailing message CRC has one byte flipped. */
export function corruptedCrcFrame(): Uint8Array {
  const frame = eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'corrupted' } });
  const copy = new Uint8Array(frame);
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0xff;
  return copy;
}

/** Decodes one frame (for tests and debugging); throws on a CRC mismatch like the SDK does. */
export function decodeFrame(frame: Uint8Array): { headers: Record<string, unknown>; payload: string } {
  const message = codec.decode(frame);
  const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, v.value]));
  return { headers, payload: toUtf8(message.body) };
}
