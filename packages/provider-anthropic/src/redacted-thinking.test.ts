import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime } from '@pal/core';
import { type Emulator, startEmulator } from '@pal/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anthropic } from './anthropic.js';

const OPAQUE = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds';
const dir = mkdtempSync(join(tmpdir(), 'pal-redacted-'));
const message = {
  id: 'msg_redacted',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5',
  content: [
    { type: 'redacted_thinking', data: OPAQUE },
    { type: 'text', text: 'The answer is 4.' },
  ],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 30 },
};
const events = [
  {
    type: 'message_start',
    message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: OPAQUE } },
  { type: 'content_block_stop', index: 0 },
  { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'The answer is 4.' } },
  { type: 'content_block_stop', index: 1 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 30 },
  },
  { type: 'message_stop' },
];
writeFileSync(join(dir, 'redacted.json'), JSON.stringify(message));
writeFileSync(join(dir, 'redacted.chunks.txt'), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator('anthropic');
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const runtime = () =>
  createRuntime({ providers: [anthropic({ apiKey: 'sk-ant-redacted-01', baseURL: emu.url })] });
const ask = { model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user' as const, content: '2+2?' }] };

describe('redacted thinking', () => {
  it('comes back as an opaque reasoning part and is sent back unchanged on the next turn', async () => {
    const pal = runtime();
    emu.replayFixture(join(dir, 'redacted.json'));
    const first = await pal.chat(ask);
    expect(first.content[0]).toEqual({ type: 'reasoning', text: '', redactedData: OPAQUE });
    expect(first.text).toBe('The answer is 4.');

    await pal.chat({
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'Why?' },
      ],
    });
    const sent = emu.lastRequest()?.body as { messages: Array<{ role: string; content: unknown }> };
    expect(sent.messages[1]).toMatchObject({
      role: 'assistant',
      content: [
        { type: 'redacted_thinking', data: OPAQUE },
        { type: 'text', text: 'The answer is 4.' },
      ],
    });
  });

  it('survives a stream as its own reasoning part', async () => {
    emu.replayFixture(join(dir, 'redacted.chunks.txt'));
    const result = await runtime().stream(ask).result();
    expect(result.content).toEqual([
      { type: 'reasoning', text: '', redactedData: OPAQUE },
      { type: 'text', text: 'The answer is 4.' },
    ]);
  });
});
