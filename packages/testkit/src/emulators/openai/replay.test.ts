import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, listFixtures } from '../../emulator/fixtures.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';

let emu: Emulator;
let client: OpenAI;

beforeAll(async () => {
  emu = await startEmulator('openai');
  client = new OpenAI({ apiKey: 'sk-test-replay-0000', baseURL: `${emu.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await emu.close();
});

/** The parts of a recorded body or event the checks read. */
interface Recorded {
  type?: string;
  object?: string;
  id?: string;
  usage?: unknown;
  error?: { code?: string; type?: string; param?: string | null; message: string };
  output?: Array<{ type: string; content?: Array<{ type: string; text?: string }> }>;
}

const fixtures = listFixtures('openai');
const lines = (name: string) =>
  readFileSync(fixturePath('openai', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Recorded);
const json = (name: string) => JSON.parse(readFileSync(fixturePath('openai', name), 'utf8')) as Recorded;

async function replayJson(name: string): Promise<void> {
  const recorded = json(name);
  emu.replayFixture(fixturePath('openai', name));
  if (recorded.error) {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({
      code: recorded.error.code,
      type: recorded.error.type,
      param: recorded.error.param,
    });
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(
      recorded.error.code === 'insufficient_quota' ? 429 : 400,
    );
  } else if (recorded.object === 'chat.completion') {
    const result = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(result).toEqual(recorded);
  } else if (recorded.object === 'response') {
    const result = await client.responses.create({ model: 'gpt-4o', input: 'x' });
    const texts = (recorded.output ?? [])
      .filter((item) => item.type === 'message')
      .flatMap((item) => (item.content ?? []).filter((c) => c.type === 'output_text').map((c) => c.text));
    expect(result.id).toBe(recorded.id);
    expect(result.output_text).toBe(texts.join(''));
    expect(result.usage).toEqual(recorded.usage);
  } else {
    throw new Error(`No replay check for the JSON fixture ${name}`);
  }
}

async function replayChunks(name: string): Promise<void> {
  const recorded = lines(name);
  emu.replayFixture(fixturePath('openai', name));
  if (typeof recorded[0]!.type === 'string') {
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const seen: string[] = [];
    const failure = recorded.find((event) => event.type === 'error');
    const iterate = async () => {
      for await (const event of stream) seen.push(event.type);
    };
    if (failure) {
      const error = await iterate().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as Error).message).toContain(failure.error!.message);
      expect(seen).toEqual(recorded.slice(0, recorded.indexOf(failure)).map((event) => event.type));
    } else {
      await iterate();
      expect(seen).toEqual(recorded.map((event) => event.type));
    }
  } else {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toEqual(recorded);
  }
}

describe('every recorded OpenAI fixture replays through the openai SDK', () => {
  it('has fixtures to replay', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(9);
  });

  it.each(fixtures)('%s', async (name) => {
    await (name.endsWith('.chunks.txt') ? replayChunks(name) : replayJson(name));
  });

  it('serves a fixture for the next call only', async () => {
    emu.replayFixture(fixturePath('openai', 'openai-text.json'));
    const first = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    const second = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(first.id).toBe(json('openai-text.json').id);
    expect(second.choices[0]!.message.content).toBe('Echo: x');
  });

  it('applies a scripted cut to a replayed stream', async () => {
    emu.replayFixture(fixturePath('openai', 'openai-text.chunks.txt'));
    emu.script({ fault: { type: 'cut', afterChunks: 10 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let count = 0;
    const error = await (async () => {
      for await (const _ of stream) count++;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(count).toBe(10);
  });
});
