import { createScriptedAdapter } from '@pal/testkit/scripted';
import { describe, expect, it } from 'vitest';
import { PalError } from '../errors/pal-error.js';
import type { TelemetryEvent } from '../telemetry/telemetry-sink.js';
import { PalStream } from './pal-stream.js';
import { createRuntime } from './runtime.js';

// a stream that ends with an error event is over: its source is closed, so the call it serves ends

const ask = { model: 'acme/m1', messages: [{ role: 'user' as const, content: 'hi' }] };

function failingMidway() {
  const events: TelemetryEvent[] = [];
  const runtime = createRuntime({
    providers: [
      createScriptedAdapter({
        id: 'acme',
        models: [{ id: 'm1' }],
        script: [
          {
            type: 'stream',
            events: [{ type: 'text-delta', text: 'partial' }],
            error: new PalError({ code: 'STREAM_ERROR', retryable: false }),
          },
        ],
      }),
    ],
    telemetry: { emit: (event) => void events.push(event) },
  });
  return { runtime, events };
}

describe('a stream that fails after it started', () => {
  it('ends its call when read with result(): nothing left in flight, call-end emitted', async () => {
    const { runtime, events } = failingMidway();
    await expect(runtime.stream(ask).result()).rejects.toMatchObject({ code: 'STREAM_ERROR' });
    expect(runtime.state.inFlight('acme')).toBe(0);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['error', 'call-end']);
  });

  it('ends its call when iterated to its error event', async () => {
    const { runtime, events } = failingMidway();
    const seen: string[] = [];
    for await (const event of runtime.stream(ask)) seen.push(event.type);
    expect(seen.at(-1)).toBe('error');
    expect(runtime.state.inFlight()).toBe(0);
    expect(events.filter((e) => e.type === 'call-end')).toHaveLength(1);
  });

  it('closes a source suspended at its error event', async () => {
    let closed = false;
    async function* source() {
      try {
        yield { type: 'text-delta' as const, text: 'x' };
        yield { type: 'error' as const, error: new PalError({ code: 'STREAM_ERROR' }) };
        yield { type: 'text-delta' as const, text: 'never read' };
      } finally {
        closed = true;
      }
    }
    await expect(new PalStream(source()).result()).rejects.toMatchObject({ code: 'STREAM_ERROR' });
    expect(closed).toBe(true);
  });
});
