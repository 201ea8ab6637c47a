import { createRuntime, type TelemetryEvent } from '@pal/core';
import { openai } from '@pal/provider-openai';
import { createRouter } from '@pal/router';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway } from '../gateway.js';

let emu: Emulator;
let app: ReturnType<typeof createGateway>;
const events: TelemetryEvent[] = [];

beforeAll(async () => {
  emu = await startEmulator('openai');
  const runtime = createRuntime({
    providers: [openai({ apiKey: 'sk-test', baseURL: `${emu.url}/v1` })],
    policies: { retry: { maxAttempts: 1 } },
    telemetry: { emit: (event) => void events.push(event) },
  });
  app = createGateway({ router: createRouter({ runtime }), runtime });
});
afterAll(() => emu.close());
beforeEach(() => {
  events.length = 0;
  emu.reset();
});

const post = (body: Record<string, unknown>) =>
  app.request('/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'openai/gpt-5.4-mini',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'Hi' }],
      ...body,
    }),
  });
const callEnds = () => events.filter((e) => e.type === 'call-end');

describe('the gateway ends the calls it starts (one call-end each, under its request id)', () => {
  it('for a JSON answer', async () => {
    const response = await post({});
    expect(response.status).toBe(200);
    expect(callEnds()).toHaveLength(1); // ended before the answer was written
    expect(callEnds()[0]).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      outcome: 'success',
      operation: 'chat',
      attempts: 1,
    });
  });

  it('for a stream, once it has ended', async () => {
    const response = await post({ stream: true });
    expect(await response.text()).toContain('event: message_stop');
    await expect.poll(() => callEnds().length).toBe(1);
    expect(callEnds()[0]).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      outcome: 'success',
      operation: 'stream',
    });
  });

  it('for a failure', async () => {
    emu.script({ fault: { type: 'error', kind: 'server' } });
    const response = await post({});
    expect(response.status).toBe(502);
    expect(callEnds()).toHaveLength(1);
    expect(callEnds()[0]).toMatchObject({
      requestId: response.headers.get('x-request-id'),
      outcome: 'error',
    });
  });
});
