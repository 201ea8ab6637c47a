import type { VendorReply } from '../../emulator/types.js';
import { bedrockErrorReply } from './errors.js';
import { EVENT_STREAM_CONTENT_TYPE, eventFrame, exceptionFrame } from './event-frames.js';

/**
 * Re-frames a recorded Bedrock fixture. A `*.chunks.txt` line is one decoded event
 * (`{"contentBlockDelta":{…}}`): its only key becomes `:event-type` (or `:exception-type` for
 * `…Exception` keys) and its value the payload. A `*.json` fixture is a Converse body, or an
 * error body (`{"message": …}`) sent as a 400 ValidationException.
 */
export function replayBedrockFixture(fixture: { format: 'json' | 'chunks'; text: string }): VendorReply {
  if (fixture.format === 'json') {
    const body = JSON.parse(fixture.text) as Record<string, unknown>;
    if (body.output === undefined && typeof body.message === 'string') {
      const type = typeof body.__type === 'string' ? body.__type.split('#').at(-1) : undefined;
      return bedrockErrorReply(type ?? 'ValidationException', body.message);
    }
    return { kind: 'json', status: 200, body };
  }
  const frames = fixture.text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const event = JSON.parse(line) as Record<string, unknown>;
      const [name, payload] = Object.entries(event)[0] ?? [];
      if (name === undefined) throw new Error(`bedrock fixture line has no event: ${line}`);
      return name.endsWith('Exception')
        ? exceptionFrame(name, payload as Record<string, unknown>)
        : eventFrame(name, payload);
    });
  return { kind: 'stream', contentType: EVENT_STREAM_CONTENT_TYPE, frames };
}
