import { describe, expect, it } from 'vitest';
import type { Message } from '../contracts/message.js';
import { contentText } from './content-text.js';
import { type ConversationMessage, toAlternatingTurns } from './alternating-turns.js';

/** A stand-in for a vendor translator: one text part per message, none for empty text. */
const textParts = (message: ConversationMessage) => {
  const text = message.role === 'tool' ? `result ${message.toolCallId}` : contentText(message.content);
  return text ? [text] : [];
};

describe('toAlternatingTurns', () => {
  it('skips system messages and names the assistant role as the vendor does', () => {
    const messages: Message[] = [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ];
    expect(toAlternatingTurns(messages, 'model', textParts)).toEqual([
      { role: 'user', parts: ['hi'] },
      { role: 'model', parts: ['hello'] },
    ]);
  });

  it('puts tool results in user turns and merges them with each other and the user text after them', () => {
    const messages: Message[] = [
      { role: 'user', content: 'weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'a', name: 'weather', arguments: { city: 'Paris' } },
          { type: 'tool-call', id: 'b', name: 'weather', arguments: { city: 'Rome' } },
        ],
      },
      { role: 'tool', toolCallId: 'a', content: 'sunny' },
      { role: 'tool', toolCallId: 'b', content: 'rain' },
      { role: 'user', content: 'and tomorrow?' },
    ];
    const turns = toAlternatingTurns(messages, 'assistant', (m) =>
      m.role === 'assistant' ? ['calls'] : textParts(m),
    );
    expect(turns).toEqual([
      { role: 'user', parts: ['weather in Paris and Rome?'] },
      { role: 'assistant', parts: ['calls'] },
      { role: 'user', parts: ['result a', 'result b', 'and tomorrow?'] },
    ]);
  });

  it('drops messages without parts, so the turns around them merge', () => {
    const messages: Message[] = [
      { role: 'user', content: 'one' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'two' },
    ];
    expect(toAlternatingTurns(messages, 'assistant', textParts)).toEqual([
      { role: 'user', parts: ['one', 'two'] },
    ]);
  });

  it("passes each message's index in the original list, system messages counted", () => {
    const seen: number[] = [];
    const messages: Message[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'assistant', content: 'a' },
    ];
    toAlternatingTurns(messages, 'assistant', (m, index) => {
      seen.push(index);
      return textParts(m);
    });
    expect(seen).toEqual([1, 2]);
  });

  it('gives no turns for no conversation', () => {
    expect(toAlternatingTurns([{ role: 'system', content: 's' }], 'assistant', textParts)).toEqual([]);
  });
});
