import { readFileSync } from 'node:fs';
import { fixturePath, listFixtures } from '@pal/testkit';
import { describe, expect, it } from 'vitest';
import {
  adapterFor,
  callContext,
  chatRequest,
  collect,
  textOf,
  useBedrockEmulator,
} from './bedrock.test-support.js';

const emulator = useBedrockEmulator();
const fixtures = listFixtures('bedrock');

/** A recorded ConverseStream, read straight from the fixture lines (the expected canonical values). */
function recordedStream(name: string) {
  const events = readFileSync(fixturePath('bedrock', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const deltas = events.flatMap((e) => (e.contentBlockDelta ? [e.contentBlockDelta.delta] : []));
  const usage = events.find((e) => e.metadata).metadata.usage;
  const toolStarts = events.flatMap((e) =>
    e.contentBlockStart?.start?.toolUse ? [e.contentBlockStart] : [],
  );
  return {
    text: deltas.map((d) => d.text ?? '').join(''),
    reasoning: deltas.map((d) => d.reasoningContent?.text ?? '').join(''),
    usage: {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens: usage.totalTokens,
    },
    stopReason: events.find((e) => e.messageStop).messageStop.stopReason,
    tools: toolStarts.map((start) => ({
      ...start.start.toolUse,
      input: JSON.parse(
        events
          .filter((e) => e.contentBlockDelta?.contentBlockIndex === start.contentBlockIndex)
          .map((e) => e.contentBlockDelta.delta.toolUse?.input ?? '')
          .join(''),
      ),
    })),
  };
}

describe('recorded Bedrock streams replay into canonical events', () => {
  it('has stream fixtures', () => {
    expect(fixtures.filter((f) => f.endsWith('.chunks.txt')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtures.filter((f) => f.endsWith('.chunks.txt')))('%s', async (name) => {
    const recorded = recordedStream(name);
    emulator.current.replayFixture(fixturePath('bedrock', name));
    const events = await collect(adapterFor(emulator.current).stream(chatRequest(), callContext()));
    expect(textOf(events)).toBe(recorded.text);
    const reasoning = events.flatMap((e) => (e.type === 'reasoning-delta' ? [e.text] : [])).join('');
    expect(reasoning).toBe(recorded.reasoning);
    const finish = events.at(-1);
    expect(finish).toEqual({
      type: 'finish',
      finishReason: { end_turn: 'stop', tool_use: 'tool-calls' }[recorded.stopReason as string],
      usage: recorded.usage,
    });
    recorded.tools.forEach((tool, index) => {
      const deltas = events.flatMap((e) => (e.type === 'tool-call-delta' && e.index === index ? [e] : []));
      expect(deltas[0]).toMatchObject({ id: tool.toolUseId, name: tool.name });
      expect(JSON.parse(deltas.map((d) => d.argumentsDelta).join(''))).toEqual(tool.input);
    });
  });
});

describe('recorded Converse answers replay into canonical results', () => {
  it.each(fixtures.filter((f) => f.endsWith('.json')))('%s', async (name) => {
    const recorded = JSON.parse(readFileSync(fixturePath('bedrock', name), 'utf8'));
    emulator.current.replayFixture(fixturePath('bedrock', name));
    const result = await adapterFor(emulator.current).chat(chatRequest(), callContext());
    const blocks = recorded.output.message.content;
    const text = blocks.flatMap((b: { text?: string }) => (b.text ? [b.text] : [])).join('');
    expect(result.content.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')).toBe(text);
    type Block = { reasoningContent?: { reasoningText: { text: string; signature: string } } };
    const reasoning = blocks.find((b: Block) => b.reasoningContent)?.reasoningContent.reasoningText;
    if (reasoning) {
      expect(result.content).toContainEqual({
        type: 'reasoning',
        text: reasoning.text,
        signature: reasoning.signature,
      });
    }
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual({
      inputTokens: recorded.usage.inputTokens,
      outputTokens: recorded.usage.outputTokens,
      totalTokens: recorded.usage.totalTokens,
    });
  });
});
