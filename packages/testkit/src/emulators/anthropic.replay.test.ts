import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixturePath, listFixtures } from '../emulator/fixtures.js';
import { type Emulator, startEmulator } from '../emulator/server.js';

let emu: Emulator;
let client: Anthropic;
const request = {
  model: 'claude-haiku-4-5-20251001',
  max_tokens: 1000,
  messages: [{ role: 'user' as const, content: 'hi' }],
};

beforeAll(async () => {
  emu = await startEmulator('anthropic');
  client = new Anthropic({
    apiKey: 'sk-ant-replay-000000',
    baseURL: emu.url,
    maxRetries: 0,
    timeout: 10_000,
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** The recorded events of a `.chunks.txt` fixture. */
function recordedEvents(name: string): Array<Record<string, any>> {
  return readFileSync(fixturePath('anthropic', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

const chunkFixtures = listFixtures('anthropic').filter((name) => name.endsWith('.chunks.txt'));
const jsonFixtures = listFixtures('anthropic').filter((name) => name.endsWith('.json'));

describe('anthropic emulator: fixture replay through @anthropic-ai/sdk', () => {
  it('finds the recorded fixtures', () => {
    expect(chunkFixtures.length).toBeGreaterThanOrEqual(4);
    expect(jsonFixtures.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of chunkFixtures) {
    it(`replays ${name} byte for byte as event-framed SSE`, async () => {
      const lines = readFileSync(fixturePath('anthropic', name), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      emu.replayFixture(fixturePath('anthropic', name));
      const res = await fetch(`${emu.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'k-123',
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({ ...request, stream: true }),
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const expected = lines.map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`).join('');
      expect(await res.text()).toBe(expected);
    });

    it(`replays ${name} into the SDK's MessageStream with the recorded text, tool input and usage`, async () => {
      const events = recordedEvents(name);
      emu.replayFixture(fixturePath('anthropic', name));
      const final = await client.messages.stream(request).finalMessage();
      const start = events.find((e) => e.type === 'message_start')!.message;
      const delta = events.find((e) => e.type === 'message_delta')!;
      expect(final.id).toBe(start.id);
      expect(final.model).toBe(start.model);
      expect(final.stop_reason).toBe(delta.delta.stop_reason);
      expect(final.usage.output_tokens).toBe(delta.usage.output_tokens);
      expect(final.usage.input_tokens).toBe(delta.usage.input_tokens ?? start.usage.input_tokens);
      const text = events
        .filter((e) => e.type === 'content_block_delta' && e.delta.type === 'text_delta')
        .map((e) => e.delta.text)
        .join('');
      const finalText = final.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      expect(finalText).toBe(text);
      for (const [index, block] of final.content.entries()) {
        if (block.type !== 'tool_use') continue;
        const json = events
          .filter(
            (e) =>
              e.type === 'content_block_delta' && e.index === index && e.delta.type === 'input_json_delta',
          )
          .map((e) => e.delta.partial_json)
          .join('');
        expect(block.input).toEqual(json ? JSON.parse(json) : {});
      }
    });

    it(`replays ${name} to a non-streaming call as the message its events add up to`, async () => {
      const events = recordedEvents(name);
      emu.replayFixture(fixturePath('anthropic', name));
      emu.replayFixture(fixturePath('anthropic', name));
      const message = await client.messages.create(request);
      const streamed = await client.messages.stream(request).finalMessage();
      expect(message.content.map((b) => b.type)).toEqual(streamed.content.map((b) => b.type));
      expect(message.usage.output_tokens).toBe(
        events.find((e) => e.type === 'message_delta')!.usage.output_tokens,
      );
      expect(JSON.stringify(message.content.filter((b) => b.type === 'tool_use'))).toBe(
        JSON.stringify(streamed.content.filter((b) => b.type === 'tool_use')),
      );
    });
  }

  for (const name of jsonFixtures) {
    it(`replays ${name} as the recorded JSON body, and as an equivalent stream`, async () => {
      const recorded = JSON.parse(readFileSync(fixturePath('anthropic', name), 'utf8'));
      emu.replayFixture(fixturePath('anthropic', name));
      const message = await client.messages.create(request);
      expect(JSON.parse(JSON.stringify(message))).toEqual(recorded);
      emu.replayFixture(fixturePath('anthropic', name));
      const streamed = await client.messages.stream(request).finalMessage();
      expect(streamed.usage.output_tokens).toBe(recorded.usage.output_tokens);
      expect(streamed.content.map((b) => ({ ...b, citations: undefined }))).toEqual(
        recorded.content.map((b: object) => ({ ...b, citations: undefined })),
      );
    });
  }
});
