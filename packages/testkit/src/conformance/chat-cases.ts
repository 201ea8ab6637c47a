import { expect, it } from 'vitest';
import { NATIVE_LENGTH_FINISH } from './conformance-options.js';
import { type ConformanceHarness, drain, eventOf, streamedText } from './harness.js';

const SYSTEM_PROMPT = 'You are a terse pirate named Conformance Charlie.';

/** Registers the plain chat tests: text, system prompt, multi-turn, streaming, usage and finish reasons. */
export function registerChatCases(h: ConformanceHarness): void {
  const chat = (content: string) => ({
    model: h.ref(h.options.models.chat),
    messages: [{ role: 'user' as const, content }],
  });
  const streaming = h.options.capabilities.streaming !== false;

  it('chat: returns the vendor text, a stop finish and the provider id', async () => {
    h.emulator.script({ text: 'Hello from the emulator.' });
    const result = await h.runtime().chat(chat('Say hello'));
    expect(result.text).toBe('Hello from the emulator.');
    expect(result.finishReason).toBe('stop');
    expect(result.provider).toBe(h.adapter.id);
    expect(h.emulator.requests).toHaveLength(1);
  });

  it('chat: the system prompt reaches the vendor', async () => {
    await h.runtime().chat({
      model: h.ref(h.options.models.chat),
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: 'Who are you?' },
      ],
    });
    expect(JSON.stringify(h.emulator.requests[0]?.body)).toContain(SYSTEM_PROMPT);
  });

  it('chat: every turn of a multi-turn conversation is sent, and the last user turn is answered', async () => {
    const result = await h.runtime().chat({
      model: h.ref(h.options.models.chat),
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: 'second question' },
      ],
    });
    const sent = JSON.stringify(h.emulator.requests[0]?.body);
    for (const turn of ['first question', 'first answer', 'second question']) expect(sent).toContain(turn);
    expect(sent.indexOf('first question')).toBeLessThan(sent.indexOf('second question'));
    expect(result.text).toContain('second question');
  });

  it.runIf(streaming)('stream: text deltas concatenate to the non-stream text', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    h.emulator.script({ text, chunks: 4 }, { text, chunks: 4 });
    const whole = await h.runtime().chat(chat('Tell me about foxes'));
    const events = await drain(h.runtime().stream(chat('Tell me about foxes')));
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(1);
    expect(streamedText(events)).toBe(whole.text);
    expect(eventOf(events, 'finish').finishReason).toBe('stop');
  });

  it('usage: the vendor numbers are reported for chats (input + output = total)', async () => {
    h.emulator.script({ text: 'counted', usage: { inputTokens: 11, outputTokens: 7 } });
    const { usage } = await h.runtime().chat(chat('count me'));
    expect(usage).toMatchObject({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
    expect(usage.estimated).not.toBe(true);
  });

  it.runIf(streaming)('usage: the vendor numbers are reported for streams too', async () => {
    h.emulator.script({ text: 'counted as well', usage: { inputTokens: 13, outputTokens: 5 } });
    const events = await drain(h.runtime().stream(chat('count me')));
    const { usage } = eventOf(events, 'finish');
    expect(usage).toMatchObject({ inputTokens: 13, outputTokens: 5, totalTokens: 18 });
    expect(usage.estimated).not.toBe(true);
  });

  it(`finish: the vendor's "${NATIVE_LENGTH_FINISH[h.options.vendor]}" maps to "length" (chat and stream)`, async () => {
    const native = NATIVE_LENGTH_FINISH[h.options.vendor];
    h.emulator.script(
      { text: 'cut short', finishReason: native },
      { text: 'cut short', finishReason: native },
    );
    expect((await h.runtime().chat(chat('Write a long essay'))).finishReason).toBe('length');
    if (!streaming) return;
    const events = await drain(h.runtime().stream(chat('Write a long essay')));
    expect(eventOf(events, 'finish').finishReason).toBe('length');
  });
}
